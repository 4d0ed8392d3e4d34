import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/activity-map';
import type { LedgerCommitInput, LedgerReleaseInput, LedgerReserveInput } from '../../activities/reward-ledger.activities';

// The ledger itself, from the production bundle's own file, beside the test's stand-in for a case.
export { rewardLedger } from '../../workflows/specialized-rewards-ledger.workflow';

const ledger = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '2 seconds' },
});

export type LedgerCall = { action: 'reserve'; input: LedgerReserveInput } | { action: 'release'; input: LedgerReleaseInput } | { action: 'commit'; input: LedgerCommitInput };

/**
 * A case's one action on its ledger, as the process's workflow will take it: through the
 * activity (update-with-start, retried by Temporal). Phase 2's workflow replaces this stand-in.
 */
export async function caseOnLedger(call: LedgerCall): Promise<unknown> {
  switch (call.action) {
    case 'reserve':
      return ledger.rewardLedgerReserve(call.input);
    case 'release':
      return ledger.rewardLedgerRelease(call.input);
    case 'commit':
      return ledger.rewardLedgerCommit(call.input);
  }
}
