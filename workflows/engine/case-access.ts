import type { Actor, CaseStep, CorrectionNotice } from '../../libs/domain/case-engine.contract';
import { departmentName } from '../../libs/domain/departments';
import { label } from '../../libs/i18n/error-catalogue';
import type { CaseEngine } from './case-engine';
import { forbidden, invalidState } from './failures';

/** Who may act on a case, in what state: the checks every validator is built from. */

export function assertAgencyOf(step: CaseStep, actor: Actor): void {
  if (actor.role !== 'agency' || actor.agency !== step.agency) {
    const who = actor.agency ? `${actor.name}（${departmentName(actor.agency)}）` : actor.name;
    throw forbidden('step.assignedElsewhere', { stepId: step.id, stepName: step.name, agencyName: departmentName(step.agency), actor: who, role: label('role', actor.role) });
  }
}

export function assertApplicant(engine: CaseEngine, actor: Actor): void {
  if (actor.role !== 'applicant' || actor.applicantId !== engine.applicantId) throw forbidden('case.applicantOnly');
}

export function assertSupervisor(actor: Actor): void {
  if (actor.role !== 'supervisor') throw forbidden('case.supervisorOnly');
}

/** The step is still with its agency, on a case not withdrawn. */
export function assertOpen(engine: CaseEngine, step: CaseStep): void {
  if (engine.withdrawn) throw invalidState('case.withdrawn');
  if (step.status !== 'open' && step.status !== 'claimed') throw invalidState('step.notOpen', { stepId: step.id, stepName: step.name, status: label('stepStatus', step.status) });
}

/**
 * A claimed step is its holder's (认领即锁定): only they act on it, until they release it or a
 * supervisor takes it back. An unclaimed step any official of its agency may act on.
 */
export function assertNotHeldByOther(step: CaseStep, actor: Actor): void {
  if (step.assignee && step.assignee.userId !== actor.userId) {
    throw invalidState('step.heldByOther', { stepId: step.id, stepName: step.name, holder: step.assignee.name, holderId: step.assignee.userId });
  }
}

/** A process's own step update (a liaison named, a subsidy granted): a step of that kind, open, acted on by its agency. */
export function openStepOfKind(engine: CaseEngine, stepId: string, kind: CaseStep['kind'], actor: Actor): CaseStep {
  const step = engine.steps.ofKind(stepId, kind);
  assertAgencyOf(step, actor);
  assertOpen(engine, step);
  assertNotHeldByOther(step, actor);
  return step;
}

export function pendingCorrection(engine: CaseEngine): CorrectionNotice | undefined {
  return engine.state.corrections.find((c) => !c.answeredAt);
}
