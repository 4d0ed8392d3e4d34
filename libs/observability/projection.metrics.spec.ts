import { Registry } from 'prom-client';
import { ProjectionMetrics } from './projection.metrics';

describe('projection lag', () => {
  it("is measured from the oldest timeline entry a write carried to the write's commit", async () => {
    const registry = new Registry();
    const metrics = new ProjectionMetrics(registry);
    const now = Date.parse('2026-03-02T08:00:10.000Z');
    metrics.written([{ at: '2026-03-02T08:00:07.500Z' }, { at: '2026-03-02T08:00:04.000Z' }, { at: 'not a date' }], performance.now(), now);
    // A write carrying no entry (a step's claim) says nothing about lag; its duration still counts.
    metrics.written([], performance.now(), now);
    const lag = (await metrics.lag.get()).values;
    expect(lag.find((v) => v.metricName === 'approvals_projection_lag_seconds_sum')?.value).toBe(6);
    expect(lag.find((v) => v.metricName === 'approvals_projection_lag_seconds_count')?.value).toBe(1);
    expect((await metrics.writes.get()).values.find((v) => v.metricName === 'approvals_read_model_write_duration_seconds_count')?.value).toBe(2);
  });
});
