import type { OfficialYear } from '../calendar/official-holidays.data';

/**
 * Loading a year's notice starts this workflow (by type name: the API does not import workflow
 * code). It signals `calendarYearLoaded` to every running case on the task queue, waits, and
 * sweeps once more for a case filed in the moment between reading the calendar and the load.
 */
export const CALENDAR_ROLLOUT_WORKFLOW = 'calendarRollout';

export interface CalendarRolloutInput {
  notice: OfficialYear;
  /** The second sweep's delay, longer than any filing takes from reading the calendar to starting its workflow. */
  resweepAfterSeconds: number;
}

export interface CalendarRolloutResult {
  /** Running cases signalled by each sweep. */
  signalled: number[];
}

/** One rollout per version: loading the same version again finds the rollout already there. */
export function calendarRolloutId(year: number, version: number): string {
  return `calendar-rollout-${year}-v${version}`;
}
