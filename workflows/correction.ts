import type { CaseStep, CorrectionNotice } from '../libs/domain/case-engine.contract';
import { pauseClock, resumeClock } from '../libs/domain/sla-clock';
import type { CaseEngine } from './case-engine';

/**
 * One correction round (补正): a single notice listing every item (一次性告知, Art. 32) goes to
 * the applicant as a dated document — even when several departments returned the case at once,
 * the applicant is asked once. The case's and the steps' clocks stand still until the applicant
 * answers. Throws CaseWithdrawn if the applicant withdraws instead.
 */
export async function correctionRound(engine: CaseEngine, returned: CaseStep | CaseStep[], items: string[]): Promise<CorrectionNotice> {
  const steps = Array.isArray(returned) ? returned : [returned];
  const [first] = steps;
  const at = new Date();
  const notice: CorrectionNotice = { id: `${first.id}.c${first.round}`, stepId: first.id, items, issuedAt: at.toISOString() };
  engine.state.corrections.push(notice);
  engine.issueDocument('correction-notice', '补正材料通知书（一次性告知）', { steps: steps.map((s) => s.name), step: first.name, items, noticeId: notice.id }, at);
  for (const step of steps) {
    step.status = 'waiting-applicant';
    // A step's clock was stopped by its decision; it restarts paused, so the wait is on its ledger.
    step.clock.stoppedAt = undefined;
  }
  for (const clock of engine.liveClocks()) pauseClock(clock, 'awaiting-applicant', at);
  engine.note({ actor: 'system', role: 'system', agency: first.agency, action: 'correction-requested', detail: { stepIds: steps.map((s) => s.id), items } });
  engine.clockChanged();

  await engine.waitFor(() => notice.answeredAt !== undefined);

  const resumed = new Date();
  for (const clock of engine.liveClocks()) resumeClock(clock, resumed);
  engine.clockChanged();
  return notice;
}
