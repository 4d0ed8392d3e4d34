import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/activity-map';

/**
 * Calls to the departments' services. They may be down for a while: retry patiently (1 s,
 * doubling to 30 s, without limit) and never give a case up; only a request the department
 * refuses as malformed is final.
 *
 * Regular activities, lookups included, though a lookup would be safe to run locally: the
 * processes note each department's answer as it arrives, and answers resolved inside one
 * workflow task reach a replay together, batched differently from the first run — the recorded
 * histories' replay test fails on exactly that.
 */
export const departments = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', nonRetryableErrorTypes: ['DepartmentRejectedRequest'] },
});
