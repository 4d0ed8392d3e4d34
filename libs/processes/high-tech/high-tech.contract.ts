import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseCalendarInput, CaseStep, EngineState } from '../../domain/case-engine.contract';
import type { DeclaredFacts, FastPathAssessment, SharedFacts } from '../../domain/high-tech-eligibility';
import { defineContract } from '../process-contract';
import { OBJECTION_ACTION, publicNoticeLimits, type Objection } from '../public-notice.contract';

/**
 * 报备即批准 high-tech certification: what the API and the worker share. Workflows import this
 * file by relative path (path aliases do not reach Temporal's workflow bundler).
 */
export type HighTechApplication = DeclaredFacts;

/** Time limits of the normal path, in working days; the API passes them from its configuration (HIGH_TECH_*). */
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

/**
 * The first day an enterprise holding a valid certificate may file for certification again:
 * the first day of the certificate's last year of validity, i.e. once fewer than twelve months
 * of it remain (a certificate issued 2026-11-25, valid until 2029-11-24, may be renewed from
 * 2028-11-25). 《高新技术企业认定管理办法》 Art. 9 gives three years' validity and sets no earlier
 * window; 国家税务总局公告2017年第24号 speaks of re-certification in the year the qualification
 * expires (资格期满当年). That calendar year never begins before this date, so no filing the
 * tax rules expect is refused.
 */
export function recertificationOpensOn(validUntil: string): string {
  const [y, m, d] = validUntil.split('-').map(Number);
  const lapses = new Date(Date.UTC(y, m - 1, d + 1));
  return new Date(Date.UTC(lapses.getUTCFullYear() - 1, lapses.getUTCMonth(), lapses.getUTCDate())).toISOString().slice(0, 10);
}

const days = (min: number, max: number, description: string) => ({ min, max, description });

/** 报备即批准 high-tech certification, as the registry knows it (the DTO is bound in high-tech-application.dto.ts). */
export const HIGH_TECH_CONTRACT = defineContract<HighTechApplication, HighTechOptions>({
  code: 'high-tech',
  names: { zh: '高新技术企业认定', en: 'High-tech enterprise certification (approved on filing)' },
  workflowType: 'highTechCertification',
  leadAgency: 'zgc',
  legalBasis: '《高新技术企业认定管理办法》（国科发火〔2016〕32号）；京政办发〔2022〕19号',
  applicantOf: (a) => a.creditCode,
  titleOf: (a) => a.enterpriseName ?? '',
  subjectOf: (a) => ({ key: a.creditCode, field: 'creditCode', described: '该企业' }),
  // Certified ends the case although a spot check may still follow: the certificate, not the
  // case, then stands in the way of another filing (refilingBar).
  endedStatuses: ['certified', 'revoked', 'refused', 'rejected', 'withdrawn'],
  statuses: {
    verifying: '数据核验中',
    approved: '报备即批准',
    acceptance: '待受理',
    'formal-review': '形式审查',
    'awaiting-applicant': '待申请人补正',
    refused: '不予受理',
    rejected: '不予认定',
    'expert-review': '专家评审',
    'joint-review': '联合审查',
    'public-notice': '公示中',
    'objection-review': '异议核查',
    certified: '已认定',
    revoked: '已撤销',
    withdrawn: '已撤回',
  },
  refilingBar: {
    entry: 'certificate',
    // A certificate always has an end: its last year opens recertification.
    opensOn: (validUntil) => recertificationOpensOn(validUntil!),
    refusal: (c, opensOn) => `该企业持有有效的高新技术企业证书 ${c.number}（有效期至 ${c.validUntil}），证书有效期最后一年内（${opensOn} 起）方可申请重新认定`,
  },
  sharedData: { registration: 'market-supervision', rdExpenses: 'tax', scale: 'statistics', zgcEnterprise: 'zgc', creditMarks: 'zgc' },
  assessment: { title: '报备即批准条件核验', approvesOnFiling: true },
  options: {
    envPrefix: 'HIGH_TECH_',
    defaults: DEFAULT_HIGH_TECH_OPTIONS,
    limits: {
      acceptanceWindowDays: { env: 'ACCEPTANCE_WINDOW_DAYS', ...days(1, 20, '受理期限（工作日，《行政许可法》第32条：逾期未告知视为受理）') },
      decisionLimitDays: { env: 'DECISION_LIMIT_DAYS', ...days(1, 45, '承诺办理时限（工作日，自受理起算）') },
      formalReviewDays: { env: 'FORMAL_REVIEW_DAYS', ...days(1, 45, '形式审查时限（工作日）') },
      expertReviewDays: { env: 'EXPERT_REVIEW_DAYS', ...days(1, 45, '专家评审时限（工作日，不计入办理期限，第45条）') },
      expertPanelSize: { env: 'EXPERT_PANEL_SIZE', ...days(1, 5, '评审专家人数') },
      expertPassScore: { env: 'EXPERT_PASS_SCORE', ...days(0, 100, '专家评审平均分合格线（0–100）') },
      jointReviewDays: { env: 'JOINT_REVIEW_DAYS', ...days(1, 45, '市财政局、北京市税务局联合审查时限（工作日）') },
      ...publicNoticeLimits(30),
      spotCheckPercent: { env: 'SPOT_CHECK_PERCENT', ...days(0, 100, '报备即批准事后抽查比例（%，第17条）'), scripted: 0 },
    },
  },
  stepKinds: { 'expert-panel': '专家评审', 'spot-check': '事后抽查' },
  // 受理、形式审查、专家评审、异议核查、事后抽查 are 市科委's; 联合审查 is 市财政局's and 北京市税务局's.
  stepAgencies: { acceptance: ['zgc'], review: ['zgc', 'finance', 'tax'], 'expert-panel': ['zgc'], 'spot-check': ['zgc'] },
  documentKinds: {
    'public-notice': '高新技术企业认定公示',
    certificate: '高新技术企业证书',
    'revocation-notice': '撤销高新技术企业资格决定书',
  },
  publicRegister: [{ kind: 'certificate', name: '高新技术企业证书' }],
  actions: [
    OBJECTION_ACTION,
    { action: 'score', update: scoreExpertReviewUpdate.name, label: '专家评分', description: '评审专家评分（0–100）并给出意见；全部专家评分后评审结束', on: 'step', roles: ['expert'], stepKinds: ['expert-panel'] },
  ],
});
