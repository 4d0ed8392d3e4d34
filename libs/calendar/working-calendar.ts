import { OFFICIAL_YEARS, OfficialYear } from './official-holidays.data';

/** A calendar date, YYYY-MM-DD, as the official calendar and Beijing offices count days. */
export type CalendarDate = string;

const DAY_MS = 86_400_000;

function toUtcDays(date: CalendarDate): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function fromUtcDays(days: number): CalendarDate {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcDays(toUtcDays(date) + days);
}

/**
 * Working days on the official Chinese calendar: weekends off, public holidays off, make-up
 * working days (调休) on. Pure and deterministic, so workflows can use it under replay. For a
 * year with no published notice it falls back to plain weekends and reports that once per year
 * through `onUnknownYear` (workflows pass their logger).
 */
export class WorkingCalendar {
  private readonly holidays = new Set<CalendarDate>();
  private readonly makeUpWorkdays = new Set<CalendarDate>();
  private readonly knownYears = new Set<number>();
  private readonly reported = new Set<number>();

  constructor(
    years: OfficialYear[] = OFFICIAL_YEARS,
    private readonly onUnknownYear: (year: number) => void = () => undefined,
  ) {
    for (const y of years) {
      this.knownYears.add(y.year);
      for (const [from, to] of y.holidays) {
        for (let d = toUtcDays(from); d <= toUtcDays(to); d += 1) this.holidays.add(fromUtcDays(d));
      }
      for (const d of y.makeUpWorkdays) this.makeUpWorkdays.add(d);
    }
  }

  isKnownYear(year: number): boolean {
    return this.knownYears.has(year);
  }

  isWorkingDay(date: CalendarDate): boolean {
    const year = Number(date.slice(0, 4));
    if (!this.knownYears.has(year) && !this.reported.has(year)) {
      this.reported.add(year);
      this.onUnknownYear(year);
    }
    if (this.makeUpWorkdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The Nth working day after `date`; the start day itself is not counted (N ≥ 0). */
  addWorkingDays(date: CalendarDate, n: number): CalendarDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    let day = toUtcDays(date);
    for (let left = n; left > 0; ) {
      day += 1;
      if (this.isWorkingDay(fromUtcDays(day))) left -= 1;
    }
    return fromUtcDays(day);
  }

  /** Working days in the interval (from, to]: after `from`, up to and including `to`. */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
    let count = 0;
    for (let d = toUtcDays(from) + 1; d <= toUtcDays(to); d += 1) if (this.isWorkingDay(fromUtcDays(d))) count += 1;
    return count;
  }
}
