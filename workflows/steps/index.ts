// The steps processes share: plain async functions over the case engine.
export { acceptance } from './acceptance';
export { correctionRound } from './correction';
export { expertPanel, scoreExpertReview, validateScoreExpertReview } from './expert-panel';
export { announceColour, awaitStep, openStep, reopenStep } from './human-step';
export { parallelReview } from './parallel-review';
export { lodgeObjection, publicNotice, validateObjection } from './public-notice';
export { reviewStep } from './review-step';
export type { AcceptanceOutcome } from './acceptance';
export type { PanelOutcome } from './expert-panel';
export type { HumanStepSpec } from './human-step';
export type { ParallelOutcome } from './parallel-review';
export type { NoticeCase, PublicNoticeSpec } from './public-notice';
export type { ReviewOutcome } from './review-step';
