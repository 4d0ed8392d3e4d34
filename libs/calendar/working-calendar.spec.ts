import { WorkingCalendar, addCalendarDays } from './working-calendar';

function daysIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

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

  it('falls back to weekends for a year with no notice, and says so once', () => {
    const unknown: number[] = [];
    const c = new WorkingCalendar(undefined, (year) => unknown.push(year));
    expect(c.isWorkingDay('2027-01-01')).toBe(true); // a Friday; 2027's notice is not yet in the data
    expect(c.isWorkingDay('2027-01-02')).toBe(false);
    expect(unknown).toEqual([2027]);
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => calendar.addWorkingDays('2026-11-25', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-11-25', 1.5)).toThrow(RangeError);
  });
});
