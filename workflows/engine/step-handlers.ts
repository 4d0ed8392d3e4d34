import { CaseStep, ClaimStepInput, DECISIONS_ASKING_CORRECTION, DECISIONS_NEEDING_REASON, DecideStepInput, ReassignStepInput, UrgeStepInput } from '../../libs/domain/case-engine.contract';
import { DEPARTMENTS } from '../../libs/domain/departments';
import { assertAgencyOf, assertOpen, assertSupervisor } from './case-access';
import type { CaseEngine } from './case-engine';
import { invalidInput, invalidState } from './failures';

/**
 * The updates agencies and supervisors send about one step, as plain functions: each `validateX`
 * refuses what the actor may not do (before anything reaches the history), each `X` does it and
 * puts it on the timeline. Every workflow registers them in its own body:
 * `setHandler(claimStepUpdate, (i) => claimStep(engine, i), { validator: (i) => validateClaimStep(engine, i) })`.
 */

export function validateClaimStep(engine: CaseEngine, { stepId, actor }: ClaimStepInput): void {
  const step = engine.steps.get(stepId);
  assertAgencyOf(step, actor);
  assertOpen(engine, step);
  if (step.assignee && step.assignee.userId !== actor.userId) throw invalidState(`step ${stepId} is already claimed by ${step.assignee.name}`);
}

export function claimStep(engine: CaseEngine, { stepId, actor }: ClaimStepInput): CaseStep {
  const step = engine.steps.get(stepId);
  step.assignee = { userId: actor.userId, name: actor.name };
  step.status = 'claimed';
  engine.timeline.by(actor, 'step-claimed', { detail: { stepId, step: step.name } });
  return step;
}

export function validateDecideStep(engine: CaseEngine, { stepId, actor, decision, reason, correctionItems }: DecideStepInput): void {
  const step = engine.steps.get(stepId);
  assertAgencyOf(step, actor);
  assertOpen(engine, step);
  if (!step.allowed.includes(decision)) throw invalidInput(`decision must be one of ${step.allowed.join(', ')} for ${step.name}`);
  if (DECISIONS_NEEDING_REASON.includes(decision) && !reason?.trim()) throw invalidInput(`reason is required to ${decision}`);
  if (DECISIONS_ASKING_CORRECTION.includes(decision) && !(correctionItems?.length && correctionItems.every((i) => i.trim()))) {
    throw invalidInput('correctionItems must list every item to correct, at once (一次性告知)');
  }
}

export function decideStep(engine: CaseEngine, { stepId, actor, decision, reason, correctionItems }: DecideStepInput): CaseStep {
  const step = engine.steps.get(stepId);
  step.decision = { decision, reason, correctionItems, by: actor, at: new Date().toISOString() };
  step.status = 'decided';
  step.assignee ??= { userId: actor.userId, name: actor.name };
  engine.timeline.by(actor, 'step-decided', { reason, detail: { stepId, step: step.name, decision, correctionItems } });
  return step;
}

export function validateUrgeStep(engine: CaseEngine, { stepId, actor, note }: UrgeStepInput): void {
  assertSupervisor(actor);
  assertOpen(engine, engine.steps.get(stepId));
  if (!note?.trim()) throw invalidInput('note is required: say what the agency is urged to do');
}

export function urgeStep(engine: CaseEngine, { stepId, actor, note }: UrgeStepInput): CaseStep {
  const step = engine.steps.get(stepId);
  step.urges.push({ by: actor, at: new Date().toISOString(), note });
  engine.timeline.by(actor, 'urged', { reason: note, detail: { stepId, step: step.name, agency: step.agency } });
  return step;
}

export function validateReassignStep(engine: CaseEngine, { stepId, actor, agency, reason }: ReassignStepInput): void {
  assertSupervisor(actor);
  assertOpen(engine, engine.steps.get(stepId));
  if (!(agency in DEPARTMENTS)) throw invalidInput(`agency must be one of ${Object.keys(DEPARTMENTS).join(', ')}`);
  if (!reason?.trim()) throw invalidInput('reason is required to reassign');
}

export function reassignStep(engine: CaseEngine, { stepId, actor, agency, assignee, reason }: ReassignStepInput): CaseStep {
  const step = engine.steps.get(stepId);
  const from = step.agency;
  step.agency = agency;
  step.assignee = assignee;
  step.status = assignee ? 'claimed' : 'open';
  engine.timeline.by(actor, 'reassigned', { reason, detail: { stepId, step: step.name, from, to: agency, assignee: assignee?.name } });
  return step;
}
