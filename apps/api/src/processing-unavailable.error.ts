import type { ErrorCode, ErrorParams } from '../../../libs/i18n';
import { translate } from '../../../libs/i18n';
import type { CheckName } from './readiness.service';

/**
 * An action on a case that no worker took up within WORKFLOW_UPDATE_TIMEOUT_SECONDS: answered
 * 503 with Retry-After (temporal-failure.filter.ts), the message naming why, by its catalogue
 * code (Chinese unless the request asks for English).
 */
export class ProcessingUnavailableError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams,
    /** What readiness blames: no worker polling, Temporal or Postgres down; or nothing known yet. */
    readonly blamed: Exclude<CheckName, 'departments'> | 'unknown',
    /** `no`: refused before reaching Temporal; `unknown`: Temporal holds it and a worker may still apply it. */
    readonly carriedOut: 'no' | 'unknown',
    readonly retryAfterSeconds: number,
  ) {
    super(translate(code, params));
    this.name = 'ProcessingUnavailableError';
  }
}
