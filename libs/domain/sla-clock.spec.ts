import { WorkingCalendar } from '../calendar/working-calendar';
import { endOfBeijingDay, extendClock, nextTransition, pauseClock, readClock, resumeClock, startClock, stopClock } from './sla-clock';

const calendar = new WorkingCalendar();
/** Noon in Beijing on a given day. */
const noon = (date: string) => new Date(`${date}T12:00:00+08:00`);

function clock(limitDays = 20, warnDaysBefore = 3) {
  return startClock({ id: 'case', label: '办理时限', limitDays, statutoryDays: 20, warnDaysBefore }, noon('2026-11-25'));
}

describe('SLA clocks as working-day budgets', () => {
  it('is due 20 working days after the start day, not counting it', () => {
    const c = clock();
    // From Wed 25 Nov 2026: 26, 27 Nov, then 30 Nov – 4 Dec, 7–11, 14–18, 21–23 Dec.
    expect(readClock(c, calendar, noon('2026-11-25')).dueOn).toBe('2026-12-23');
    expect(readClock(c, calendar, noon('2026-11-25')).colour).toBe('green');
  });

  it('refuses a promised limit longer than the statutory one', () => {
    expect(() => startClock({ id: 'case', label: 'x', limitDays: 21, statutoryDays: 20, warnDaysBefore: 3 }, noon('2026-11-25'))).toThrow(RangeError);
  });

  it('turns yellow after the warning day and red after the due day, at Beijing midnight', () => {
    const c = clock();
    const { warnOn, dueOn } = readClock(c, calendar, noon('2026-11-25'));
    expect(warnOn).toBe('2026-12-18'); // 3 working days before 23 Dec
    expect(readClock(c, calendar, new Date(endOfBeijingDay(warnOn).getTime() - 1)).colour).toBe('green');
    expect(readClock(c, calendar, endOfBeijingDay(warnOn)).colour).toBe('yellow');
    expect(readClock(c, calendar, endOfBeijingDay(dueOn)).colour).toBe('red');
  });

  it('names the next transition for a durable timer, and none once red or paused', () => {
    const c = clock();
    expect(nextTransition(c, calendar, noon('2026-11-25'))?.toISOString()).toBe(endOfBeijingDay('2026-12-18').toISOString());
    expect(nextTransition(c, calendar, noon('2026-12-21'))?.toISOString()).toBe(endOfBeijingDay('2026-12-23').toISOString());
    expect(nextTransition(c, calendar, noon('2026-12-24'))).toBeUndefined();
    pauseClock(c, 'awaiting-applicant', noon('2026-11-26'));
    expect(nextTransition(c, calendar, noon('2026-11-27'))).toBeUndefined();
  });

  it('moves the due date by exactly the working days spent waiting on the applicant', () => {
    const c = clock();
    pauseClock(c, 'awaiting-applicant', noon('2026-11-26')); // Thursday
    resumeClock(c, noon('2026-12-03')); // next Thursday: Fri, Mon, Tue, Wed, Thu = 5 working days
    const reading = readClock(c, calendar, noon('2026-12-03'));
    expect(reading.pausedWorkingDays).toBe(5);
    expect(reading.dueOn).toBe(calendar.addWorkingDays('2026-12-23', 5));
  });

  it('does not count a pause that begins and ends the same day', () => {
    const c = clock();
    pauseClock(c, 'expert-review', noon('2026-11-26'));
    resumeClock(c, new Date('2026-11-26T17:00:00+08:00'));
    expect(readClock(c, calendar, noon('2026-11-27')).pausedWorkingDays).toBe(0);
  });

  it('counts an open pause up to now, and shows it', () => {
    const c = clock();
    pauseClock(c, 'hearing', noon('2026-11-26'));
    const reading = readClock(c, calendar, noon('2026-11-30'));
    expect(reading).toMatchObject({ paused: true, pauseReason: 'hearing', pausedWorkingDays: 2 });
  });

  it('adds an extension to the budget', () => {
    const c = clock();
    extendClock(c, { days: 10, reason: '案情复杂，经负责人批准延长', by: 'supervisor', at: noon('2026-11-30').toISOString() });
    expect(readClock(c, calendar, noon('2026-11-30')).dueOn).toBe(calendar.addWorkingDays('2026-12-23', 10));
  });

  it('stops: the reading freezes at the stop', () => {
    const c = clock(2, 1);
    stopClock(c, noon('2026-11-26'));
    expect(readClock(c, calendar, noon('2027-03-01')).colour).toBe('green');
    expect(nextTransition(c, calendar, noon('2027-03-01'))).toBeUndefined();
  });

  it('marks a reading provisional when a day it counts lies in a year without an official notice', () => {
    expect(readClock(clock(), calendar, noon('2026-11-25')).provisional).toBe(false);
    // Accepted on 30 Nov 2026: 20 working days end on 28 Dec; an extension of 10 runs into 2027.
    const c = startClock({ id: 'case', label: '办理时限', limitDays: 20, statutoryDays: 20, warnDaysBefore: 3 }, noon('2026-11-30'));
    expect(readClock(c, calendar, noon('2026-11-30'))).toMatchObject({ dueOn: '2026-12-28', provisional: false });
    extendClock(c, { days: 10, reason: '需组织专家论证', by: 'supervisor', at: noon('2026-11-30').toISOString() });
    // 1 January is a statutory holiday whatever 2027's notice says: 12 January, provisional.
    expect(readClock(c, calendar, noon('2026-11-30'))).toMatchObject({ dueOn: '2027-01-12', provisional: true });
    // Counting weekends only — what cases recorded before provisional calendars do — gave 11 January.
    expect(readClock(c, new WorkingCalendar(undefined, { unknownYears: 'weekends' }), noon('2026-11-30'))).toMatchObject({ dueOn: '2027-01-11', provisional: true });
    // Once 2027 is official, the same clock is no longer provisional.
    const with2027 = new WorkingCalendar([...calendar.officialYears, { year: 2027, version: 1, title: '测试', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeUpWorkdays: [] }]);
    expect(readClock(c, with2027, noon('2026-11-30'))).toMatchObject({ dueOn: '2027-01-12', provisional: false });
  });

  it('marks a reading provisional when a pause counted runs into such a year', () => {
    const c = clock(2, 1);
    pauseClock(c, 'awaiting-applicant', noon('2026-11-26'));
    expect(readClock(c, calendar, noon('2026-12-30')).provisional).toBe(false);
    expect(readClock(c, calendar, noon('2027-01-05')).provisional).toBe(true);
  });
});
