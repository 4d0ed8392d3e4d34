import { CalendarDate, addCalendarDays } from '../calendar/calendar-day';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { beijingDate } from './calendar-date';

/**
 * A statutory clock as a budget of working days with a ledger, so the due date is always derived
 * (never stored and patched): start day + limit + extensions + working days spent paused.
 * Plain JSON, mutated only by the functions here; pure, so workflows can use it under replay.
 */
export type SlaColour = 'green' | 'yellow' | 'red';

/** Why a clock stands still: the applicant has the case, or a period the law excludes (Art. 45). */
export const PAUSE_REASONS = ['awaiting-applicant', 'expert-review', 'testing', 'inspection', 'hearing', 'appraisal', 'public-notice'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const EXCLUDED_PERIOD_KINDS = ['expert-review', 'testing', 'inspection', 'hearing', 'appraisal'] as const;
export type ExcludedPeriodKind = (typeof EXCLUDED_PERIOD_KINDS)[number];

export interface ClockPause {
  reason: PauseReason;
  from: string;
  to?: string;
  note?: string;
}

export interface ClockExtension {
  days: number;
  reason: string;
  by: string;
  at: string;
}

export interface SlaClock {
  /** 'case' or a step id. */
  id: string;
  label: string;
  /** ISO instant the clock started; counting begins the working day after (Art. 42's 之日起). */
  startedAt: string;
  /** The promised limit (承诺时限), in working days; never above the statutory one. */
  limitDays: number;
  statutoryDays: number;
  /** Yellow when this many working days or fewer remain. */
  warnDaysBefore: number;
  pauses: ClockPause[];
  extensions: ClockExtension[];
  stoppedAt?: string;
  /** Colours already announced, so a transition is recorded (and escalated) once. */
  reached: SlaColour[];
}

export interface ClockReading {
  dueOn: CalendarDate;
  warnOn: CalendarDate;
  pausedWorkingDays: number;
  extensionDays: number;
  colour: SlaColour;
  paused: boolean;
  pauseReason?: PauseReason;
  /**
   * A day counted lies in a year without an official notice (the statutory holidays stood in for
   * it): the due date may move when that year's notice is loaded, and says so wherever it is shown.
   */
  provisional: boolean;
}

export function startClock(spec: { id: string; label: string; limitDays: number; statutoryDays: number; warnDaysBefore: number }, at: Date): SlaClock {
  if (spec.limitDays > spec.statutoryDays) throw new RangeError(`${spec.label}: promised limit ${spec.limitDays} exceeds statutory ${spec.statutoryDays}`);
  return { ...spec, startedAt: at.toISOString(), pauses: [], extensions: [], reached: ['green'] };
}

export function openPause(clock: SlaClock): ClockPause | undefined {
  return clock.pauses.find((p) => p.to === undefined);
}

export function pauseClock(clock: SlaClock, reason: PauseReason, at: Date, note?: string): void {
  if (clock.stoppedAt || openPause(clock)) return;
  clock.pauses.push({ reason, from: at.toISOString(), note });
}

export function resumeClock(clock: SlaClock, at: Date): void {
  const pause = openPause(clock);
  if (pause) pause.to = at.toISOString();
}

export function extendClock(clock: SlaClock, extension: ClockExtension): void {
  clock.extensions.push(extension);
}

export function stopClock(clock: SlaClock, at: Date): void {
  resumeClock(clock, at);
  clock.stoppedAt ??= at.toISOString();
}

/** Working days spent paused: each pause counts the working days after its first day, up to its last. */
export function pausedWorkingDays(clock: SlaClock, calendar: WorkingCalendar, now: Date): number {
  return clock.pauses.reduce(
    (sum, p) => sum + calendar.workingDaysBetween(beijingDate(new Date(p.from)), beijingDate(p.to ? new Date(p.to) : now)),
    0,
  );
}

/** The instant a calendar day ends in Beijing (its next midnight, UTC+8). */
export function endOfBeijingDay(date: CalendarDate): Date {
  return new Date(`${addCalendarDays(date, 1)}T00:00:00+08:00`);
}

export function readClock(clock: SlaClock, calendar: WorkingCalendar, now: Date): ClockReading {
  const at = clock.stoppedAt ? new Date(clock.stoppedAt) : now;
  const startDay = beijingDate(new Date(clock.startedAt));
  const paused = pausedWorkingDays(clock, calendar, at);
  const extensionDays = clock.extensions.reduce((sum, e) => sum + e.days, 0);
  const budget = clock.limitDays + extensionDays + paused;
  const dueOn = calendar.addWorkingDays(startDay, budget);
  const warnOn = calendar.addWorkingDays(startDay, Math.max(0, budget - clock.warnDaysBefore));
  const pause = clock.stoppedAt ? undefined : openPause(clock);
  const colour: SlaColour = at >= endOfBeijingDay(dueOn) ? 'red' : at >= endOfBeijingDay(warnOn) ? 'yellow' : 'green';
  // Days counted: after the start day up to the due date, and any paused day beyond it.
  const lastCounted = clock.pauses.reduce((last, p) => {
    const end = beijingDate(p.to ? new Date(p.to) : at);
    return end > last ? end : last;
  }, dueOn);
  const provisional = calendar.countsProvisionalDays(startDay, lastCounted);
  return { dueOn, warnOn, pausedWorkingDays: paused, extensionDays, colour, paused: pause !== undefined, pauseReason: pause?.reason, provisional };
}

/**
 * When the clock next changes colour, for a durable timer; undefined when nothing is due
 * (stopped, paused — a pause's end re-arms — or already red).
 */
export function nextTransition(clock: SlaClock, calendar: WorkingCalendar, now: Date): Date | undefined {
  if (clock.stoppedAt || openPause(clock)) return undefined;
  const reading = readClock(clock, calendar, now);
  if (reading.colour === 'green') return endOfBeijingDay(reading.warnOn);
  if (reading.colour === 'yellow') return endOfBeijingDay(reading.dueOn);
  return undefined;
}
