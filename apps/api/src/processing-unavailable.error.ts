import type { CheckName } from './readiness.service';

/**
 * An action on a case that no worker took up within WORKFLOW_UPDATE_TIMEOUT_SECONDS: answered
 * 503 with Retry-After (temporal-failure.filter.ts), the message naming why, in Chinese.
 */
export class ProcessingUnavailableError extends Error {
  constructor(
    message: string,
    /** What readiness blames: no worker polling, Temporal or Postgres down; or nothing known yet. */
    readonly blamed: Exclude<CheckName, 'departments'> | 'unknown',
    /** `no`: refused before reaching Temporal; `unknown`: Temporal holds it and a worker may still apply it. */
    readonly carriedOut: 'no' | 'unknown',
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'ProcessingUnavailableError';
  }
}
