import type { CaseStep, CorrectionNotice } from '../../libs/domain/case-engine.contract';
import type { CaseEngine } from '../engine/case-engine';

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
    // A step's clock was stopped by its decision; it runs again, paused, so the wait is on its ledger.
    engine.clocks.restart(step.clock);
  }
  engine.clocks.pause(engine.clocks.live(), 'awaiting-applicant', at);
  engine.timeline.system(first.agency, 'correction-requested', { detail: { stepIds: steps.map((s) => s.id), items } });

  await engine.waitFor(() => notice.answeredAt !== undefined);

  engine.clocks.resume(engine.clocks.live(), new Date());
  return notice;
}
