import { CalendarDate, addCalendarDays, assertCalendarDate, fromUtcDays, isWeekend, toUtcDays, yearOf } from './calendar-day';
import { OfficialYear, SEED_OFFICIAL_YEARS } from './official-holidays.data';
import { provisionalYear } from './provisional-holidays';

/**
 * How a year without an official notice is counted. provisional: the statutory holidays of
 * 《全国年节及纪念日放假办法》 (provisional-holidays.ts). weekends: Saturdays and Sundays only —
 * what cases started before provisional calendars existed counted, kept so their histories
 * replay unchanged.
 */
export type UnknownYearRule = 'provisional' | 'weekends';

export interface WorkingCalendarOptions {
  unknownYears?: UnknownYearRule;
  /** Told once per year counted without a notice (workflows pass their logger). */
  onUnknownYear?: (year: number, rule: UnknownYearRule) => void;
}

/**
 * Working days on the official Chinese calendar: weekends off, public holidays off, make-up
 * working days (调休) on. Years come from the State Council notices it is given; any other year
 * is counted by `unknownYears` and is provisional. Pure and deterministic, so workflows use it
 * under replay. An impossible date (2026-02-30) is refused with a RangeError naming it, never
 * rolled over into March.
 */
export class WorkingCalendar {
  private readonly official = new Map<number, OfficialYear>();
  private readonly holidays = new Set<CalendarDate>();
  private readonly makeUpWorkdays = new Set<CalendarDate>();
  /** Years not official whose days have been added (provisional) or looked at (weekends). */
  private readonly counted = new Set<number>();
  readonly unknownYears: UnknownYearRule;

  constructor(
    years: readonly OfficialYear[] = SEED_OFFICIAL_YEARS,
    private readonly options: WorkingCalendarOptions = {},
  ) {
    this.unknownYears = options.unknownYears ?? 'provisional';
    // A year given in several versions counts with the latest.
    for (const y of years) if ((this.official.get(y.year)?.version ?? -Infinity) < y.version) this.official.set(y.year, y);
    for (const y of this.official.values()) {
      y.holidays.forEach((h, i) => {
        assertCalendarDate(h.from, `${y.year} holidays[${i}].from`);
        assertCalendarDate(h.to, `${y.year} holidays[${i}].to`);
      });
      y.makeUpWorkdays.forEach((d, i) => assertCalendarDate(d, `${y.year} makeUpWorkdays[${i}]`));
      for (const h of y.holidays) for (let d = toUtcDays(h.from); d <= toUtcDays(h.to); d += 1) this.holidays.add(fromUtcDays(d));
      for (const d of y.makeUpWorkdays) this.makeUpWorkdays.add(d);
    }
  }

  /** The notices this calendar counts with, one (the latest version given) per year, in year order. */
  get officialYears(): OfficialYear[] {
    return [...this.official.values()].sort((a, b) => a.year - b.year);
  }

  officialYear(year: number): OfficialYear | undefined {
    return this.official.get(year);
  }

  isOfficialYear(year: number): boolean {
    return this.official.has(year);
  }

  /** True when a day in (from, to] lies in a year without a notice: a date counted over it is provisional. */
  countsProvisionalDays(from: CalendarDate, to: CalendarDate): boolean {
    assertCalendarDate(from, 'from');
    assertCalendarDate(to, 'to');
    if (to <= from) return false;
    for (let y = yearOf(addCalendarDays(from, 1)); y <= yearOf(to); y += 1) if (!this.official.has(y)) return true;
    return false;
  }

  isWorkingDay(date: CalendarDate): boolean {
    assertCalendarDate(date);
    return this.working(date);
  }

  /** The Nth working day after `date`; the start day itself is not counted (N ≥ 0). */
  addWorkingDays(date: CalendarDate, n: number): CalendarDate {
    assertCalendarDate(date);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    let day = toUtcDays(date);
    for (let left = n; left > 0; ) {
      day += 1;
      if (this.working(fromUtcDays(day))) left -= 1;
    }
    return fromUtcDays(day);
  }

  /** Working days in the interval (from, to]: after `from`, up to and including `to`. */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
    assertCalendarDate(from, 'from');
    assertCalendarDate(to, 'to');
    let count = 0;
    for (let d = toUtcDays(from) + 1; d <= toUtcDays(to); d += 1) if (this.working(fromUtcDays(d))) count += 1;
    return count;
  }

  private working(date: CalendarDate): boolean {
    const year = yearOf(date);
    if (!this.official.has(year) && !this.counted.has(year)) this.countUnknownYear(year);
    if (this.makeUpWorkdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    return !isWeekend(date);
  }

  private countUnknownYear(year: number): void {
    this.counted.add(year);
    if (this.unknownYears === 'provisional') for (const off of provisionalYear(year).daysOff) this.holidays.add(off.date);
    this.options.onUnknownYear?.(year, this.unknownYears);
  }
}
