import type { CaseStep, StepDecisionRecord, StepKind } from '../../libs/domain/case-engine.contract';
import { invalidState, notFound } from './failures';

/**
 * The steps of one case: their ids (`<caseId>.<n>`, so the API finds the case from a step id
 * alone), and lookup by id for the handlers, which answer NotFound for a step the case lacks.
 */
export class StepRegistry {
  private seq = 0;

  constructor(
    private readonly caseId: string,
    private readonly steps: CaseStep[],
    private readonly changed: () => void,
  ) {}

  nextId(): string {
    return `${this.caseId}.${++this.seq}`;
  }

  add(step: CaseStep): CaseStep {
    this.steps.push(step);
    return step;
  }

  get(stepId: string): CaseStep {
    const step = this.steps.find((s) => s.id === stepId);
    if (!step) throw notFound('step.notFound', { stepId });
    return step;
  }

  /** The step a process-specific update acts on, which must be of that kind. */
  ofKind(stepId: string, kind: StepKind): CaseStep {
    const step = this.get(stepId);
    if (step.kind !== kind) throw invalidState('step.wrongKind', { stepName: step.name, kind });
    return step;
  }

  /** A decision not taken through decideStep (a panel's average, a law's deeming, a process's own update), recorded on the step. */
  settle(step: CaseStep, decision: StepDecisionRecord, status: 'decided' | 'cancelled' = 'decided'): void {
    step.decision = decision;
    step.status = status;
    this.changed();
  }

  /** Steps still with an agency or the applicant. */
  open(): CaseStep[] {
    return this.steps.filter((s) => s.status !== 'decided' && s.status !== 'cancelled');
  }
}
