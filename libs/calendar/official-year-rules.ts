import { CalendarDate, isCalendarDate, isWeekend, yearOf } from './calendar-day';
import type { HolidayRange } from './official-holidays.data';

/** A notice as an administrator hands it in, before it becomes a version. */
export interface OfficialYearDraft {
  year: number;
  title: string;
  documentNumber?: string;
  holidays: HolidayRange[];
  makeUpWorkdays: CalendarDate[];
}

/** One broken rule, named as the API's 400 names it: field (a JSON path), rule, message. */
export interface CalendarProblem {
  field: string;
  rule: string;
  message: string;
}

/** A value as a message quotes it: JSON, cut short so a megabyte of garbage is not echoed back. */
function quoted(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}

export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2099;

/**
 * Every way a notice can be wrong, all at once: each date an existing day of that year (never
 * rolled over: 2026-02-30 is refused, not read as 2 March), each range in order, ranges apart,
 * each make-up working day a Saturday or Sunday outside every holiday. Pure, so the API checks
 * a load with it and a workflow can refuse a malformed signal without failing its task.
 */
export function officialYearProblems(draft: OfficialYearDraft): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const { year } = draft;
  if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    return [{ field: 'year', rule: 'isYear', message: `year 应为 ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR} 之间的年份，收到 ${quoted(year)}` }];
  }
  if (typeof draft.title !== 'string' || !draft.title.trim()) problems.push({ field: 'title', rule: 'isNotEmpty', message: 'title 不能为空：请填写通知标题' });
  const holidays = Array.isArray(draft.holidays) ? draft.holidays : [];
  const makeUp = Array.isArray(draft.makeUpWorkdays) ? draft.makeUpWorkdays : [];
  if (!holidays.length) problems.push({ field: 'holidays', rule: 'arrayNotEmpty', message: 'holidays 至少应有一项放假安排' });

  /** A date of this year, or the problem with it. */
  const dateIn = (field: string, value: unknown): CalendarDate | undefined => {
    if (!isCalendarDate(value)) {
      problems.push({ field, rule: 'isCalendarDate', message: `${field} 不是存在的日期：${quoted(value)}（应为 YYYY-MM-DD，如 ${year}-01-01）` });
      return undefined;
    }
    if (yearOf(value) !== year) {
      problems.push({ field, rule: 'inYear', message: `${field} 为 ${value}，不在 ${year} 年内：一份通知只安排本年度的日期` });
      return undefined;
    }
    return value;
  };

  const ranges: Array<{ i: number; from: CalendarDate; to: CalendarDate }> = [];
  holidays.forEach((h, i) => {
    if (typeof h?.name !== 'string' || !h.name.trim()) problems.push({ field: `holidays.${i}.name`, rule: 'isNotEmpty', message: `holidays.${i}.name 不能为空：请填写节日名称` });
    const from = dateIn(`holidays.${i}.from`, h?.from);
    const to = dateIn(`holidays.${i}.to`, h?.to);
    if (!from || !to) return;
    if (from > to) {
      problems.push({ field: `holidays.${i}.to`, rule: 'rangeOrdered', message: `holidays.${i}.to（${to}）早于 holidays.${i}.from（${from}）：放假区间应从早到晚` });
      return;
    }
    const overlapping = ranges.find((r) => r.from <= to && from <= r.to);
    if (overlapping) {
      problems.push({ field: `holidays.${i}`, rule: 'noOverlap', message: `holidays.${i}（${from} 至 ${to}）与 holidays.${overlapping.i}（${overlapping.from} 至 ${overlapping.to}）重叠` });
    }
    ranges.push({ i, from, to });
  });

  const seen = new Set<CalendarDate>();
  makeUp.forEach((value, i) => {
    const field = `makeUpWorkdays.${i}`;
    const day = dateIn(field, value);
    if (!day) return;
    if (seen.has(day)) problems.push({ field, rule: 'unique', message: `${field} 重复：${day} 已列出` });
    seen.add(day);
    if (!isWeekend(day)) problems.push({ field, rule: 'onWeekend', message: `${field} 为 ${day}，不是星期六或星期日：调休上班日只能是周末` });
    const holiday = ranges.find((r) => r.from <= day && day <= r.to);
    if (holiday) problems.push({ field, rule: 'notAHoliday', message: `${field} 为 ${day}，落在放假区间 holidays.${holiday.i}（${holiday.from} 至 ${holiday.to}）内：同一天不能既放假又上班` });
  });
  return problems;
}
