// The case engine, as process workflows use it.
export { assertAgencyOf, assertOpen, openStepOfKind } from './case-access';
export { CaseEngine } from './case-engine';
export * from './case-handlers';
export { watchClock } from './clock-watch';
export { sharedData, watched } from './department-watch';
export { CaseWithdrawn, forbidden, invalidInput, invalidState, notFound } from './failures';
export { ProcessCase } from './process-case';
export { runCase } from './run-case';
export type { Filing } from './run-case';
export * from './step-handlers';
