import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/activity-map';

/**
 * Calls to the departments' services. They may be down for a while: retry patiently (1 s,
 * doubling to 30 s, without limit) and never give a case up; only a request the department
 * refuses as malformed is final.
 */
export const departments = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', nonRetryableErrorTypes: ['DepartmentRejectedRequest'] },
});
