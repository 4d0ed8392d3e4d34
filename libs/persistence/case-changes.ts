/**
 * Every projection tells whoever listens on this Postgres channel which case changed and whose
 * inboxes it touches, in the same transaction as the write (NOTIFY is delivered on commit, so a
 * listener never hears of a change it cannot yet read). The API's long polls wait on it.
 */
export const CASE_CHANGES_CHANNEL = 'case_changes';

export interface CaseChange {
  /** Case id. */
  c: string;
  /** The case's read-model version after the write. */
  v: number;
  /** Agencies whose inbox the write moved: those of the steps written, and any a step was reassigned away from. */
  a: string[];
  /** Experts sitting on a panel the write touched. */
  e: string[];
}

/** Who is waiting on what: a case's watchers, an agency's inbox, an expert's inbox. */
export const changeTopics = (change: CaseChange): string[] => [`case:${change.c}`, ...change.a.map((a) => `agency:${a}`), ...change.e.map((e) => `expert:${e}`)];
