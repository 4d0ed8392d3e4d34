import type { CalendarDate } from './calendar-day';

/** A run of days off as a notice lists it; inclusive, weekends inside it included. */
export interface HolidayRange {
  /** 元旦, 春节 … as the notice names it. */
  name: string;
  from: CalendarDate;
  to: CalendarDate;
}

/**
 * One year's public holidays and make-up working days (调休) as the State Council's General
 * Office announces them. Every day in a holiday range is off; each make-up day is a Saturday or
 * Sunday worked. Administrators load a year when its notice is published (PUT /calendar/years/
 * {year}); each load is a new version, kept with who loaded it and when (calendar_years).
 */
export interface OfficialYear {
  year: number;
  /** 1 for a year's first load; a corrected notice loaded later is the next version. */
  version: number;
  /** The notice's title: 国务院办公厅关于2027年部分节假日安排的通知. */
  title: string;
  /** 国办发明电〔2024〕12号, where the notice has one. */
  documentNumber?: string;
  holidays: HolidayRange[];
  makeUpWorkdays: CalendarDate[];
}

/** `title（documentNumber）`: how timelines and notices name the source of a date. */
export function noticeName(year: Pick<OfficialYear, 'title' | 'documentNumber'>): string {
  return year.documentNumber ? `${year.title}（${year.documentNumber}）` : year.title;
}

/**
 * The years that shipped with the system, frozen: migration 1764840000000-calendar-years inserts
 * exactly these as version 1, and a workflow started without calendar data in its input (every
 * case filed before calendars were loaded from the database) counts with them. New years are
 * loaded, never added here.
 */
export const SEED_OFFICIAL_YEARS: readonly OfficialYear[] = [
  {
    year: 2025,
    version: 1,
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    documentNumber: '国办发明电〔2024〕12号',
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    version: 1,
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
