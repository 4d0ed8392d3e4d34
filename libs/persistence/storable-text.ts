/**
 * What Postgres cannot hold exactly. Text and jsonb are UTF-8 and refuse NUL; a lone UTF-16
 * surrogate has no UTF-8 encoding at all, so jsonb refuses it and the pg driver quietly turns it
 * into U+FFFD in text. Everything else a JS string can carry (astral characters, U+FFFE, controls)
 * is stored and read back unchanged.
 */
// eslint-disable-next-line no-control-regex -- NUL is what we look for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export interface UnstorableCharacter {
  index: number;
  codeUnit: number;
  kind: 'nul' | 'lone-surrogate';
}

/** The first character of `s` Postgres cannot store exactly, if any. */
export function findUnstorable(s: string): UnstorableCharacter | undefined {
  const match = UNSTORABLE.exec(s);
  if (!match) return undefined;
  const codeUnit = match[0].charCodeAt(0);
  return { index: match.index, codeUnit, kind: codeUnit === 0 ? 'nul' : 'lone-surrogate' };
}

/** `U+D800` */
export const codePointLabel = (codeUnit: number): string => `U+${codeUnit.toString(16).toUpperCase().padStart(4, '0')}`;

/** The string as Postgres will hold it: NUL and lone surrogates become U+FFFD, as the driver does to the latter. */
export function storableText(s: string): string {
  return s.replace(UNSTORABLE_ALL, '\ufffd');
}

/**
 * A backslash run of odd length before `u0000` or `ud8xx`…`udfxx` is JSON.stringify's escape of
 * NUL or of a lone surrogate (it writes valid pairs as themselves, never escaped).
 */
const ESCAPED_UNSTORABLE = /(\\+)u(?:0000|d[89a-f][0-9a-f]{2})/gi;

/**
 * A JSON value as a jsonb column will hold it and hand back: what JSON.stringify makes of it
 * (undefined members dropped, -0 as 0, NaN and Infinity as null, a Date as its ISO string, toJSON
 * applied) with NUL and lone surrogates in strings and keys replaced by U+FFFD. Numbers need no
 * care: JSON.stringify writes the shortest decimal that reads back as the same double, jsonb's
 * numeric keeps that decimal exactly, and JSON.parse reads it back to the same double. Key order
 * and whitespace jsonb changes, which canonical hashing ignores. Iterative parts only: JSON.stringify
 * and JSON.parse are native, and our inputs are bounded in depth at the door.
 */
export function storedJson<T>(value: T, onReplaced?: (count: number) => void): T {
  const text = JSON.stringify(value);
  if (text === undefined) return null as T;
  let replaced = 0;
  const fixed = text.replace(ESCAPED_UNSTORABLE, (escape: string, slashes: string) => {
    if (slashes.length % 2 === 0) return escape;
    replaced += 1;
    return `${slashes.slice(0, -1)}\\ufffd`;
  });
  if (replaced && onReplaced) onReplaced(replaced);
  return JSON.parse(fixed) as T;
}

/**
 * A varchar(n) value as Postgres will hold it: it counts code points, silently drops trailing
 * spaces beyond n and refuses anything else beyond n. We cut at n so that neither happens: an
 * over-long value would otherwise stop the case's every projection.
 */
export function storedVarchar(s: string, width: number): string {
  const text = storableText(s);
  if (text.length <= width) return text;
  const points = Array.from(text);
  return points.length <= width ? text : points.slice(0, width).join('');
}
