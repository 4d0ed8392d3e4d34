import type { DepartmentCode } from '../../libs/domain/departments';
import type { CaseEngine } from '../engine/case-engine';
import { correctionRound } from './correction';
import { awaitStep, openStep, reopenStep } from './human-step';

export type AcceptanceOutcome = { accepted: true; acceptedAt: Date; deemed: boolean } | { accepted: false; reason: string };

/**
 * 受理 as the Administrative Licensing Law sets it (Art. 32): within the window (5 working days)
 * the agency accepts, refuses, or tells the applicant everything to correct at once. Without a
 * notice in time, the application counts as accepted from receipt. Acceptance and refusal are
 * answered with dated notices.
 */
export async function acceptance(engine: CaseEngine, spec: { agency: DepartmentCode; windowDays: number; receivedAt: Date }): Promise<AcceptanceOutcome> {
  const step = openStep(engine, {
    name: '受理',
    kind: 'acceptance',
    agency: spec.agency,
    allowed: ['accept', 'refuse', 'request-correction'],
    limitDays: spec.windowDays,
    warnDaysBefore: 1,
    onOverdue: 'deem-accepted',
  });
  let receivedAt = spec.receivedAt;
  for (;;) {
    const decision = await awaitStep(engine, step, { onOverdue: 'deem-accepted' });
    if (decision.decision === 'request-correction') {
      const notice = await correctionRound(engine, step, decision.correctionItems ?? []);
      receivedAt = new Date(notice.answeredAt!);
      // A new window runs from receipt of the corrected materials.
      reopenStep(engine, step, { restartClock: true });
      continue;
    }
    if (decision.decision === 'refuse') {
      engine.issueDocument('refusal-notice', '不予受理决定书', { reason: decision.reason, by: decision.by.name, agency: spec.agency });
      return { accepted: false, reason: decision.reason ?? '' };
    }
    const acceptedAt = decision.deemed ? receivedAt : new Date(decision.at);
    engine.issueDocument('acceptance-notice', '受理通知书', {
      acceptedOn: acceptedAt.toISOString(),
      deemed: decision.deemed ?? false,
      basis: decision.deemed ? '《行政许可法》第三十二条：逾期不告知的，自收到申请材料之日起即为受理' : '《行政许可法》第三十二条',
      agency: spec.agency,
    });
    return { accepted: true, acceptedAt, deemed: decision.deemed ?? false };
  }
}
