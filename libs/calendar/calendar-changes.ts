import { CalendarDate, daysFromTo } from './calendar-day';
import type { WorkingCalendar } from './working-calendar';

/** What loading a year changes: days that were worked and are now off, and the reverse. */
export interface YearChanges {
  nowOff: CalendarDate[];
  nowWorking: CalendarDate[];
}

/** Day by day over one year, what `after` counts differently from `before`. */
export function compareYear(year: number, before: WorkingCalendar, after: WorkingCalendar): YearChanges {
  const changes: YearChanges = { nowOff: [], nowWorking: [] };
  for (const day of daysFromTo(`${year}-01-01`, `${year}-12-31`)) {
    const was = before.isWorkingDay(day);
    const is = after.isWorkingDay(day);
    if (was && !is) changes.nowOff.push(day);
    if (!was && is) changes.nowWorking.push(day);
  }
  return changes;
}
