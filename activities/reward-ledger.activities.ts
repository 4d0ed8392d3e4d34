import { Injectable } from '@nestjs/common';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, type UpdateDefinition } from '@temporalio/common';
import {
  CommitAnswer,
  CommitRequest,
  LEDGER_CLOSED,
  LedgerAction,
  REWARD_LEDGER_WORKFLOW,
  YEARLY_CEILING_LIMIT_YUAN,
  ReleaseAnswer,
  ReleaseRequest,
  ReserveAnswer,
  ReserveRequest,
  RewardLedgerInput,
  commitRewardUpdate,
  ledgerClosesOn,
  ledgerUpdateId,
  releaseRewardUpdate,
  reserveRewardUpdate,
  rewardLedgerId,
} from '../libs/processes/specialized-rewards/ledger.contract';

/** How a case's ledger is started if its enterprise has none for the year yet. */
export interface LedgerOptions {
  ceilingYuan: number;
  continueAsNewAfterEvents?: number;
}

export type LedgerReserveInput = ReserveRequest & { ledger: LedgerOptions };
export type LedgerReleaseInput = ReleaseRequest & { ledger: LedgerOptions };
export type LedgerCommitInput = CommitRequest & { ledger: LedgerOptions };

/**
 * A case's actions on its enterprise's yearly reward ledger, as update-with-start: the first
 * case of the year starts the ledger, every other one finds it running (ten at once included,
 * which the server sorts out: one start, ten updates). The update id comes from the case, the
 * action and the decision, so a retried activity is the same update, applied once. Uses the
 * worker's own client (activity context), on the worker's task queue.
 */
@Injectable()
export class RewardLedgerActivities {
  reserve({ ledger, ...request }: LedgerReserveInput): Promise<ReserveAnswer> {
    return this.send('reserve', reserveRewardUpdate, request, ledger);
  }

  release({ ledger, ...request }: LedgerReleaseInput): Promise<ReleaseAnswer> {
    return this.send('release', releaseRewardUpdate, request, ledger);
  }

  commit({ ledger, ...request }: LedgerCommitInput): Promise<CommitAnswer> {
    return this.send('commit', commitRewardUpdate, request, ledger);
  }

  private async send<Req extends ReserveRequest | ReleaseRequest | CommitRequest, Ret>(
    action: LedgerAction,
    update: UpdateDefinition<Ret, [Req]>,
    request: Req,
    ledger: LedgerOptions,
  ): Promise<Ret> {
    const { ceilingYuan } = ledger;
    if (!Number.isSafeInteger(ceilingYuan) || ceilingYuan < 1 || ceilingYuan > YEARLY_CEILING_LIMIT_YUAN) {
      throw ApplicationFailure.create({ type: 'InvalidInput', message: `ceilingYuan 必须是 1 到 ${YEARLY_CEILING_LIMIT_YUAN} 之间的整数（单个企业年奖励额不超过1000万元）`, nonRetryable: true });
    }
    const { client, info } = Context.current();
    const workflowId = rewardLedgerId(request.creditCode, request.year);
    const input: RewardLedgerInput = { creditCode: request.creditCode, year: request.year, closesOn: ledgerClosesOn(request.year), ...ledger };
    const startWorkflowOperation = new WithStartWorkflowOperation(REWARD_LEDGER_WORKFLOW, {
      workflowId,
      taskQueue: info.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // A ledger that has closed is never replaced by an empty one (which would forget the year's grants).
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    try {
      return await client.workflow.executeUpdateWithStart(update, {
        args: [request],
        updateId: ledgerUpdateId(action, request.caseId, request.decisionId),
        startWorkflowOperation,
      });
    } catch (error) {
      // The ledger refused the request (its validators): the case's answer, not something to retry.
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        throw ApplicationFailure.create({ type: error.cause.type ?? undefined, message: error.cause.message, nonRetryable: true });
      }
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw ApplicationFailure.create({ type: LEDGER_CLOSED, message: `${request.year}年度奖励额度账（${workflowId}）已结账`, nonRetryable: true });
      }
      // Anything else (the server busy, a run handing over to the next) is retried: the same update id again.
      throw error;
    }
  }
}
