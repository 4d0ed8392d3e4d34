import { ApplicationFailure } from '@temporalio/workflow';
import { FailureType } from '../../libs/domain/case-engine.contract';
import { ErrorCode, ErrorParams, translate } from '../../libs/i18n/error-catalogue';

/** Thrown out of any wait when the applicant withdraws; `runCase` catches it once, at the top. */
export class CaseWithdrawn extends Error {
  constructor() {
    super('case withdrawn');
    this.name = 'CaseWithdrawn';
  }
}

/** The field a refusal is about, for the API's `errors: [{field, rule, …}]`. */
export interface RefusedField {
  field: string;
  rule?: string;
}

/**
 * Validators refuse with a typed, final failure; the API maps each type to one HTTP status. The
 * refusal is a catalogue code with its parameters (in the failure's details), which the API
 * renders in the language the request asks for; the message is its Chinese text.
 */
const refusal =
  (type: string) =>
  (code: ErrorCode, params: ErrorParams = {}, about?: RefusedField): ApplicationFailure =>
    ApplicationFailure.create({ type, message: translate(code, params), nonRetryable: true, details: [{ code, params, ...(about ?? {}) }] });

export const forbidden = refusal(FailureType.Forbidden);
export const invalidState = refusal(FailureType.InvalidState);
export const invalidInput = refusal(FailureType.InvalidInput);
export const notFound = refusal(FailureType.NotFound);
