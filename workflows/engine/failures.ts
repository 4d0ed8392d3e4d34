import { ApplicationFailure } from '@temporalio/workflow';
import { FailureType } from '../../libs/domain/case-engine.contract';

/** Thrown out of any wait when the applicant withdraws; `runCase` catches it once, at the top. */
export class CaseWithdrawn extends Error {
  constructor() {
    super('case withdrawn');
    this.name = 'CaseWithdrawn';
  }
}

/** Validators refuse with a typed, final failure; the API maps each type to one HTTP status. */
const refusal =
  (type: string) =>
  (message: string): ApplicationFailure =>
    ApplicationFailure.create({ type, message, nonRetryable: true });

export const forbidden = refusal(FailureType.Forbidden);
export const invalidState = refusal(FailureType.InvalidState);
export const invalidInput = refusal(FailureType.InvalidInput);
export const notFound = refusal(FailureType.NotFound);
