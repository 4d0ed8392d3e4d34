import { CalendarDate, isCalendarDate, isWeekend, yearOf } from './calendar-day';
import { ErrorCode, ErrorParams, translate } from '../i18n/error-catalogue';
import type { HolidayRange } from './official-holidays.data';

/** A notice as an administrator hands it in, before it becomes a version. */
export interface OfficialYearDraft {
  year: number;
  title: string;
  documentNumber?: string;
  holidays: HolidayRange[];
  makeUpWorkdays: CalendarDate[];
}

/** One broken rule, named as the API's 400 names it: field (a JSON path), rule, the catalogue code and its parameters, the message (Chinese). */
export interface CalendarProblem {
  field: string;
  rule: string;
  code: ErrorCode;
  params: ErrorParams;
  message: string;
}

function broken(field: string, rule: string, code: ErrorCode, params: ErrorParams = {}): CalendarProblem {
  const all = { field, ...params };
  return { field, rule, code, params: all, message: translate(code, all) };
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
    return [broken('year', 'isYear', 'calendar.yearRange', { min: MIN_CALENDAR_YEAR, max: MAX_CALENDAR_YEAR, value: quoted(year) })];
  }
  if (typeof draft.title !== 'string' || !draft.title.trim()) problems.push(broken('title', 'isNotEmpty', 'calendar.titleRequired'));
  const holidays = Array.isArray(draft.holidays) ? draft.holidays : [];
  const makeUp = Array.isArray(draft.makeUpWorkdays) ? draft.makeUpWorkdays : [];
  if (!holidays.length) problems.push(broken('holidays', 'arrayNotEmpty', 'calendar.holidaysRequired'));

  /** A date of this year, or the problem with it. */
  const dateIn = (field: string, value: unknown): CalendarDate | undefined => {
    if (!isCalendarDate(value)) {
      problems.push(broken(field, 'isCalendarDate', 'calendar.notADate', { value: quoted(value), year }));
      return undefined;
    }
    if (yearOf(value) !== year) {
      problems.push(broken(field, 'inYear', 'calendar.inYear', { value, year }));
      return undefined;
    }
    return value;
  };

  const ranges: Array<{ i: number; from: CalendarDate; to: CalendarDate }> = [];
  holidays.forEach((h, i) => {
    if (typeof h?.name !== 'string' || !h.name.trim()) problems.push(broken(`holidays.${i}.name`, 'isNotEmpty', 'calendar.holidayNameRequired'));
    const from = dateIn(`holidays.${i}.from`, h?.from);
    const to = dateIn(`holidays.${i}.to`, h?.to);
    if (!from || !to) return;
    if (from > to) {
      problems.push(broken(`holidays.${i}.to`, 'rangeOrdered', 'calendar.rangeOrdered', { to, from, fromField: `holidays.${i}.from` }));
      return;
    }
    const overlapping = ranges.find((r) => r.from <= to && from <= r.to);
    if (overlapping) {
      problems.push(broken(`holidays.${i}`, 'noOverlap', 'calendar.noOverlap', { from, to, otherField: `holidays.${overlapping.i}`, otherFrom: overlapping.from, otherTo: overlapping.to }));
    }
    ranges.push({ i, from, to });
  });

  const seen = new Set<CalendarDate>();
  makeUp.forEach((value, i) => {
    const field = `makeUpWorkdays.${i}`;
    const day = dateIn(field, value);
    if (!day) return;
    if (seen.has(day)) problems.push(broken(field, 'unique', 'calendar.unique', { day }));
    seen.add(day);
    if (!isWeekend(day)) problems.push(broken(field, 'onWeekend', 'calendar.onWeekend', { day }));
    const holiday = ranges.find((r) => r.from <= day && day <= r.to);
    if (holiday) problems.push(broken(field, 'notAHoliday', 'calendar.notAHoliday', { day, holidayField: `holidays.${holiday.i}`, from: holiday.from, to: holiday.to }));
  });
  return problems;
}
