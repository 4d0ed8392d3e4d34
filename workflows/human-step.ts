import { log } from '@temporalio/workflow';
import type { CaseStep, StepDecisionKind, StepDecisionRecord, StepKind } from '../libs/domain/case-engine.contract';
import type { DepartmentCode } from '../libs/domain/departments';
import { SlaColour, readClock, startClock, stopClock } from '../libs/domain/sla-clock';
import type { CaseEngine } from './case-engine';
import { watchClock } from './clock-watch';

export interface HumanStepSpec {
  name: string;
  kind: StepKind;
  agency: DepartmentCode;
  allowed: StepDecisionKind[];
  limitDays: number;
  statutoryDays?: number;
  warnDaysBefore: number;
  /** What the law makes of the limit passing: escalation to the supervisor, or (Art. 32) deemed acceptance. */
  onOverdue: 'escalate' | 'deem-accepted';
}

/** Announces a clock's colour on the timeline; red escalates to the supervisor (电子监察). */
export function announceColour(engine: CaseEngine, subject: { label: string; stepId?: string; agency?: DepartmentCode }, colour: SlaColour, dueOn: string): void {
  if (colour === 'yellow') {
    engine.note({ actor: 'sla-clock', role: 'system', agency: subject.agency, action: 'sla-warning', detail: { clock: subject.label, stepId: subject.stepId, dueOn } });
  } else if (colour === 'red') {
    engine.note({ actor: 'sla-clock', role: 'system', agency: subject.agency, action: 'sla-overdue', detail: { clock: subject.label, stepId: subject.stepId, dueOn } });
    engine.note({ actor: 'sla-clock', role: 'system', agency: subject.agency, action: 'escalated', reason: `${subject.label}已超过办理时限（${dueOn}），提交电子监察督办`, detail: { stepId: subject.stepId } });
  }
}

/** Opens a step for an agency, with its clock, and returns it; `awaitStep` waits for its decision. */
export function openStep(engine: CaseEngine, spec: HumanStepSpec): CaseStep {
  const at = new Date();
  const id = engine.nextStepId();
  const step: CaseStep = {
    id,
    name: spec.name,
    kind: spec.kind,
    agency: spec.agency,
    status: 'open',
    allowed: spec.allowed,
    round: 1,
    openedAt: at.toISOString(),
    clock: startClock({ id, label: spec.name, limitDays: spec.limitDays, statutoryDays: spec.statutoryDays ?? spec.limitDays, warnDaysBefore: spec.warnDaysBefore }, at),
    urges: [],
    escalated: false,
  };
  engine.state.steps.push(step);
  const dueOn = readClock(step.clock, engine.calendar, at).dueOn;
  engine.note({ actor: 'system', role: 'system', agency: spec.agency, action: 'step-opened', detail: { stepId: id, step: spec.name, dueOn } });
  return step;
}

/**
 * A human step with a clock: waits until the assigned agency decides (through the decideStep
 * update), while the clock's watcher turns it yellow, red and escalates — or, for acceptance,
 * deems it accepted when the window closes. Throws CaseWithdrawn if the applicant withdraws.
 */
export async function awaitStep(engine: CaseEngine, step: CaseStep, spec: Pick<HumanStepSpec, 'onOverdue'>): Promise<StepDecisionRecord>;
export async function awaitStep(
  engine: CaseEngine,
  step: CaseStep,
  spec: Pick<HumanStepSpec, 'onOverdue'>,
  abortWhen: () => boolean,
): Promise<StepDecisionRecord | undefined>;
/** With `abortWhen` (parallel steps: a sibling's rejection ends them all), an aborted step is cancelled and yields undefined. */
export async function awaitStep(
  engine: CaseEngine,
  step: CaseStep,
  spec: Pick<HumanStepSpec, 'onOverdue'>,
  abortWhen: () => boolean = () => false,
): Promise<StepDecisionRecord | undefined> {
  const watcher = watchClock(engine, step.clock, (colour) => {
    const dueOn = readClock(step.clock, engine.calendar, new Date()).dueOn;
    if (spec.onOverdue === 'deem-accepted') {
      if (colour !== 'red' || step.status === 'decided') return;
      // Art. 32: no notice within the window: the application counts as accepted from receipt.
      step.decision = { decision: 'accept', reason: '逾期未告知补正，自收到申请材料之日起即为受理', by: { userId: 'system', name: '系统', role: 'supervisor' }, at: new Date().toISOString(), deemed: true };
      step.status = 'decided';
      engine.note({ actor: 'system', role: 'system', agency: step.agency, action: 'deemed-accepted', reason: step.decision.reason, detail: { stepId: step.id, dueOn } });
      return;
    }
    if (colour === 'red') step.escalated = true;
    announceColour(engine, { label: step.name, stepId: step.id, agency: step.agency }, colour, dueOn);
  });
  try {
    await engine.waitFor(() => step.status === 'decided' || abortWhen());
    if (step.status !== 'decided') {
      step.status = 'cancelled';
      engine.note({ actor: 'system', role: 'system', agency: step.agency, action: 'step-cancelled', detail: { stepId: step.id, step: step.name } });
      return undefined;
    }
  } finally {
    if (!step.clock.stoppedAt) stopClock(step.clock, new Date());
    engine.clockChanged();
    await watcher;
  }
  log.info('step decided', { stepId: step.id, decision: step.decision?.decision });
  return step.decision;
}

/** Reopens a step after the applicant's correction: same step, next round, same clock resumed. */
export function reopenStep(engine: CaseEngine, step: CaseStep, options: { restartClock: boolean }): void {
  const at = new Date();
  step.round += 1;
  step.status = step.assignee ? 'claimed' : 'open';
  step.decision = undefined;
  if (options.restartClock) {
    step.clock = startClock({ id: step.id, label: step.clock.label, limitDays: step.clock.limitDays, statutoryDays: step.clock.statutoryDays, warnDaysBefore: step.clock.warnDaysBefore }, at);
  } else {
    step.clock.stoppedAt = undefined;
  }
  const dueOn = readClock(step.clock, engine.calendar, at).dueOn;
  engine.note({ actor: 'system', role: 'system', agency: step.agency, action: 'step-reopened', detail: { stepId: step.id, step: step.name, round: step.round, dueOn } });
  engine.clockChanged();
}
