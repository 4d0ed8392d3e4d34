import { daysFromTo, isWeekend } from './calendar-day';
import { SEED_OFFICIAL_YEARS } from './official-holidays.data';
import { provisionalYear, statutoryHolidays } from './provisional-holidays';
import { WorkingCalendar } from './working-calendar';

const offDays = (year: number) => provisionalYear(year).daysOff.map((d) => d.date);

describe('the provisional calendar of a year without a notice (全国年节及纪念日放假办法, 2024)', () => {
  it('names the statutory days of 2027 as the law gives them (Art. 2), lunar dates and 清明 from lunar-typescript', () => {
    expect(Object.fromEntries(statutoryHolidays(2027).map((h) => [h.name, h.days]))).toEqual({
      元旦: ['2027-01-01'],
      春节: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'], // 除夕 to 正月初三; 正月初一 is 6 Feb
      清明节: ['2027-04-05'],
      劳动节: ['2027-05-01', '2027-05-02'],
      端午节: ['2027-06-09'],
      中秋节: ['2027-09-15'],
      国庆节: ['2027-10-01', '2027-10-02', '2027-10-03'],
    });
  });

  it("gives 2027's days off: each statutory day on a weekend made up on the next working day (Art. 6), and no 调休", () => {
    const y = provisionalYear(2027);
    expect(y.holidays).toEqual([
      { name: '元旦', from: '2027-01-01', to: '2027-01-01' },
      { name: '春节', from: '2027-02-05', to: '2027-02-10' }, // 初一、初二 on Sat/Sun → Tue 9, Wed 10
      { name: '清明节', from: '2027-04-05', to: '2027-04-05' },
      { name: '劳动节', from: '2027-05-01', to: '2027-05-04' }, // 1–2 May on Sat/Sun → Mon 3, Tue 4
      { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
      { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
      { name: '国庆节', from: '2027-10-01', to: '2027-10-05' }, // 2–3 Oct on Sat/Sun → Mon 4, Tue 5
    ]);
    expect(y.daysOff.filter((d) => d.kind === 'in-lieu').map((d) => d.date)).toEqual(['2027-02-09', '2027-02-10', '2027-05-03', '2027-05-04', '2027-10-04', '2027-10-05']);
    // A real notice adds bridges with make-up working weekends; a provisional calendar invents none.
    expect(y.makeUpWorkdays).toEqual([]);
  });

  it('moves a statutory day falling on a weekend to the next working day', () => {
    // 1 January 2028 is a Saturday: 元旦 is made up on Monday 3 January.
    expect(provisionalYear(2028).daysOff.filter((d) => d.holiday === '元旦')).toEqual([
      { date: '2028-01-01', holiday: '元旦', kind: 'statutory' },
      { date: '2028-01-03', holiday: '元旦', kind: 'in-lieu' },
    ]);
    const calendar = new WorkingCalendar([]);
    expect(calendar.isWorkingDay('2027-12-31')).toBe(true);
    expect(calendar.addWorkingDays('2027-12-31', 1)).toBe('2028-01-04');
  });

  it('gives every year exactly its 13 statutory days as weekdays off, less a day two festivals share', () => {
    for (let year = 2027; year <= 2040; year += 1) {
      const statutory = statutoryHolidays(year).flatMap((h) => h.days);
      const shared = statutory.length - new Set(statutory).size;
      const weekdaysOff = offDays(year).filter((d) => !isWeekend(d));
      expect({ year, weekdaysOff: weekdaysOff.length }).toEqual({ year, weekdaysOff: 13 - shared });
    }
    // 2028: 中秋 falls on 3 October, a day of 国庆 — one day off, named for both.
    expect(provisionalYear(2028).holidays.find((h) => h.from === '2028-10-01')).toEqual({ name: '国庆节、中秋节', from: '2028-10-01', to: '2028-10-04' });
  });

  it('agrees with the law where the notices of 2025 and 2026 do: every statutory day is off in them', () => {
    for (const notice of SEED_OFFICIAL_YEARS) {
      const official = new WorkingCalendar([notice]);
      const statutory = statutoryHolidays(notice.year).flatMap((h) => h.days);
      expect(statutory.filter((d) => official.isWorkingDay(d))).toEqual([]);
      // …while the notice, with its bridges, gives more days off than the law alone.
      const noticeOff = daysFromTo(`${notice.year}-01-01`, `${notice.year}-12-31`).filter((d) => !isWeekend(d) && !official.isWorkingDay(d));
      expect(noticeOff.length).toBeGreaterThan(13);
    }
  });

  it('refuses a year the lunar tables do not cover', () => {
    expect(() => provisionalYear(2100)).toThrow(RangeError);
  });
});
