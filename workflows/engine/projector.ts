import { condition, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities/activity-map';
import type { EngineState, StepSnapshot } from '../../libs/domain/case-engine.contract';
import type { CaseSnapshot } from '../../libs/domain/case-record';
import type { CaseJournal } from './case-journal';

/**
 * Projections are regular activities, scheduled by a workflow task once it has completed, so the
 * read model only ever shows what the history holds. A local activity would save the server a
 * third of its work per case (measured) but writes from inside the workflow task: should the
 * worker die before that task completes, the read model holds a state the retried task may
 * redo differently (other timestamps, other batching) under the same version numbers — a step
 * shown that the workflow does not have yet, an audit entry that disagrees with the history.
 */
const readModel = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/**
 * The one writer of a case to the read model: a coroutine that wakes whenever the case changed,
 * and writes in one batch whatever changed since its last write — new timeline entries, steps
 * whose snapshot differs, new documents, the incidents, the snapshot with its artefacts.
 */
export class Projector {
  /**
   * False only for the benchmark's RAW floor (`npm run bench`): the same process with no read
   * model writes, to show what the projection costs. The API never turns it off.
   */
  enabled = true;
  private changes = 0;
  private projected = 0;
  private finished = false;
  private readonly projectedSteps = new Map<string, string>();
  private projectedDocuments = 0;

  constructor(
    private readonly journal: CaseJournal,
    private readonly state: EngineState,
    private readonly snapshot: () => Omit<CaseSnapshot, 'version'>,
    private readonly stepSnapshots: () => StepSnapshot[],
  ) {}

  /** The case changed: the projector writes it at its next wake. */
  touch(): void {
    this.changes += 1;
  }

  async run(): Promise<void> {
    if (!this.enabled) return condition(() => this.finished);
    for (;;) {
      await condition(() => this.changes !== this.projected || this.finished);
      if (this.changes === this.projected && this.finished) return;
      this.projected = this.changes;
      const documents = this.state.documents.slice(this.projectedDocuments);
      this.projectedDocuments = this.state.documents.length;
      await readModel.readModelProject({
        ...this.journal.takeProjection(this.snapshot()),
        steps: this.stepsChangedSinceLastWrite(),
        documents,
        incidents: this.state.incidents.map((i) => ({ ...i })),
      });
    }
  }

  /** Ends the projector after its last write; call once the process has reached its end. */
  async finish(run: Promise<void>): Promise<void> {
    this.finished = true;
    await run;
  }

  /**
   * Only the steps whose snapshot differs from the one last written: a long case's projection
   * stays small, and the agencies named in its change notice are those whose inbox moved.
   */
  private stepsChangedSinceLastWrite(): StepSnapshot[] {
    return this.stepSnapshots().filter((step) => {
      const json = JSON.stringify(step);
      if (this.projectedSteps.get(step.id) === json) return false;
      this.projectedSteps.set(step.id, json);
      return true;
    });
  }
}
