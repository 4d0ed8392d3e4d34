import { defineQuery } from '@temporalio/workflow';
import type { Actor, EngineState } from './case-engine.contract';
import type { DeclaredFacts, FastPathAssessment, SharedFacts } from './high-tech-eligibility';

/**
 * 报备即批准 high-tech certification: what the API and the worker share. Workflows import this
 * file by relative path (path aliases do not reach Temporal's workflow bundler).
 */
export type HighTechApplication = DeclaredFacts;

/** Time limits of the normal path, in working days; the API passes them from its configuration. */
export interface HighTechOptions {
  /** Art. 32: accept, refuse or ask for corrections within this many days, or it is deemed accepted. */
  acceptanceWindowDays: number;
  /** The promised limit to decide (承诺时限), counted from acceptance; never above the statutory. */
  decisionLimitDays: number;
  /** Art. 42: 20 working days. */
  decisionStatutoryDays: number;
  formalReviewDays: number;
  /** Yellow when this many working days or fewer remain. */
  warnDaysBefore: number;
}

export const DEFAULT_HIGH_TECH_OPTIONS: HighTechOptions = {
  acceptanceWindowDays: 5,
  decisionLimitDays: 20,
  decisionStatutoryDays: 20,
  formalReviewDays: 10,
  warnDaysBefore: 3,
};

export interface HighTechInput {
  application: HighTechApplication;
  options?: Partial<HighTechOptions>;
  /** The person who filed, as the token named them; the timeline records them. */
  filedBy?: Actor;
}

export type HighTechStatus =
  /** Filed; shared data being fetched and compared (自动比对). */
  | 'verifying'
  /** 报备即批准: approved on filing. */
  | 'approved'
  /** Off the fast path: 市科委 decides whether to accept (受理). */
  | 'acceptance'
  /** Accepted; 市科委's formal review (形式审查). */
  | 'formal-review'
  /** A correction notice is with the applicant; the clocks stand still. */
  | 'awaiting-applicant'
  /** 不予受理. */
  | 'refused'
  /** A reviewer rejected the application, with the reason. */
  | 'rejected'
  /** Formal review passed; expert review and joint review follow (next stage). */
  | 'formal-review-approved'
  | 'withdrawn';

export interface HighTechState {
  caseId: string;
  status: HighTechStatus;
  application: HighTechApplication;
  shared?: SharedFacts;
  assessment?: FastPathAssessment;
  engine?: EngineState;
}

export const highTechStateQuery = defineQuery<HighTechState>('highTechState');
