import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseCalendarInput, CaseStep, EngineState } from './case-engine.contract';
import type { DeclaredFacts, FastPathAssessment, SharedFacts } from './high-tech-eligibility';

/**
 * 报备即批准 high-tech certification: what the API and the worker share. Workflows import this
 * file by relative path (path aliases do not reach Temporal's workflow bundler).
 */
export type HighTechApplication = DeclaredFacts;

/** Time limits of the normal path, in working days; the API passes them from its configuration. */
export interface HighTechOptions {
  /** A department silent this long (retried all the while) raises an incident for supervisors. */
  departmentIncidentSeconds: number;
  /** Art. 32: accept, refuse or ask for corrections within this many days, or it is deemed accepted. */
  acceptanceWindowDays: number;
  /** The promised limit to decide (承诺时限), counted from acceptance; never above the statutory. */
  decisionLimitDays: number;
  /** Art. 42: 20 working days. */
  decisionStatutoryDays: number;
  formalReviewDays: number;
  /** Yellow when this many working days or fewer remain. */
  warnDaysBefore: number;
  expertReviewDays: number;
  expertPanelSize: number;
  /** The panel's average must reach this (0–100). */
  expertPassScore: number;
  /** Experts the panel is drawn from. */
  expertPool: Array<{ userId: string; name: string }>;
  jointReviewDays: number;
  /** 公示: working days the public may object. */
  publicNoticeDays: number;
  /** Development and demos only: the notice lasts this many seconds instead. */
  publicNoticeSeconds?: number;
  /** Item 17: the share (0–100 %) of fast-path approvals drawn for a spot check. */
  spotCheckPercent: number;
  spotCheckDays: number;
  certificateValidityYears: number;
}

/** Experts the demo and tests know; production configures its own pool. */
export const DEFAULT_EXPERT_POOL = [
  { userId: 'expert-1', name: '刘教授（集成电路）' },
  { userId: 'expert-2', name: '陈研究员（人工智能）' },
  { userId: 'expert-3', name: '黄高工（财务）' },
  { userId: 'expert-4', name: '杨教授（生物医药）' },
  { userId: 'expert-5', name: '何研究员（新材料）' },
];

export const DEFAULT_HIGH_TECH_OPTIONS: HighTechOptions = {
  departmentIncidentSeconds: 600,
  acceptanceWindowDays: 5,
  decisionLimitDays: 20,
  decisionStatutoryDays: 20,
  formalReviewDays: 10,
  warnDaysBefore: 3,
  expertReviewDays: 10,
  expertPanelSize: 3,
  expertPassScore: 70,
  expertPool: DEFAULT_EXPERT_POOL,
  jointReviewDays: 10,
  publicNoticeDays: 5,
  spotCheckPercent: 10,
  spotCheckDays: 20,
  certificateValidityYears: 3,
};

/** 公示 objection: anyone may lodge one; it sends the case back to 市科委. */
export interface ObjectionInput {
  name: string;
  contact: string;
  reason: string;
}

export interface Objection extends ObjectionInput {
  id: string;
  at: string;
}

export const lodgeObjectionUpdate = defineUpdate<{ id: string }, [ObjectionInput]>('lodgeObjection');

/** 专家评审: a panel member scores the application, with an opinion, through their own inbox. */
export interface ScoreExpertReviewInput {
  stepId: string;
  actor: Actor;
  /** 0–100. */
  score: number;
  opinion: string;
}

export const scoreExpertReviewUpdate = defineUpdate<CaseStep, [ScoreExpertReviewInput]>('scoreExpertReview');

export interface HighTechInput {
  application: HighTechApplication;
  options?: Partial<HighTechOptions>;
  /** The person who filed, as the token named them; the timeline records them. */
  filedBy?: Actor;
  /** Benchmark only (RAW): false runs the process without writing the read model. */
  readModelWrites?: boolean;
  /** The official calendar as loaded when the case was filed (case-engine.contract.ts). */
  calendar?: CaseCalendarInput;
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
  /** A panel of experts scores the application (not counted against the limit, Art. 45). */
  | 'expert-review'
  /** 市财政局 and 北京市税务局 review in parallel; both must approve. */
  | 'joint-review'
  /** 公示: anyone may object until the notice ends. */
  | 'public-notice'
  /** An objection sent the case back to 市科委. */
  | 'objection-review'
  /** Certified: the certificate is issued (and, on the fast path, perhaps drawn for a spot check). */
  | 'certified'
  /** A spot check found a false declaration: certificate revoked, 失信 recorded. */
  | 'revoked'
  | 'withdrawn';

export interface HighTechState {
  caseId: string;
  status: HighTechStatus;
  application: HighTechApplication;
  shared?: SharedFacts;
  assessment?: FastPathAssessment;
  engine?: EngineState;
  objections?: Objection[];
  certificate?: CertificateSnapshot;
}

/** A certificate as issued on a case; the public register holds it as an artefact of kind `certificate`. */
export interface CertificateSnapshot {
  number: string;
  creditCode: string;
  enterpriseName: string;
  techField: string;
  issuedOn: string;
  validUntil: string;
  basis: string;
  status: 'valid' | 'revoked';
  revokedOn?: string;
  revokedReason?: string;
}

export const highTechStateQuery = defineQuery<HighTechState>('highTechState');
