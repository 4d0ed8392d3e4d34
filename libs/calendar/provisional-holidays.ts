import { Lunar, Solar } from 'lunar-typescript';
import { CalendarDate, addCalendarDays, isWeekend, toUtcDays } from './calendar-day';
import type { HolidayRange } from './official-holidays.data';

/** The law a provisional calendar is computed from. */
export const STATUTORY_HOLIDAYS_BASIS = '《全国年节及纪念日放假办法》（2024年11月10日修订，2025年1月1日起施行）第二条、第六条';

/** A holiday every citizen has by law (Art. 2), on the days the law names for that year. */
export interface StatutoryHoliday {
  name: string;
  days: CalendarDate[];
}

export interface ProvisionalDayOff {
  date: CalendarDate;
  holiday: string;
  /** statutory: the day the law names; in-lieu: a weekday off for a statutory day on a weekend (Art. 6). */
  kind: 'statutory' | 'in-lieu';
}

/** A year's calendar as the law alone gives it, before (or without) a State Council notice. */
export interface ProvisionalYear {
  year: number;
  title: string;
  basis: string;
  holidays: HolidayRange[];
  /** A provisional calendar invents no 调休: no weekend is worked. */
  makeUpWorkdays: CalendarDate[];
  daysOff: ProvisionalDayOff[];
}

const ymd = (s: Solar): CalendarDate => s.toYmd();

/**
 * Art. 2 of the 2024 amendment: 元旦 1 day; 春节 4 days (除夕 to 正月初三); 清明 1 day (the solar
 * term); 劳动节 2 days (1–2 May); 端午 1 day (五月初五); 中秋 1 day (八月十五); 国庆 3 days
 * (1–3 October). Lunar dates and the solar term come from lunar-typescript.
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < 1901 || year > 2099) throw new RangeError(`year must be a whole number from 1901 to 2099; got ${year}`);
  const newYear = Lunar.fromYmd(year, 1, 1).getSolar();
  const qingming = Lunar.fromYmd(year, 1, 1).getJieQiTable()['清明'];
  return [
    { name: '元旦', days: [`${year}-01-01`] },
    { name: '春节', days: [-1, 0, 1, 2].map((d) => ymd(newYear.next(d))) },
    { name: '清明节', days: [ymd(qingming)] },
    { name: '劳动节', days: [`${year}-05-01`, `${year}-05-02`] },
    { name: '端午节', days: [ymd(Lunar.fromYmd(year, 5, 5).getSolar())] },
    { name: '中秋节', days: [ymd(Lunar.fromYmd(year, 8, 15).getSolar())] },
    { name: '国庆节', days: [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`] },
  ].sort((a, b) => (a.days[0] < b.days[0] ? -1 : 1));
}

/**
 * The provisional calendar of a year without a notice: every statutory day off, and (Art. 6:
 * 适逢周六、周日，应当在工作日补假) each one falling on a Saturday or Sunday made up on the next
 * working day after its holiday. The 调休 bridges of a real notice (a weekend worked to join a
 * holiday to a weekend) are the State Council's choice each year, so none is invented here.
 * A day two festivals share (中秋 on 3 October) is one day off. Pure: workflows use it.
 */
export function provisionalYear(year: number): ProvisionalYear {
  const off = new Map<CalendarDate, ProvisionalDayOff>();
  const ranges: HolidayRange[] = [];
  for (const festival of statutoryHolidays(year)) {
    const own = festival.days.filter((d) => !off.has(d));
    const shared = festival.days.filter((d) => off.has(d));
    for (const date of own) off.set(date, { date, holiday: festival.name, kind: 'statutory' });
    let next = festival.days[festival.days.length - 1];
    const inLieu: CalendarDate[] = [];
    for (let owed = own.filter(isWeekend).length; owed > 0; owed -= 1) {
      do next = addCalendarDays(next, 1);
      while (isWeekend(next) || off.has(next));
      off.set(next, { date: next, holiday: festival.name, kind: 'in-lieu' });
      inLieu.push(next);
    }
    for (const date of shared) {
      // Name the shared day's range after both festivals.
      const range = ranges.find((r) => r.from <= date && date <= r.to);
      if (range && !range.name.includes(festival.name)) range.name = `${range.name}、${festival.name}`;
    }
    ranges.push(...toRanges(festival.name, [...own, ...inLieu]));
  }
  const daysOff = [...off.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  return {
    year,
    title: `${year}年暂定节假日（依法推算，国务院办公厅通知尚未载入）`,
    basis: STATUTORY_HOLIDAYS_BASIS,
    holidays: ranges.sort((a, b) => (a.from < b.from ? -1 : 1)),
    makeUpWorkdays: [],
    daysOff,
  };
}

/** Days off as ranges; a gap of weekend days only does not split a range (those days are off anyway). */
function toRanges(name: string, days: CalendarDate[]): HolidayRange[] {
  const sorted = [...days].sort();
  const ranges: HolidayRange[] = [];
  for (const day of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && onlyWeekendsBetween(last.to, day)) last.to = day;
    else ranges.push({ name, from: day, to: day });
  }
  return ranges;
}

function onlyWeekendsBetween(a: CalendarDate, b: CalendarDate): boolean {
  for (let d = addCalendarDays(a, 1); toUtcDays(d) < toUtcDays(b); d = addCalendarDays(d, 1)) if (!isWeekend(d)) return false;
  return true;
}
