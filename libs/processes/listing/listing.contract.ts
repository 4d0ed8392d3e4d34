import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseCalendarInput, CaseStep, EngineState } from '../../domain/case-engine.contract';
import type { ComplianceDepartment, UnicornRecord } from '../../domain/departments';
import { COMPLIANCE_DEPARTMENTS } from '../../domain/departments';
import { defineContract } from '../process-contract';

/**
 * 即报即审 listing support for unicorns (京科发〔2023〕11号 item 6; 专精特新 measures item 9):
 * what the API and the worker share. Workflows import this file by relative path.
 */
export interface ListingApplication {
  creditCode: string;
  enterpriseName: string;
  /** 北京证券交易所: the exchange item 6 names. */
  exchange: 'BSE';
  /** 保荐机构. */
  sponsor: string;
  /** The district whose subsidy the enterprise will receive. */
  district: string;
}

export interface ListingOptions {
  /** A department silent this long (retried all the while) raises an incident for supervisors. */
  departmentIncidentSeconds: number;
  /** 专人对接: 市金融监管局 names a liaison within this many working days. */
  liaisonDays: number;
  /** A department with a finding confirms or clears it within this many. */
  findingReviewDays: number;
  csrcGuidanceDays: number;
  bseReviewDays: number;
  subsidyDays: number;
  warnDaysBefore: number;
  /** Municipal subsidy ceiling per enterprise (item 6: up to 3,000,000 yuan). */
  maxMunicipalSubsidyYuan: number;
}

export const DEFAULT_LISTING_OPTIONS: ListingOptions = {
  departmentIncidentSeconds: 600,
  liaisonDays: 1,
  findingReviewDays: 5,
  csrcGuidanceDays: 10,
  bseReviewDays: 20,
  subsidyDays: 10,
  warnDaysBefore: 2,
  maxMunicipalSubsidyYuan: 3_000_000,
};

export interface ListingInput {
  application: ListingApplication;
  options?: Partial<ListingOptions>;
  filedBy?: Actor;
  /** The official calendar as loaded when the case was filed (case-engine.contract.ts). */
  calendar?: CaseCalendarInput;
}

/** One department's part of the compliance report. */
export interface ComplianceEntry {
  department: ComplianceDepartment;
  departmentName: string;
  /** pending: not answered yet (perhaps down and being retried); under-review: a finding is with the department. */
  status: 'pending' | 'clean' | 'under-review' | 'cleared' | 'confirmed';
  findings: Array<{ id: string; date: string; summary: string }>;
  answeredAt?: string;
  stepId?: string;
  conclusion?: string;
}

/** 合规一码通: one report, one code anyone can verify. */
export interface ComplianceReport {
  code: string;
  creditCode: string;
  enterpriseName: string;
  issuedAt: string;
  entries: ComplianceEntry[];
  status: 'valid' | 'revoked';
}

export type ListingStatus =
  | 'verifying'
  /** Not in the 独角兽企业服务库. */
  | 'refused'
  /** 即报即审: liaison, compliance and 证监局 guidance run from submission; then 北交所. */
  | 'in-review'
  | 'awaiting-applicant'
  /** 审过即发: approved and issued at once; subsidies follow. */
  | 'listed'
  | 'completed'
  | 'rejected'
  | 'withdrawn';

export interface ListingState {
  caseId: string;
  status: ListingStatus;
  application: ListingApplication;
  unicorn?: UnicornRecord | null;
  liaison?: { name: string; phone: string; assignedBy: string; at: string };
  compliance: ComplianceEntry[];
  report?: ComplianceReport;
  subsidies: Array<{ level: 'municipal' | 'district'; amountYuan: number; grantedBy: string; at: string }>;
  engine?: EngineState;
}

export interface AssignLiaisonInput {
  stepId: string;
  actor: Actor;
  liaison: { name: string; phone: string };
}

export interface GrantSubsidyInput {
  stepId: string;
  actor: Actor;
  amountYuan: number;
}

export const listingStateQuery = defineQuery<ListingState>('listingState');
export const assignLiaisonUpdate = defineUpdate<CaseStep, [AssignLiaisonInput]>('assignLiaison');
export const grantSubsidyUpdate = defineUpdate<CaseStep, [GrantSubsidyInput]>('grantSubsidy');

/** 即报即审 listing support, as the registry knows it (the DTO is bound in listing-application.dto.ts). */
export const LISTING_CONTRACT = defineContract<ListingApplication, ListingOptions>({
  code: 'listing',
  names: { zh: '上市即报即审', en: 'Listing support for unicorns (review on submission)' },
  workflowType: 'listingSupport',
  leadAgency: 'finance-regulator',
  legalBasis: '京科发〔2023〕11号第6项（即报即审）',
  // 合规一码通 is 市政务服务中心's; 审过即发 is recorded by 北交所.
  documentIssuers: { 'compliance-report': 'service-center', 'listing-approval': 'bse' },
  applicantOf: (a) => a.creditCode,
  titleOf: (a) => a.enterpriseName,
  subjectOf: (a) => ({ key: a.creditCode, field: 'creditCode', described: '该企业' }),
  // Listed, the subsidies still follow: the case ends when they are granted.
  endedStatuses: ['refused', 'rejected', 'withdrawn', 'completed'],
  statuses: {
    verifying: '数据核验中',
    refused: '不予受理',
    'in-review': '即报即审审核中',
    'awaiting-applicant': '待申请人补正',
    listed: '已上市',
    completed: '已办结',
    rejected: '不予批准',
    withdrawn: '已撤回',
  },
  options: {
    envPrefix: 'LISTING_',
    defaults: DEFAULT_LISTING_OPTIONS,
    limits: {
      liaisonDays: { env: 'LIAISON_DAYS', min: 1, max: 10, description: '市金融监管局指定对接专员时限（工作日）' },
      findingReviewDays: { env: 'FINDING_REVIEW_DAYS', min: 1, max: 20, description: '有关部门核查违法违规记录时限（工作日）' },
      csrcGuidanceDays: { env: 'CSRC_GUIDANCE_DAYS', min: 1, max: 45, description: '北京证监局辅导监管时限（工作日）' },
      bseReviewDays: { env: 'BSE_REVIEW_DAYS', min: 1, max: 60, description: '北京证券交易所审核时限（工作日）' },
      subsidyDays: { env: 'SUBSIDY_DAYS', min: 1, max: 45, description: '上市补贴拨付时限（工作日）' },
      maxMunicipalSubsidyYuan: { env: 'MAX_MUNICIPAL_SUBSIDY_YUAN', min: 1, max: 3_000_000, description: '市级上市补贴上限（元，第6项：最高300万元）' },
    },
  },
  stepKinds: { liaison: '专人对接', 'compliance-finding': '违法违规记录核查', subsidy: '上市补贴' },
  stepAgencies: { liaison: ['finance-regulator'], 'compliance-finding': COMPLIANCE_DEPARTMENTS, review: ['csrc', 'bse'], subsidy: ['finance', 'district'] },
  documentKinds: {
    'compliance-report': '企业上市合规证明（合规一码通）',
    'listing-approval': '北交所上市审核通过及发行注册',
    'subsidy-decision': '上市补贴决定',
  },
  publicRegister: [{ kind: 'compliance-report', name: '企业上市合规证明（合规一码通）' }],
  actions: [
    {
      action: 'liaison',
      update: assignLiaisonUpdate.name,
      label: '指定专人',
      description: '市金融监管局指定对接专员（专人对接），申请人可见',
      on: 'step',
      roles: ['agency'],
      stepKinds: ['liaison'],
      input: (body, { stepId, actor }) => ({ stepId, actor, liaison: { name: body.name, phone: body.phone } }),
    },
    {
      action: 'subsidy',
      update: grantSubsidyUpdate.name,
      label: '拨付补贴',
      description: '拨付上市补贴：市财政局最高300万元；区级不低于市级金额',
      on: 'step',
      roles: ['agency'],
      stepKinds: ['subsidy'],
    },
  ],
});
