import { calendarWarning } from './calendar-warning';

describe("the supervisors' warning that next year has no official calendar", () => {
  it('says nothing on 31 October while this year is loaded', () => {
    expect(calendarWarning('2026-10-31', [2025, 2026])).toBeUndefined();
  });

  it('warns from 1 November while next year has no notice', () => {
    const warning = calendarWarning('2026-11-01', [2025, 2026]);
    expect(warning?.years).toEqual([2027]);
    expect(warning?.message).toContain('2027年的节假日安排（国务院办公厅通知）尚未载入');
    expect(calendarWarning('2026-11-30', [2025, 2026])?.years).toEqual([2027]);
    expect(calendarWarning('2026-12-31', [2025, 2026])?.years).toEqual([2027]);
  });

  it('tells supervisors who loads it, and leaves the commands to operators', () => {
    const warning = calendarWarning('2026-11-01', [2025, 2026])!;
    expect(warning.message).toContain('请联系系统管理员载入2027年节假日安排');
    expect(warning.message).not.toMatch(/PUT|npm|\/calendar/);
    expect(warning.howToLoad).toBe('PUT /calendar/years/2027（或 npm run calendar:load）');
  });

  it('stops once next year is loaded', () => {
    expect(calendarWarning('2026-11-30', [2025, 2026, 2027])).toBeUndefined();
  });

  it('warns all year while this year itself is missing', () => {
    expect(calendarWarning('2027-03-01', [2025, 2026])?.years).toEqual([2027]);
    expect(calendarWarning('2027-11-02', [2026])?.years).toEqual([2027, 2028]);
  });

  it('refuses a today that is not a day', () => {
    expect(() => calendarWarning('2026-11-31', [])).toThrow(/today must be an existing calendar day/);
  });
});
