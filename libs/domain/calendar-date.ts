/** Calendar dates as YYYY-MM-DD strings in Beijing time (UTC+8, no daylight saving). */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The same month and day one year later; 29 February rolls to 1 March. */
export function firstAnniversary(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y + 1, m - 1, d));
  return next.toISOString().slice(0, 10);
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** A validity period of whole years: the day before the same date `years` later (3 years from 2026-11-25 runs to 2029-11-24). */
export function lastDayOfYears(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d - 1)).toISOString().slice(0, 10);
}
