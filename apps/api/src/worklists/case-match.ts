/**
 * What a search box's text can mean for a case, as SQL over `cases` (alias `c`): its 受理编号
 * (whole, `2026-123`, or the number alone), its id, its enterprise's 统一社会信用代码 (whole or
 * its beginning), or part of the enterprise's name. Each alternative is answered from an index
 * (migration 1765100000000-worklists); a name is narrowed by its character pairs (`name_grams`),
 * then checked with LIKE.
 */

export class SqlParams {
  readonly values: unknown[] = [];

  /** `$n` for a new bound value. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The predicate on `c` for the text `q`, its values bound in `params`. */
export function caseMatch(q: string, params: SqlParams): string {
  const text = q.trim();
  const alternatives: string[] = [];
  const add = (sql: string) => alternatives.push(`(${sql})`);

  add(`c.id = ${params.add(text)}`);
  // 受理编号: 京科受〔2026〕000123, 2026-123, 2026〔123〕…, or only the sequence (any year).
  add(`c.receipt_number = ${params.add(text)}`);
  const yearAndSeq = /^(?:\D*?)(\d{4})\D+(\d{1,7})\D*$/.exec(text);
  if (yearAndSeq) add(`c.receipt_year = ${params.add(Number(yearAndSeq[1]))} AND c.receipt_seq = ${params.add(Number(yearAndSeq[2]))}`);
  if (/^\d{1,7}$/.test(text)) add(`c.receipt_seq = ${params.add(Number(text))}`);
  // 统一社会信用代码: 18 characters, or its first 4–17.
  const upper = text.toUpperCase();
  if (/^[0-9A-Z]{18}$/.test(upper)) add(`c.applicant_id = ${params.add(upper)}`);
  else if (/^[0-9A-Z]{4,17}$/.test(upper)) add(`c.applicant_id LIKE ${params.add(`${likeEscaped(upper)}%`)}`);
  // Part of the enterprise's name.
  const name = params.add(text);
  add(`name_grams(c.enterprise_name) @> name_grams(${name}) AND c.enterprise_name ILIKE ${params.add(`%${likeEscaped(text)}%`)}`);
  return `(${alternatives.join(' OR ')})`;
}
