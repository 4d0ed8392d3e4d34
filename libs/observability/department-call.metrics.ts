import { Counter, Histogram, Registry } from 'prom-client';
import { secondsSince } from './metrics-registry';

/**
 * How a call to a department ended, in the terms DepartmentHttpClient acts on: `ok`; `not-found`
 * (a lookup's 404, an answer); `unavailable` (5xx, 429: retried); `credential-refused` (401, 403:
 * retried until the keys agree); `rejected` (another 4xx: our bug, not retried); `timeout` and
 * `unreachable` (no answer at all: retried).
 */
export type DepartmentCallOutcome = 'ok' | 'not-found' | 'unavailable' | 'credential-refused' | 'rejected' | 'timeout' | 'unreachable';

export function outcomeOfStatus(method: string, status: number): DepartmentCallOutcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 404 && method === 'GET') return 'not-found';
  if (status >= 500 || status === 429) return 'unavailable';
  if (status === 401 || status === 403) return 'credential-refused';
  return 'rejected';
}

export function outcomeOfError(error: unknown): DepartmentCallOutcome {
  const name = (error as Error | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable';
}

/** Latency and failures of the worker's calls to each department's service. */
export class DepartmentCallMetrics {
  readonly calls: Histogram<'department' | 'method' | 'outcome'>;
  readonly errors: Counter<'department' | 'outcome'>;

  constructor(registry: Registry) {
    this.calls = new Histogram({
      name: 'approvals_department_call_duration_seconds',
      help: "Calls to the departments' services by department, method and outcome, and how long each took to answer",
      labelNames: ['department', 'method', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.errors = new Counter({
      name: 'approvals_department_call_errors_total',
      help: 'Calls to a department that failed (unavailable, credential-refused, rejected, timeout, unreachable), by department and outcome',
      labelNames: ['department', 'outcome'],
      registers: [registry],
    });
  }

  /** Starts timing one call; tell the returned handle how it ended. */
  start(department: string, method: string): { answered(status: number): void; failed(error: unknown): void } {
    const started = performance.now();
    const end = (outcome: DepartmentCallOutcome) => {
      this.calls.observe({ department, method, outcome }, secondsSince(started));
      if (outcome !== 'ok' && outcome !== 'not-found') this.errors.inc({ department, outcome });
    };
    return { answered: (status) => end(outcomeOfStatus(method, status)), failed: (error) => end(outcomeOfError(error)) };
  }
}
