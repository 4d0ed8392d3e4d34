import type { CaseStep, StepDecisionRecord } from '../../libs/domain/case-engine.contract';
import { DepartmentCode, departmentName } from '../../libs/domain/departments';
import type { CaseEngine } from '../engine/case-engine';
import { correctionRound } from './correction';
import { awaitStep, openStep, reopenStep } from './human-step';

export interface ParallelOutcome {
  outcome: 'approved' | 'rejected';
  steps: CaseStep[];
  rejectedBy?: { step: CaseStep; decision: StepDecisionRecord };
}

/**
 * Several departments review at the same time. One rejection ends the others, which are closed
 * with that reason. Returns for correction are gathered until every department has spoken, then
 * put to the applicant in ONE notice (each item marked with its department); the returned steps
 * resume once the applicant answers, approvals already given stand.
 */
export async function parallelReview(
  engine: CaseEngine,
  specs: Array<{ name: string; agency: DepartmentCode; days: number }>,
  warnDaysBefore: number,
): Promise<ParallelOutcome> {
  const steps = specs.map((spec) =>
    openStep(engine, {
      name: spec.name,
      kind: 'review',
      agency: spec.agency,
      allowed: ['approve', 'reject', 'return'],
      limitDays: spec.days,
      warnDaysBefore: Math.min(warnDaysBefore, spec.days - 1),
      onOverdue: 'escalate',
    }),
  );
  for (;;) {
    let rejectedBy: ParallelOutcome['rejectedBy'];
    await Promise.all(
      steps.map(async (step) => {
        if (step.status === 'decided' && step.decision?.decision === 'approve') return;
        const decision = await awaitStep(engine, step, { onOverdue: 'escalate' }, () => rejectedBy !== undefined);
        if (decision?.decision === 'reject') rejectedBy ??= { step, decision };
      }),
    );
    if (rejectedBy) {
      const { step: by, decision } = rejectedBy;
      for (const step of steps.filter((s) => s.status === 'cancelled')) {
        engine.steps.settle(step, { decision: 'reject', reason: `${by.name}不予批准，本环节终止：${decision.reason}`, by: decision.by, at: new Date().toISOString() }, 'cancelled');
      }
      return { outcome: 'rejected', steps, rejectedBy };
    }
    const returned = steps.filter((s) => s.decision?.decision === 'return');
    if (returned.length === 0) return { outcome: 'approved', steps };
    const items = returned.flatMap((s) => (s.decision?.correctionItems ?? []).map((item) => `【${departmentName(s.agency)}】${item}`));
    await correctionRound(engine, returned, items);
    for (const step of returned) reopenStep(engine, step, { restartClock: false });
  }
}
