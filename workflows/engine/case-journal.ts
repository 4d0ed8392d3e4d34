import type { CaseProjection, CaseSnapshot, TimelineEntry } from '../../libs/domain/case-record';

type NewEntry = Omit<TimelineEntry, 'seq' | 'at'>;

/**
 * The case's audit trail as the workflow writes it: numbered entries stamped with workflow
 * time, handed to the read model in batches. Numbering and version live in workflow state, so
 * a replay or a retried projection produces the same keys and nothing is written twice.
 */
export class CaseJournal {
  private seq = 0;
  private version = 0;
  private pending: TimelineEntry[] = [];
  /** Every entry so far: what a reconciler compares the read model with. */
  readonly all: TimelineEntry[] = [];

  note(entry: NewEntry): TimelineEntry {
    const stamped: TimelineEntry = { ...entry, seq: ++this.seq, at: new Date().toISOString() };
    this.pending.push(stamped);
    this.all.push(stamped);
    return stamped;
  }

  /** The version the next projection will carry, less one: what the read model should hold now. */
  get currentVersion(): number {
    return this.version;
  }

  /** Everything noted since the last call, with the snapshot it led to. */
  takeProjection(snapshot: Omit<CaseSnapshot, 'version'>): CaseProjection {
    const timeline = this.pending;
    this.pending = [];
    return { snapshot: { ...snapshot, version: ++this.version }, timeline };
  }
}
