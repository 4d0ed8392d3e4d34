import { isCalendarDate } from '../calendar/calendar-day';

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

/** An existing day written YYYY-MM-DD (the calendar's own check: 2026-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  return isCalendarDate(value);
}

/** A validity period of whole years: the day before the same date `years` later (3 years from 2026-11-25 runs to 2029-11-24). */
export function lastDayOfYears(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d - 1)).toISOString().slice(0, 10);
}
