import { defineQuery } from '@temporalio/workflow';
import type { Actor, CaseCalendarInput, EngineState } from '../../domain/case-engine.contract';
import { defineContract } from '../process-contract';
import { OBJECTION_ACTION, publicNoticeLimits, type Objection } from '../public-notice.contract';
import { REGISTRATION_AGENCIES, type ExportMarket, type ProductType, type RegistrationAgency, type RewardPaymentRecord } from './department-records';
import { REWARD_LEDGER_WORKFLOW, REWARD_PER_PRODUCT_YUAN, ReserveOutcome, YEARLY_CEILING_LIMIT_YUAN } from './ledger.contract';
import type { RewardAssessment, RewardSharedFacts } from './reward-eligibility.rules';

/**
 * 专精特新 international-registration rewards (《北京市关于促进"专精特新"中小企业高质量发展的若干措施》
 * item 12 and its closing line): 对近两年内通过FDA、EMA、PMDA、WHO等国际机构注册，且在本市生产并在相应
 * 国外市场实现销售的药品和高端医疗器械，给予200万元奖励，单个企业年奖励额不超过1000万元（市经济和信息化局）;
 * 本政策适用于国家和市级"专精特新"中小企业及"小巨人"企业. What the API and the worker share;
 * workflow-safe (workflows import it by relative path).
 */

// The departments' vocabulary, for the workflow (which reads processes through contracts and rules only).
export { EXPORT_MARKETS, PRODUCT_TYPES, REGISTRATION_AGENCIES } from './department-records';
export type { RegistrationAgency } from './department-records';

export const REGISTRATION_AGENCY_CODES = Object.keys(REGISTRATION_AGENCIES) as RegistrationAgency[];

/**
 * 在相应国外市场实现销售: the market in which the registration lets the product be sold, as
 * 北京海关 classifies a declaration's destination (WHO PQ: procurement by UN agencies and the
 * countries relying on it, none of the other three).
 */
export const MARKET_OF_AGENCY: Readonly<Record<RegistrationAgency, ExportMarket>> = { FDA: 'US', EMA: 'EU', PMDA: 'JP', 'WHO-PQ': 'OTHER' };

/** One product per application: the reward is per product (给予200万元奖励). */
export interface SpecializedRewardApplication {
  creditCode: string;
  enterpriseName: string;
  product: { name: string; type: ProductType };
  /** The foreign registration, as its certificate states it: no Beijing department holds it. */
  registration: { agency: RegistrationAgency; number: string; registeredOn: string };
  /** 出口报关单号: the sales the applicant points to; 北京海关 confirms each. */
  exportDeclarations: string[];
}

export interface SpecializedRewardsOptions {
  /** A department silent this long (retried all the while) raises an incident for supervisors. */
  departmentIncidentSeconds: number;
  /** Yellow when this many working days or fewer remain. */
  warnDaysBefore: number;
  /** 受理, when the shared data do not bear the application out: within this many working days, or deemed accepted. */
  acceptanceWindowDays: number;
  /** The promised limit to decide, from acceptance; never above the statutory. */
  decisionLimitDays: number;
  decisionStatutoryDays: number;
  /** 市经济和信息化局's 审核, and its 异议核查 after an objection. */
  reviewDays: number;
  /** 公示: working days the public may object. */
  publicNoticeDays: number;
  /** Development and demos only: the notice lasts this many seconds instead. */
  publicNoticeSeconds?: number;
  /** 给予200万元奖励: per product; may be lowered, never raised. */
  rewardPerProductYuan: number;
  /** 单个企业年奖励额不超过1000万元: per enterprise and year; may be lowered, never raised. */
  yearlyCeilingYuan: number;
}

export const DEFAULT_SPECIALIZED_REWARDS_OPTIONS: SpecializedRewardsOptions = {
  departmentIncidentSeconds: 600,
  warnDaysBefore: 3,
  acceptanceWindowDays: 5,
  decisionLimitDays: 20,
  decisionStatutoryDays: 20,
  reviewDays: 10,
  publicNoticeDays: 5,
  rewardPerProductYuan: REWARD_PER_PRODUCT_YUAN,
  yearlyCeilingYuan: YEARLY_CEILING_LIMIT_YUAN,
};

export interface SpecializedRewardsInput {
  application: SpecializedRewardApplication;
  options?: Partial<SpecializedRewardsOptions>;
  /** The person who filed, as the token named them; the timeline records them. */
  filedBy?: Actor;
  /** Benchmark only (RAW): false runs the process without writing the read model. */
  readModelWrites?: boolean;
  /** The official calendar as loaded when the case was filed (case-engine.contract.ts). */
  calendar?: CaseCalendarInput;
}

export type SpecializedRewardsStatus =
  /** Filed; 市经信局, 市药监局 and 北京海关 asked what they hold. */
  | 'verifying'
  /** The shared data do not bear the application out: 市经信局 decides whether to accept it (受理). */
  | 'acceptance'
  /** 市经济和信息化局's 审核. */
  | 'review'
  | 'awaiting-applicant'
  /** Granted (in full or what the year's ceiling left) and published: anyone may object. */
  | 'public-notice'
  /** An objection sent the case back to 市经信局. */
  | 'objection-review'
  /** Decided: 市财政局 pays. */
  | 'paying'
  /** Paid; the reward decision stands in the public register. */
  | 'rewarded'
  | 'refused'
  /** 不予奖励: rejected by a reviewer, or nothing left of the enterprise's yearly ceiling. */
  | 'rejected'
  | 'withdrawn';

/** What the enterprise's yearly ledger granted this case's approval. */
export interface RewardGrant {
  year: number;
  /** The approval that asked (its id in the case): the ledger's, the payment's and the commit's key. */
  decisionId: string;
  outcome: ReserveOutcome;
  requestedYuan: number;
  grantedYuan: number;
  reason: string;
  /** Released when the case was rejected or withdrawn after it: the year has the amount back. */
  released?: { reason: string; at: string };
}

/** The reward decision as published: anyone verifies it by its number (GET /verify/reward-decision/{number}). */
export interface RewardDecision {
  number: string;
  amountYuan: number;
  issuedOn: string;
  paymentNumber: string;
  basis: string;
}

export interface SpecializedRewardState {
  caseId: string;
  status: SpecializedRewardsStatus;
  application: SpecializedRewardApplication;
  shared?: RewardSharedFacts;
  assessment?: RewardAssessment;
  grant?: RewardGrant;
  payment?: RewardPaymentRecord;
  decision?: RewardDecision;
  objections?: Objection[];
  engine?: EngineState;
}

export const specializedRewardStateQuery = defineQuery<SpecializedRewardState>('specializedRewardState');

const days = (min: number, max: number, description: string) => ({ min, max, description });

/** 专精特新 international-registration rewards, as the registry knows it (the DTO is bound in specialized-rewards-application.dto.ts). */
export const SPECIALIZED_REWARDS_CONTRACT = defineContract<SpecializedRewardApplication, SpecializedRewardsOptions>({
  code: 'specialized-rewards',
  names: { zh: '专精特新企业国际注册奖励', en: 'International registration rewards for specialized and innovative SMEs' },
  workflowType: 'specializedRewards',
  supportWorkflowTypes: [REWARD_LEDGER_WORKFLOW],
  leadAgency: 'economy-it',
  legalBasis: '《北京市关于促进"专精特新"中小企业高质量发展的若干措施》第12条',
  applicantOf: (a) => a.creditCode,
  titleOf: (a) => `${a.enterpriseName} · ${a.product.name}`,
  // One open case per product of an enterprise: each product is rewarded on its own.
  subjectOf: (a) => ({ key: `${a.creditCode}:${a.product.name}`, field: 'product.name', described: `该企业的“${a.product.name}”` }),
  // Item 12 rewards each product once: its reward decision bars another filing for it for good.
  refilingBar: {
    entry: 'reward-decision',
    sameSubject: (a) => ({ product: a.product.name }),
    opensOn: () => undefined,
    refusal: (d) => `该产品已获专精特新企业国际注册奖励（奖励决定书 ${d.number}，${d.issuedOn}），每个产品只奖励一次`,
  },
  // Decided, the payment follows: the case ends once 市财政局 has paid.
  endedStatuses: ['rewarded', 'refused', 'rejected', 'withdrawn'],
  statuses: {
    verifying: '数据核验中',
    acceptance: '待受理',
    review: '审核',
    'awaiting-applicant': '待申请人补正',
    'public-notice': '公示中',
    'objection-review': '异议核查',
    paying: '拨付中',
    rewarded: '已奖励',
    refused: '不予受理',
    rejected: '不予奖励',
    withdrawn: '已撤回',
  },
  sharedData: { roster: 'economy-it', licence: 'medical-products', exportSales: 'customs' },
  assessment: { title: '奖励条件核验', approvesOnFiling: false },
  // No personal data: the applicant, the product, its registration and its exports are an
  // enterprise's, so nothing is sealed or masked (no `personalData` policy).
  options: {
    envPrefix: 'SPECIALIZED_REWARDS_',
    defaults: DEFAULT_SPECIALIZED_REWARDS_OPTIONS,
    limits: {
      acceptanceWindowDays: { env: 'ACCEPTANCE_WINDOW_DAYS', ...days(1, 20, '受理期限（工作日，《行政许可法》第32条：逾期未告知视为受理）') },
      decisionLimitDays: { env: 'DECISION_LIMIT_DAYS', ...days(1, 20, '承诺办理时限（工作日，自受理起算）') },
      reviewDays: { env: 'REVIEW_DAYS', ...days(1, 20, '市经济和信息化局审核、异议核查时限（工作日）') },
      ...publicNoticeLimits(30),
      rewardPerProductYuan: { env: 'REWARD_PER_PRODUCT_YUAN', ...days(1, REWARD_PER_PRODUCT_YUAN, '每个产品奖励金额（元，第12项：给予200万元奖励，不得提高）') },
      yearlyCeilingYuan: { env: 'YEARLY_CEILING_YUAN', ...days(1, YEARLY_CEILING_LIMIT_YUAN, '单个企业年奖励额上限（元，第12项：不超过1000万元，不得提高）') },
    },
  },
  stepKinds: {},
  // 受理 and 审核 are 市经信局's alone: 改派 has nowhere else to send them.
  stepAgencies: { acceptance: ['economy-it'], review: ['economy-it'] },
  documentKinds: {
    'public-notice': '专精特新企业国际注册奖励公示',
    'reward-grant': '奖励核定通知书',
    'reward-decision': '专精特新企业国际注册奖励决定书',
  },
  publicRegister: [{ kind: 'reward-decision', name: '专精特新企业国际注册奖励决定书' }],
  actions: [
    OBJECTION_ACTION,
  ],
});
