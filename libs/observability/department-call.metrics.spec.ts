import { Registry } from 'prom-client';
import { DepartmentCallMetrics, outcomeOfError, outcomeOfStatus } from './department-call.metrics';

describe('department call outcomes', () => {
  it('names each answer as DepartmentHttpClient acts on it', () => {
    expect(outcomeOfStatus('GET', 200)).toBe('ok');
    expect(outcomeOfStatus('POST', 201)).toBe('ok');
    expect(outcomeOfStatus('GET', 404)).toBe('not-found');
    expect(outcomeOfStatus('POST', 404)).toBe('rejected');
    expect(outcomeOfStatus('GET', 503)).toBe('unavailable');
    expect(outcomeOfStatus('GET', 429)).toBe('unavailable');
    expect(outcomeOfStatus('GET', 401)).toBe('credential-refused');
    expect(outcomeOfStatus('POST', 403)).toBe('credential-refused');
    expect(outcomeOfStatus('POST', 400)).toBe('rejected');
    expect(outcomeOfError(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toBe('timeout');
    expect(outcomeOfError(new TypeError('fetch failed'))).toBe('unreachable');
  });

  it('times every call and counts as errors only the failures (a lookup without a record is an answer)', async () => {
    const registry = new Registry();
    const metrics = new DepartmentCallMetrics(registry);
    metrics.start('tax', 'GET').answered(200);
    metrics.start('statistics', 'GET').answered(404);
    metrics.start('statistics', 'GET').answered(503);
    metrics.start('zgc', 'POST').failed(new TypeError('fetch failed'));
    const text = await registry.metrics();
    expect(text).toContain('approvals_department_call_duration_seconds_count{department="tax",method="GET",outcome="ok"} 1');
    expect(text).toContain('approvals_department_call_duration_seconds_count{department="statistics",method="GET",outcome="not-found"} 1');
    expect(text).toContain('approvals_department_call_errors_total{department="statistics",outcome="unavailable"} 1');
    expect(text).toContain('approvals_department_call_errors_total{department="zgc",outcome="unreachable"} 1');
    expect((await registry.getSingleMetric('approvals_department_call_errors_total')!.get()).values).toHaveLength(2);
  });
});
