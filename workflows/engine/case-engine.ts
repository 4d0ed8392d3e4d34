import { condition, patched } from '@temporalio/workflow';
import type { CaseCalendarInput, CaseDocument, EngineState, StepSnapshot } from '../../libs/domain/case-engine.contract';
import type { Artefact, CaseProjection, CaseSnapshot } from '../../libs/domain/case-record';
import { CaseCalendar } from './case-calendar';
import { CaseJournal } from './case-journal';
import { Clocks } from './clocks';
import { CaseWithdrawn } from './failures';
import { Projector } from './projector';
import { StepRegistry } from './step-registry';
import { Timeline } from './timeline';

/**
 * The machinery every process shares, as plain state inside the process's workflow, one part per
 * concern: the steps agencies decide (`steps`), the clocks and their calendar (`clocks`), the
 * timeline (`timeline`), the documents and public-register artefacts issued, and the projector
 * that writes all of it to the read model. Who may act is decided by the case handlers
 * (case-handlers.ts), which each workflow registers itself.
 */
export class CaseEngine {
  readonly state: EngineState = { incidents: [], steps: [], corrections: [], documents: [], caseEscalated: false, artefacts: [] };
  readonly journal = new CaseJournal();
  readonly projector: Projector;
  readonly timeline: Timeline;
  readonly clocks: Clocks;
  readonly steps: StepRegistry;
  /** Set by the end-of-case path once the process has reached its decision: nothing may be withdrawn after that. */
  closed = false;
  private docSeq = 0;

  constructor(
    readonly caseId: string,
    readonly applicantId: string,
    private readonly snapshot: () => Omit<CaseSnapshot, 'version'>,
    calendar?: CaseCalendarInput,
  ) {
    const touch = () => this.projector.touch();
    this.projector = new Projector(this.journal, this.state, snapshot, () => this.stepSnapshots());
    this.timeline = new Timeline(this.journal, touch);
    // Cases started before this patch counted a year without a notice as weekends only, and
    // their histories (timers fired, colours announced) were recorded so: they keep counting so.
    const unknownYears = patched('provisional-calendar') ? 'provisional' : 'weekends';
    this.clocks = new Clocks(this.state, this.timeline, touch, new CaseCalendar(unknownYears, calendar));
    this.steps = new StepRegistry(caseId, this.state.steps, touch);
  }

  get withdrawn(): boolean {
    return this.state.withdrawn !== undefined;
  }

  /** Waits for a condition, unless the applicant withdraws first. */
  async waitFor(fn: () => boolean, timeoutMs?: number): Promise<boolean> {
    const met = timeoutMs === undefined ? await condition(() => fn() || this.withdrawn).then(() => true) : await condition(() => fn() || this.withdrawn, timeoutMs);
    if (this.withdrawn) throw new CaseWithdrawn();
    return met;
  }

  /** A dated document to the applicant (notice, decision, certificate …). */
  issueDocument(kind: CaseDocument['kind'], title: string, body: Record<string, unknown>, at = new Date()): CaseDocument {
    const doc: CaseDocument = { id: `${this.caseId}.d${++this.docSeq}`, kind, title, issuedAt: at.toISOString(), body };
    this.state.documents.push(doc);
    this.projector.touch();
    return doc;
  }

  /** An entry for the public register: verifiable by anyone from the next projection on. */
  publish(artefact: Artefact): Artefact {
    this.state.artefacts.push(artefact);
    this.projector.touch();
    return artefact;
  }

  /** A published artefact no longer stands: revoked (with its date and reason), or withdrawn with the case. */
  revoke(kind: string, number: string, revokedOn?: string, revokedReason?: string): void {
    const artefact = this.state.artefacts.find((a) => a.kind === kind && a.number === number);
    if (!artefact) return;
    Object.assign(artefact, { status: 'revoked' }, revokedOn && { revokedOn }, revokedReason && { revokedReason });
    this.projector.touch();
  }

  /** The case as the read model should hold it now: for the reconciler. */
  readModel(): CaseProjection {
    return {
      snapshot: { ...this.snapshot(), version: this.journal.currentVersion },
      timeline: [...this.journal.all],
      steps: this.stepSnapshots(),
      documents: [...this.state.documents],
      incidents: this.state.incidents.map((i) => ({ ...i })),
    };
  }

  stepSnapshots(): StepSnapshot[] {
    const now = new Date();
    return this.state.steps.map((s) => ({ ...s, reading: this.clocks.read(s.clock, now) }));
  }
}
