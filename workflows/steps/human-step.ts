import { log } from '@temporalio/workflow';
import type { CaseStep, StepDecisionKind, StepDecisionRecord, StepKind } from '../../libs/domain/case-engine.contract';
import type { DepartmentCode } from '../../libs/domain/departments';
import type { SlaColour } from '../../libs/domain/sla-clock';
import type { CaseEngine } from '../engine/case-engine';
import { watchClock } from '../engine/clock-watch';

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
  const detail = { clock: subject.label, stepId: subject.stepId, dueOn };
  if (colour === 'yellow') {
    engine.timeline.clock(subject.agency, 'sla-warning', { detail });
  } else if (colour === 'red') {
    engine.timeline.clock(subject.agency, 'sla-overdue', { detail });
    engine.timeline.clock(subject.agency, 'escalated', { reason: `${subject.label}已超过办理时限（${dueOn}），提交电子监察督办`, detail: { stepId: subject.stepId } });
  }
}

/** Opens a step for an agency, with its clock, and returns it; `awaitStep` waits for its decision. */
export function openStep(engine: CaseEngine, spec: HumanStepSpec): CaseStep {
  const at = new Date();
  const id = engine.steps.nextId();
  const step = engine.steps.add({
    id,
    name: spec.name,
    kind: spec.kind,
    agency: spec.agency,
    status: 'open',
    allowed: spec.allowed,
    round: 1,
    openedAt: at.toISOString(),
    clock: engine.clocks.start({ id, label: spec.name, limitDays: spec.limitDays, statutoryDays: spec.statutoryDays ?? spec.limitDays, warnDaysBefore: spec.warnDaysBefore }, at),
    urges: [],
    escalated: false,
  });
  const dueOn = engine.clocks.read(step.clock, at).dueOn;
  engine.timeline.system(spec.agency, 'step-opened', { detail: { stepId: id, step: spec.name, dueOn } });
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
  const watcher = watchClock(engine.clocks, step.clock, (colour) => {
    const dueOn = engine.clocks.read(step.clock).dueOn;
    if (spec.onOverdue === 'deem-accepted') {
      if (colour !== 'red' || step.status === 'decided') return;
      // Art. 32: no notice within the window: the application counts as accepted from receipt.
      const reason = '逾期未告知补正，自收到申请材料之日起即为受理';
      engine.steps.settle(step, { decision: 'accept', reason, by: { userId: 'system', name: '系统', role: 'supervisor' }, at: new Date().toISOString(), deemed: true });
      engine.timeline.system(step.agency, 'deemed-accepted', { reason, detail: { stepId: step.id, dueOn } });
      return;
    }
    if (colour === 'red') step.escalated = true;
    announceColour(engine, { label: step.name, stepId: step.id, agency: step.agency }, colour, dueOn);
  });
  try {
    await engine.waitFor(() => step.status === 'decided' || abortWhen());
    if (step.status !== 'decided') {
      step.status = 'cancelled';
      engine.timeline.system(step.agency, 'step-cancelled', { detail: { stepId: step.id, step: step.name } });
      return undefined;
    }
  } finally {
    engine.clocks.stop(step.clock, new Date());
    await watcher;
  }
  log.info('step decided', { stepId: step.id, decision: step.decision?.decision });
  return step.decision;
}

/** Reopens a step after the applicant's correction: same step, next round, its clock running again (or anew). */
export function reopenStep(engine: CaseEngine, step: CaseStep, options: { restartClock: boolean }): void {
  const at = new Date();
  step.round += 1;
  step.status = step.assignee ? 'claimed' : 'open';
  step.decision = undefined;
  if (options.restartClock) {
    const { label, limitDays, statutoryDays, warnDaysBefore } = step.clock;
    step.clock = engine.clocks.start({ id: step.id, label, limitDays, statutoryDays, warnDaysBefore }, at);
  } else {
    engine.clocks.restart(step.clock);
  }
  const dueOn = engine.clocks.read(step.clock, at).dueOn;
  engine.timeline.system(step.agency, 'step-reopened', { detail: { stepId: step.id, step: step.name, round: step.round, dueOn } });
}
