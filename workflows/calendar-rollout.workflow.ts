import { log, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities/activity-map';
import type { CalendarRolloutInput, CalendarRolloutResult } from '../libs/domain/calendar-rollout.contract';

const { calendarSignalRunningCases } = proxyActivities<Activities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * A loaded notice reaching every running case, durably: the API starts this once per version
 * (calendar-rollout-<year>-v<version>). The first sweep signals every case running now. A case
 * whose filing read the calendar just before the load, and whose workflow started just after
 * the listing, would be missed: the second sweep, after a delay longer than a filing takes,
 * finds it. Cases apply each version once, so being signalled twice is harmless.
 */
export async function calendarRollout({ notice, resweepAfterSeconds }: CalendarRolloutInput): Promise<CalendarRolloutResult> {
  const signalled = [await calendarSignalRunningCases(notice)];
  await sleep(resweepAfterSeconds * 1000);
  signalled.push(await calendarSignalRunningCases(notice));
  log.info('calendar notice rolled out', { year: notice.year, version: notice.version, signalled });
  return { signalled };
}
