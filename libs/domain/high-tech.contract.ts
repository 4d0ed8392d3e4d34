import { defineQuery } from '@temporalio/workflow';
import type { DeclaredFacts, FastPathAssessment, SharedFacts } from './high-tech-eligibility';

/**
 * 报备即批准 high-tech certification: what the API and the worker share. Workflows import this
 * file by relative path (path aliases do not reach Temporal's workflow bundler).
 */
export type HighTechApplication = DeclaredFacts;

export type HighTechStatus =
  /** Filed; shared data being fetched and compared (自动比对). */
  | 'verifying'
  /** 报备即批准: approved on filing. */
  | 'approved'
  /** Off the fast path; the failed criteria say why. Formal review comes next. */
  | 'normal-review';

export interface HighTechState {
  caseId: string;
  status: HighTechStatus;
  application: HighTechApplication;
  shared?: SharedFacts;
  assessment?: FastPathAssessment;
}

export const highTechStateQuery = defineQuery<HighTechState>('highTechState');
