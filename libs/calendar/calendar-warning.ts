import { CalendarDate, assertCalendarDate, yearOf } from './calendar-day';

/** What a supervisor is told while due dates are being counted on a provisional calendar. */
export interface CalendarWarning {
  /** The years without an official notice that due dates may already fall in. */
  years: number[];
  /** What the dashboard shows: what it means for due dates, and who acts (no commands: a phone wraps them into code blocks). */
  message: string;
  /** For whoever loads the notice (a supervisor through the API, or an operator): how. */
  howToLoad: string;
}

/** Notices for the next year usually come out in late October or November: from 1 November, say so while it is missing. */
export const NEXT_YEAR_WARNING_FROM = '11-01';

/**
 * Pure, for GET /supervision/overview and its banner: a warning while this year has no official
 * calendar, or — from 1 November — next year has none. Undefined when nothing is missing.
 */
export function calendarWarning(today: CalendarDate, officialYears: readonly number[]): CalendarWarning | undefined {
  assertCalendarDate(today, 'today');
  const year = yearOf(today);
  const missing = [year, ...(today.slice(5) >= NEXT_YEAR_WARNING_FROM ? [year + 1] : [])].filter((y) => !officialYears.includes(y));
  if (!missing.length) return undefined;
  const years = missing.map((y) => `${y}年`).join('、');
  return {
    years: missing,
    message:
      `${years}的节假日安排（国务院办公厅通知）尚未载入：落在${years}的办理期限按《全国年节及纪念日放假办法》暂定计算（不含调休），显示为“暂定”。` +
      `通知公布后请联系系统管理员载入${years}节假日安排，载入后在办案件的期限将自动按正式安排调整。`,
    howToLoad: missing.map((y) => `PUT /calendar/years/${y}`).join('、') + '（或 npm run calendar:load）',
  };
}
