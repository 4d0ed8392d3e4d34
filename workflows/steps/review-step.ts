import type { CaseStep, StepDecisionRecord } from '../../libs/domain/case-engine.contract';
import type { DepartmentCode } from '../../libs/domain/departments';
import type { CaseEngine } from '../engine/case-engine';
import { correctionRound } from './correction';
import { awaitStep, openStep, reopenStep } from './human-step';

export interface ReviewOutcome {
  outcome: 'approved' | 'rejected' | 'aborted';
  step: CaseStep;
  decision?: StepDecisionRecord;
}

/**
 * A review step of one agency: approve, reject (the caller ends the case with the reason), or
 * return for correction — the applicant answers and the same step resumes. `abortWhen` cancels
 * it when something else (a parallel sibling's rejection) has already decided the case.
 */
export async function reviewStep(
  engine: CaseEngine,
  spec: { name: string; agency: DepartmentCode; days: number; warnDaysBefore: number },
  abortWhen: () => boolean = () => false,
): Promise<ReviewOutcome> {
  const step = openStep(engine, {
    name: spec.name,
    kind: 'review',
    agency: spec.agency,
    allowed: ['approve', 'reject', 'return'],
    limitDays: spec.days,
    warnDaysBefore: Math.min(spec.warnDaysBefore, spec.days - 1),
    onOverdue: 'escalate',
  });
  for (;;) {
    const decision = await awaitStep(engine, step, { onOverdue: 'escalate' }, abortWhen);
    if (!decision) return { outcome: 'aborted', step };
    if (decision.decision === 'return') {
      await correctionRound(engine, step, decision.correctionItems ?? []);
      reopenStep(engine, step, { restartClock: false });
      continue;
    }
    return { outcome: decision.decision === 'reject' ? 'rejected' : 'approved', step, decision };
  }
}
