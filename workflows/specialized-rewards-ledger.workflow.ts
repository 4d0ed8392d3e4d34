import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, log, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  LEDGER_CONTINUE_AS_NEW_AFTER_EVENTS,
  RewardLedgerInput,
  RewardLedgerView,
  YEARLY_CEILING_LIMIT_YUAN,
  commitRewardUpdate,
  releaseRewardUpdate,
  reserveRewardUpdate,
  rewardLedgerQuery,
} from '../libs/processes/specialized-rewards/ledger.contract';
import { LedgerRefusal, RewardCeilingBook } from '../libs/processes/specialized-rewards/reward-ceiling.rules';

/**
 * 单个企业年奖励额不超过1000万元, held durably: one enterprise's reward ledger for one year
 * (reward-ledger-<creditCode>-<year>). Its cases reserve when approved, release when rejected
 * or withdrawn, and commit when 市财政局 has paid, each through an update; Temporal runs one
 * execution's updates one at a time, so ten approvals at the same moment are answered in some
 * order, each against what the ones before it left. Refused requests never reach the history
 * (validators); accepted ones are idempotent per case, also across continue-as-new.
 */
export async function rewardLedger(input: RewardLedgerInput): Promise<RewardLedgerView> {
  // Never above the legal limit, whatever a starter passed (the activities refuse such a ceiling before starting).
  const ceilingYuan = Math.min(input.ceilingYuan, YEARLY_CEILING_LIMIT_YUAN);
  const book = new RewardCeilingBook({ creditCode: input.creditCode, year: input.year, ceilingYuan }, input.entries ?? []);
  const generation = input.generation ?? 0;
  const closesAt = Date.parse(`${input.closesOn}T00:00:00+08:00`);
  const closed = () => Date.now() >= closesAt;
  const now = () => new Date().toISOString();

  setHandler(
    reserveRewardUpdate,
    (request) => {
      const answer = book.reserve(request, now());
      log.info('reward reserved', { caseId: request.caseId, outcome: answer.outcome, grantedYuan: answer.grantedYuan, remainingYuan: answer.remainingYuan });
      return answer;
    },
    {
      validator: (request) => {
        // A case asking again gets its first answer even now; a new one may not open a closing year.
        if (closed() && !book.entry(request.caseId)) refuse({ type: 'InvalidState', message: `${input.year}年度奖励额度账已于 ${input.closesOn} 结账，不再预留` });
        refuseIf(book.refusalToReserve(request));
      },
    },
  );
  setHandler(releaseRewardUpdate, (request) => book.release(request, now()), { validator: (request) => refuseIf(book.refusalToRelease(request)) });
  setHandler(commitRewardUpdate, (request) => book.commit(request, now()), { validator: (request) => refuseIf(book.refusalToCommit(request)) });
  setHandler(rewardLedgerQuery, () => book.view(input.closesOn, generation));

  const limit = input.continueAsNewAfterEvents ?? LEDGER_CONTINUE_AS_NEW_AFTER_EVENTS;
  const historyFull = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= limit;
  for (;;) {
    if (closed()) {
      await condition(() => historyFull() || book.openReservations === 0);
    } else {
      await condition(historyFull, closesAt - Date.now());
    }
    if (historyFull()) {
      // Every accepted update answered before the run ends: none is lost in the hand-over.
      await condition(allHandlersFinished);
      return continueAsNew<typeof rewardLedger>({ ...input, entries: book.entries(), generation: generation + 1 });
    }
    if (closed() && book.openReservations === 0) break;
  }
  await condition(allHandlersFinished);
  log.info('reward ledger closed', { creditCode: input.creditCode, year: input.year, committedYuan: book.committedYuan });
  return book.view(input.closesOn, generation);
}

function refuse(refusal: LedgerRefusal): never {
  throw ApplicationFailure.create({ type: refusal.type, message: refusal.message, nonRetryable: true });
}

function refuseIf(refusal: LedgerRefusal | undefined): void {
  if (refusal) refuse(refusal);
}
