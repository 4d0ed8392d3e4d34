import type { CaseCalendarInput } from '../../libs/domain/case-engine.contract';
import type { CaseSnapshot } from '../../libs/domain/case-record';
import { CaseEngine } from './case-engine';

type ProcessFields = Pick<CaseSnapshot, 'process' | 'title' | 'application' | 'assessment'>;

/**
 * What every process's case shares: where it stands (its phase, or waiting on the applicant
 * while a correction notice is out), when and how it was decided, and the one way it ends — a
 * rejection always with its reason in a dated notice. Plain JSON; each process adds its own state.
 */
export abstract class ProcessCase<Status extends string> {
  readonly filedAt = new Date();
  decidedAt?: string;
  decision?: string;
  readonly engine: CaseEngine;

  protected constructor(
    readonly caseId: string,
    applicantId: string,
    calendar: CaseCalendarInput | undefined,
    public phase: Status,
    private readonly rejectionTitle: string,
  ) {
    this.engine = new CaseEngine(caseId, applicantId, () => this.snapshot(), calendar);
  }

  /** The case as the read model shows it. */
  abstract snapshot(): Omit<CaseSnapshot, 'version'>;

  /** While a correction notice is with the applicant, that is what the case is waiting on. */
  get status(): Status {
    const waiting = this.engine.state.corrections.some((c) => !c.answeredAt);
    return waiting && !this.engine.withdrawn ? ('awaiting-applicant' as Status) : this.phase;
  }

  // ——— the one end-of-case path ———

  /** Records the decision that closes the case; after this nothing may be withdrawn. The first end wins. */
  end(phase: Status, decision?: string): void {
    if (this.engine.closed) return;
    this.phase = phase;
    this.decision = decision;
    this.decidedAt = new Date().toISOString();
    this.engine.closed = true;
    this.engine.projector.touch();
  }

  /** Decided but not yet closed: what follows the decision (subsidies, optional branches) still runs. */
  decided(phase: Status, decision: string): void {
    this.phase = phase;
    this.decision = decision;
    this.decidedAt = new Date().toISOString();
    this.engine.projector.touch();
  }

  /** The decision of a closed case changed (a certificate revoked after a spot check); it keeps its decision date. */
  amend(phase: Status, decision: string): void {
    this.phase = phase;
    this.decision = decision;
    this.engine.projector.touch();
  }

  /** Ends the case rejected, with the reason in a dated decision notice. */
  reject(stepName: string, reason: string, by: string): void {
    if (this.engine.closed) return;
    this.engine.issueDocument('decision-notice', this.rejectionTitle, { step: stepName, reason, by });
    this.end('rejected' as Status, 'rejected');
  }

  /** The applicant withdrew. A process whose issued artefacts fall with the case revokes them first. */
  endWithdrawn(): void {
    this.end('withdrawn' as Status);
  }

  /** What every snapshot says the same way; each process adds what it is, its title, application and assessment. */
  protected snapshotOf(fields: ProcessFields): Omit<CaseSnapshot, 'version'> {
    const { engine } = this;
    return {
      id: this.caseId,
      status: this.status,
      applicantId: engine.applicantId,
      filedAt: this.filedAt.toISOString(),
      decidedAt: this.decidedAt,
      decision: this.decision,
      clock: engine.clocks.caseClockView(),
      escalated: engine.state.caseEscalated,
      artefacts: engine.state.artefacts.map((a) => ({ ...a })),
      ...fields,
    };
  }
}
