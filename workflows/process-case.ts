import type { CaseEngine } from './case-engine';

/**
 * What every process's case shares: where it stands (its phase, or waiting on the applicant
 * while a correction notice is out), when and how it was decided, and how it ends — a rejection
 * always with its reason in a dated notice. Plain JSON; each process adds its own state.
 */
export abstract class ProcessCase<Status extends string> {
  readonly filedAt = new Date();
  decidedAt?: string;
  decision?: string;
  engine!: CaseEngine;

  constructor(
    public phase: Status,
    private readonly rejectionTitle: string,
  ) {}

  /** While a correction notice is with the applicant, that is what the case is waiting on. */
  get status(): Status {
    const waiting = this.engine.state.corrections.some((c) => !c.answeredAt);
    return waiting && !this.engine.withdrawn ? ('awaiting-applicant' as Status) : this.phase;
  }

  /** Records the decision; after this nothing may be withdrawn. The first end wins. */
  end(phase: Status, decision?: string): void {
    if (this.engine.closed) return;
    this.phase = phase;
    this.decision = decision;
    this.decidedAt = new Date().toISOString();
    this.engine.closed = true;
  }

  reject(stepName: string, reason: string, by: string): void {
    if (this.engine.closed) return;
    this.engine.issueDocument('decision-notice', this.rejectionTitle, { step: stepName, reason, by });
    this.end('rejected' as Status, 'rejected');
  }
}
