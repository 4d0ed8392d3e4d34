import { ageOn, monthsAfter, yearsAfter } from './calendar-spans';

describe('ages and spans on the calendar', () => {
  it('turns 18 on the 18th birthday, whatever the leap days in between (4 here, not 4.5)', () => {
    expect(ageOn('2006-01-01', '2023-12-31')).toBe(17);
    expect(ageOn('2006-01-01', '2024-01-01')).toBe(18);
  });

  it('stays 70 until the 71st birthday', () => {
    expect(ageOn('1955-06-15', '2025-06-14')).toBe(69);
    expect(ageOn('1955-06-15', '2025-06-15')).toBe(70);
    expect(ageOn('1955-06-15', '2026-06-14')).toBe(70);
    expect(ageOn('1955-06-15', '2026-06-15')).toBe(71);
  });

  it('has someone born on 29 February come of age on 1 March in a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(yearsAfter('2008-02-29', 18)).toBe('2026-03-01');
    expect(yearsAfter('2008-02-29', 16)).toBe('2024-02-29');
  });

  it('counts six months by the calendar: the same day, or the month’s last day', () => {
    expect(monthsAfter('2026-01-31', 6)).toBe('2026-07-31'); // 181 days: fewer than 183
    expect(monthsAfter('2026-08-31', 6)).toBe('2027-02-28');
    expect(monthsAfter('2027-08-31', 6)).toBe('2028-02-29');
    expect(monthsAfter('2026-11-30', 6)).toBe('2027-05-30');
  });
});
