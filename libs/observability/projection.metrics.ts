import { Histogram, Registry } from 'prom-client';
import { secondsSince } from './metrics-registry';

/**
 * How far the read model trails the workflows: for each projection write, the time from the
 * oldest timeline entry it carried (`at`, the workflow's clock when the entry was noted) to the
 * write's commit — what a user waits between acting and seeing it in the API. Also how long the
 * write's transaction took.
 */
export class ProjectionMetrics {
  readonly lag: Histogram;
  readonly writes: Histogram;

  constructor(registry: Registry) {
    this.lag = new Histogram({
      name: 'approvals_projection_lag_seconds',
      help: 'Time from a timeline entry in the workflow to its write in the read model (the oldest entry of each write)',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
      registers: [registry],
    });
    this.writes = new Histogram({
      name: 'approvals_read_model_write_duration_seconds',
      help: "How long one projection write (a case's rows, steps and timeline entries in one transaction) took",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  /** A write committed: `startedMs` from performance.now() before it, `timeline` the entries it carried. */
  written(timeline: ReadonlyArray<{ at: string }>, startedMs: number, now = Date.now()): void {
    this.writes.observe(secondsSince(startedMs));
    const oldest = Math.min(...timeline.map((entry) => Date.parse(entry.at)).filter((t) => Number.isFinite(t)));
    if (Number.isFinite(oldest)) this.lag.observe(Math.max(0, (now - oldest) / 1000));
  }
}
