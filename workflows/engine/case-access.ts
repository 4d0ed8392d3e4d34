import type { Actor, CaseStep, CorrectionNotice } from '../../libs/domain/case-engine.contract';
import { departmentName } from '../../libs/domain/departments';
import type { CaseEngine } from './case-engine';
import { forbidden, invalidState } from './failures';

/** Who may act on a case, in what state: the checks every validator is built from. */

export function assertAgencyOf(step: CaseStep, actor: Actor): void {
  if (actor.role !== 'agency' || actor.agency !== step.agency) {
    throw forbidden(`step ${step.id} is assigned to ${departmentName(step.agency)}; ${actor.name} (${actor.role}${actor.agency ? ` of ${actor.agency}` : ''}) may not act on it`);
  }
}

export function assertApplicant(engine: CaseEngine, actor: Actor): void {
  if (actor.role !== 'applicant' || actor.applicantId !== engine.applicantId) throw forbidden('only the applicant may do this');
}

export function assertSupervisor(actor: Actor): void {
  if (actor.role !== 'supervisor') throw forbidden('only a supervisor (电子监察) may do this');
}

/** The step is still with its agency, on a case not withdrawn. */
export function assertOpen(engine: CaseEngine, step: CaseStep): void {
  if (engine.withdrawn) throw invalidState('the case was withdrawn');
  if (step.status !== 'open' && step.status !== 'claimed') throw invalidState(`step ${step.id} is ${step.status}`);
}

/** A process's own step update (a liaison named, a subsidy granted): a step of that kind, open, acted on by its agency. */
export function openStepOfKind(engine: CaseEngine, stepId: string, kind: CaseStep['kind'], actor: Actor): CaseStep {
  const step = engine.steps.ofKind(stepId, kind);
  assertAgencyOf(step, actor);
  assertOpen(engine, step);
  return step;
}

export function pendingCorrection(engine: CaseEngine): CorrectionNotice | undefined {
  return engine.state.corrections.find((c) => !c.answeredAt);
}
