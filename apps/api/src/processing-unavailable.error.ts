import type { CheckName } from './readiness.service';

/**
 * An action on a case that no worker took up within WORKFLOW_UPDATE_TIMEOUT_SECONDS: answered
 * 503 with Retry-After (temporal-failure.filter.ts), the message naming why, in Chinese.
 */
export class ProcessingUnavailableError extends Error {
  constructor(
    message: string,
    /** What readiness blames: a worker offline, or nothing known (busy). */
    readonly blamed: Exclude<CheckName, 'departments'> | 'busy',
    readonly retryAfterSeconds: number,
    readonly updateId: string,
  ) {
    super(message);
    this.name = 'ProcessingUnavailableError';
  }
}
