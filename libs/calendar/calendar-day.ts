/** A calendar date, YYYY-MM-DD, as the official calendar and Beijing offices count days. */
export type CalendarDate = string;

const DAY_MS = 86_400_000;
const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** An existing day written YYYY-MM-DD: `2026-02-30` and `2026-2-1` are not. */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string' || !SHAPE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  // Date rolls 2026-02-30 over to 2 March: only a day that comes back unchanged exists.
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Refuses anything but an existing day, rather than rolling it over or counting from NaN. */
export function assertCalendarDate(value: unknown, what = 'date'): asserts value is CalendarDate {
  if (!isCalendarDate(value)) throw new RangeError(`${what} must be an existing calendar day written YYYY-MM-DD; got ${JSON.stringify(value)}`);
}

export function toUtcDays(date: CalendarDate): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function fromUtcDays(days: number): CalendarDate {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcDays(toUtcDays(date) + days);
}

export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/** Saturday or Sunday. */
export function isWeekend(date: CalendarDate): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Every day from `from` to `to`, both included. */
export function daysFromTo(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  const out: CalendarDate[] = [];
  for (let d = toUtcDays(from); d <= toUtcDays(to); d += 1) out.push(fromUtcDays(d));
  return out;
}
