import { patched } from '@temporalio/workflow';
import {
  CaseStep,
  ClaimStepInput,
  DECISIONS_ASKING_CORRECTION,
  DECISIONS_NEEDING_REASON,
  DecideStepInput,
  ReassignStepInput,
  ReleaseStepInput,
  UrgeStepInput,
} from '../../libs/domain/case-engine.contract';
import { DEPARTMENTS, departmentName, renameForAgency } from '../../libs/domain/departments';
import { materialsDetail } from '../../libs/domain/materials';
import { label } from '../../libs/i18n/error-catalogue';
import { ProcessContract, competentAgencies } from '../../libs/processes/process-contract';
import { assertAgencyOf, assertNotHeldByOther, assertOpen, assertSupervisor } from './case-access';
import type { CaseEngine } from './case-engine';
import { invalidInput, invalidState } from './failures';

/**
 * The updates agencies and supervisors send about one step, as plain functions: each `validateX`
 * refuses what the actor may not do (before anything reaches the history), each `X` does it and
 * puts it on the timeline. Every workflow registers them in its own body:
 * `setHandler(claimStepUpdate, (i) => claimStep(engine, i), { validator: (i) => validateClaimStep(engine, i) })`.
 *
 * Claiming locks (认领即锁定): a claimed step is decided, paused or acted on only by its holder,
 * who may release it; a supervisor may take it back (release it) from anyone. Validators are not
 * run on replay and write nothing to the history, so tightening them needs no patch.
 */

export function validateClaimStep(engine: CaseEngine, { stepId, actor }: ClaimStepInput): void {
  const step = engine.steps.get(stepId);
  assertAgencyOf(step, actor);
  assertOpen(engine, step);
  assertNotHeldByOther(step, actor);
}

export function claimStep(engine: CaseEngine, { stepId, actor }: ClaimStepInput): CaseStep {
  const step = engine.steps.get(stepId);
  step.assignee = { userId: actor.userId, name: actor.name };
  step.status = 'claimed';
  engine.timeline.by(actor, 'step-claimed', { detail: { stepId, step: step.name } });
  return step;
}

export function validateReleaseStep(engine: CaseEngine, { stepId, actor }: ReleaseStepInput): void {
  const step = engine.steps.get(stepId);
  if (actor.role !== 'supervisor') assertAgencyOf(step, actor);
  assertOpen(engine, step);
  if (!step.assignee) throw invalidState('step.notClaimed', { stepId, stepName: step.name });
  if (actor.role !== 'supervisor') assertNotHeldByOther(step, actor);
}

/** The step goes back to its agency's pool, unclaimed; the timeline says who held it and who released it. */
export function releaseStep(engine: CaseEngine, { stepId, actor, reason }: ReleaseStepInput): CaseStep {
  const step = engine.steps.get(stepId);
  const holder = step.assignee;
  step.assignee = undefined;
  if (step.status === 'claimed') step.status = 'open';
  engine.timeline.by(actor, 'step-released', { reason, detail: { stepId, step: step.name, holder: holder?.name, holderId: holder?.userId, takenBack: actor.role === 'supervisor' } });
  return step;
}

export function validateDecideStep(engine: CaseEngine, { stepId, actor, decision, reason, correctionItems }: DecideStepInput): void {
  const step = engine.steps.get(stepId);
  assertAgencyOf(step, actor);
  assertOpen(engine, step);
  assertNotHeldByOther(step, actor);
  if (!step.allowed.includes(decision)) {
    throw invalidInput('decision.notAllowed', { stepName: step.name, decision: label('decision', decision), allowed: step.allowed.map((d) => label('decision', d)) }, { field: 'decision', rule: 'isIn' });
  }
  if (DECISIONS_NEEDING_REASON.includes(decision) && !reason?.trim()) {
    throw invalidInput('decision.reasonRequired', { decision: label('decision', decision) }, { field: 'reason', rule: 'isNotEmpty' });
  }
  if (DECISIONS_ASKING_CORRECTION.includes(decision) && !(correctionItems?.length && correctionItems.every((i) => i.trim()))) {
    throw invalidInput('decision.correctionItemsRequired', {}, { field: 'correctionItems', rule: 'arrayNotEmpty' });
  }
}

export function decideStep(engine: CaseEngine, { stepId, actor, decision, reason, correctionItems, materials }: DecideStepInput): CaseStep {
  const step = engine.steps.get(stepId);
  step.decision = { decision, reason, correctionItems, by: actor, at: new Date().toISOString(), ...(materials?.length && { materials }) };
  step.status = 'decided';
  step.assignee ??= { userId: actor.userId, name: actor.name };
  const attached = materials?.length ? { materials: materialsDetail(materials) } : {};
  engine.timeline.by(actor, 'step-decided', { reason, detail: { stepId, step: step.name, decision, correctionItems, ...attached } });
  return step;
}

export function validateUrgeStep(engine: CaseEngine, { stepId, actor, note }: UrgeStepInput): void {
  assertSupervisor(actor);
  assertOpen(engine, engine.steps.get(stepId));
  if (!note?.trim()) throw invalidInput('urge.noteRequired', {}, { field: 'note', rule: 'isNotEmpty' });
}

export function urgeStep(engine: CaseEngine, { stepId, actor, note }: UrgeStepInput): CaseStep {
  const step = engine.steps.get(stepId);
  step.urges.push({ by: actor, at: new Date().toISOString(), note });
  engine.timeline.by(actor, 'urged', { reason: note, detail: { stepId, step: step.name, agency: step.agency } });
  return step;
}

/**
 * 改派 goes only to a department competent for that kind of step (the process's contract says
 * which, `stepAgencies`); a workflow registered without its contract accepts any department.
 */
export function validateReassignStep(engine: CaseEngine, { stepId, actor, agency, reason }: ReassignStepInput, contract?: Pick<ProcessContract, 'stepAgencies' | 'leadAgency'>): void {
  assertSupervisor(actor);
  const step = engine.steps.get(stepId);
  assertOpen(engine, step);
  if (!Object.hasOwn(DEPARTMENTS, agency)) throw invalidInput('reassign.unknownAgency', { agencies: Object.keys(DEPARTMENTS) }, { field: 'agency', rule: 'isIn' });
  if (contract) {
    const competent = competentAgencies(contract, step.kind, step.agency);
    if (!competent.includes(agency)) {
      throw invalidInput(
        'reassign.agencyNotCompetent',
        { agency, agencyName: departmentName(agency), stepName: step.name, kind: step.kind, agencies: competent.map(departmentName), competent },
        { field: 'agency', rule: 'agencyTakesStepKind' },
      );
    }
  }
  if (!reason?.trim()) throw invalidInput('reassign.reasonRequired', {}, { field: 'reason', rule: 'isNotEmpty' });
}

export function reassignStep(engine: CaseEngine, { stepId, actor, agency, assignee, reason }: ReassignStepInput): CaseStep {
  const step = engine.steps.get(stepId);
  const from = step.agency;
  const before = step.name;
  step.agency = agency;
  step.assignee = assignee;
  step.status = assignee ? 'claimed' : 'open';
  // A name that says its department (联合审查（市财政局）) says the new one; cases reassigned before this kept the old name.
  if (patched('reassign-renames-step')) {
    step.name = renameForAgency(step.name, from, agency);
    step.clock.label = step.name;
  }
  const renamed = step.name !== before ? { renamedFrom: before } : {};
  engine.timeline.by(actor, 'reassigned', { reason, detail: { stepId, step: step.name, from, to: agency, assignee: assignee?.name, ...renamed } });
  return step;
}
