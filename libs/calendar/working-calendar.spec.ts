import { daysFromTo as daysIn } from './calendar-day';
import { OfficialYear, SEED_OFFICIAL_YEARS } from './official-holidays.data';
import { WorkingCalendar } from './working-calendar';

/** A made-up 2027 notice for these tests (the real one is not published yet). */
const notice2027: OfficialYear = {
  year: 2027,
  version: 1,
  title: '测试用2027年节假日安排',
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
  makeUpWorkdays: [],
};

describe('the official working-day calendar', () => {
  const calendar = new WorkingCalendar();

  // 2026 as the State Council announced it: every day off, and every make-up working day.
  const holidays2026: Array<[string, string, string]> = [
    ['元旦', '2026-01-01', '2026-01-03'],
    ['春节', '2026-02-15', '2026-02-23'],
    ['清明节', '2026-04-04', '2026-04-06'],
    ['劳动节', '2026-05-01', '2026-05-05'],
    ['端午节', '2026-06-19', '2026-06-21'],
    ['中秋节', '2026-09-25', '2026-09-27'],
    ['国庆节', '2026-10-01', '2026-10-07'],
  ];
  describe.each(holidays2026)('2026 %s', (_name, from, to) => {
    it.each(daysIn(from, to))('%s is a day off', (day) => {
      expect(calendar.isWorkingDay(day)).toBe(false);
    });
  });

  it.each(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])(
    '2026 make-up working day %s (a weekend day) is worked',
    (day) => {
      expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
      expect(calendar.isWorkingDay(day)).toBe(true);
    },
  );

  it('keeps ordinary weekdays working and ordinary weekends off', () => {
    expect(calendar.isWorkingDay('2026-11-25')).toBe(true); // Wednesday
    expect(calendar.isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-11-29')).toBe(false); // Sunday
  });

  it('counts 248 working days in each of 2025 and 2026 (261 weekdays, less holidays, plus make-up days)', () => {
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(261 - 19 + 6);
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(261 - 18 + 5);
  });

  it('does not count the start day', () => {
    expect(calendar.addWorkingDays('2026-11-25', 0)).toBe('2026-11-25');
    expect(calendar.addWorkingDays('2026-11-25', 1)).toBe('2026-11-26');
    expect(calendar.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
  });

  it('steps over the National Day week and onto its make-up Saturday', () => {
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-10-09', 1)).toBe('2026-10-10');
  });

  it('counts 20 working days across the Spring Festival', () => {
    // From Fri 6 Feb 2026: Feb 9–13 (5), Sat 14 worked (6), 15–23 off, Feb 24–27 (10),
    // Sat 28 worked (11), Mar 2–6 (16), Mar 9–12 (20).
    expect(calendar.addWorkingDays('2026-02-06', 20)).toBe('2026-03-12');
    expect(calendar.workingDaysBetween('2026-02-06', '2026-03-12')).toBe(20);
  });

  it('counts a year with no notice by its statutory holidays (provisional), and says so once', () => {
    const unknown: Array<[number, string]> = [];
    const c = new WorkingCalendar(undefined, { onUnknownYear: (year, rule) => unknown.push([year, rule]) });
    expect(c.isWorkingDay('2027-01-01')).toBe(false); // 元旦, a Friday: off whatever 2027's notice will say
    expect(c.isWorkingDay('2027-01-04')).toBe(true);
    expect(c.isWorkingDay('2027-10-05')).toBe(false); // 国庆 2–3 Oct fall on a weekend: made up on 4 and 5 Oct
    expect(unknown).toEqual([[2027, 'provisional']]);
    expect(c.isOfficialYear(2027)).toBe(false);
  });

  it('still counts weekends only for such a year when asked to (cases recorded before provisional calendars)', () => {
    const unknown: Array<[number, string]> = [];
    const c = new WorkingCalendar(undefined, { unknownYears: 'weekends', onUnknownYear: (year, rule) => unknown.push([year, rule]) });
    expect(c.isWorkingDay('2027-01-01')).toBe(true);
    expect(c.isWorkingDay('2027-01-02')).toBe(false);
    expect(unknown).toEqual([[2027, 'weekends']]);
  });

  it('keeps 2025 and 2026 official, from their notices', () => {
    expect(calendar.officialYears.map((y) => [y.year, y.version])).toEqual([
      [2025, 1],
      [2026, 1],
    ]);
    expect(calendar.isOfficialYear(2025) && calendar.isOfficialYear(2026)).toBe(true);
    // The notice's bridge and its make-up Saturday, which no provisional calendar would invent.
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true);
  });

  it('says whether a span counts days of a year without a notice', () => {
    expect(calendar.countsProvisionalDays('2026-11-30', '2026-12-31')).toBe(false);
    expect(calendar.countsProvisionalDays('2026-11-30', '2027-01-12')).toBe(true);
    // The start day itself is not counted.
    expect(calendar.countsProvisionalDays('2026-12-31', '2026-12-31')).toBe(false);
    expect(new WorkingCalendar([...SEED_OFFICIAL_YEARS, { ...notice2027, version: 1 }]).countsProvisionalDays('2026-11-30', '2027-01-12')).toBe(false);
  });

  it('counts a year with the latest version given of it', () => {
    const v1: OfficialYear = { ...notice2027, version: 1 };
    const v2: OfficialYear = { ...notice2027, version: 2, holidays: [...notice2027.holidays, { name: '测试', from: '2027-12-01', to: '2027-12-01' }] };
    for (const c of [new WorkingCalendar([v1, v2]), new WorkingCalendar([v2, v1])]) {
      expect(c.officialYear(2027)?.version).toBe(2);
      expect(c.isWorkingDay('2027-12-01')).toBe(false);
    }
  });

  it('refuses an impossible date with a RangeError naming it, instead of rolling it over', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(new RangeError('date must be an existing calendar day written YYYY-MM-DD; got "2026-02-30"'));
    expect(() => calendar.addWorkingDays('2026-13-01', 1)).toThrow(/existing calendar day.*"2026-13-01"/);
    expect(() => calendar.workingDaysBetween('2026-11-25', 'tomorrow')).toThrow(/to must be an existing calendar day.*"tomorrow"/);
    expect(() => calendar.addWorkingDays(undefined as unknown as string, 1)).toThrow(/got undefined/);
    expect(() => new WorkingCalendar([{ ...notice2027, makeUpWorkdays: ['2027-02-29'] }])).toThrow(/2027 makeUpWorkdays\[0\] must be an existing calendar day.*"2027-02-29"/);
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => calendar.addWorkingDays('2026-11-25', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-11-25', 1.5)).toThrow(RangeError);
  });
});
