import { defineQuery } from '@temporalio/workflow';
import type { Actor, CaseCalendarInput, EngineState } from '../../domain/case-engine.contract';
import type { PermitRecord, RegistrationRecord } from '../../domain/departments';
import { maskPassport } from '../../domain/masking';
import { DOCUMENT_TYPES, JPEG, MIB, MaterialReference, PNG } from '../../domain/materials';
import { defineContract } from '../process-contract';

/**
 * 两证联办 (京科发〔2023〕11号 item 8): one application and one set of materials yields both the
 * work permit (来华工作许可, 市人社局) and the residence permit (居留许可, 市公安局出入境), with
 * 工作居住证 and 人才公租房 as optional branches. Shared by the API and the worker.
 */
export const TALENT_DOCUMENTS = {
  'passport-copy': '护照复印件',
  'degree-certificate': '学历学位证书',
  'employment-contract': '劳动合同或聘用意向书',
  'no-criminal-record': '无犯罪记录证明',
  'health-certificate': '体检证明',
  photo: '近期证件照片',
} as const;
export type TalentDocumentType = keyof typeof TALENT_DOCUMENTS;
export const TALENT_DOCUMENT_TYPES = Object.keys(TALENT_DOCUMENTS) as TalentDocumentType[];

/** 外国高端人才（A类） and 外国专业人才（B类）: the categories 市人才局 supports. */
export type TalentCategory = 'A' | 'B';

export interface ForeignTalent {
  name: string;
  passportNumber: string;
  /** ISO 3166-1 alpha-3. */
  nationality: string;
  dateOfBirth: string;
  passportExpiry: string;
  degree: 'bachelor' | 'master' | 'doctorate';
  position: string;
  annualSalaryYuan: number;
  category: TalentCategory;
}

export interface TalentApplication {
  employerCreditCode: string;
  employerName: string;
  talent: ForeignTalent;
  /** Filed as materials (附件): the API adds their references (`materials`), checked against the contract's list. */
  materials?: MaterialReference[];
  /** Optional branches named in the same item, requested on the same application. */
  requests: { workResidencePermit: boolean; talentHousing: boolean };
}

export interface TalentOptions {
  /** A department silent this long (retried all the while) raises an incident for supervisors. */
  departmentIncidentSeconds: number;
  preReviewDays: number;
  workPermitDays: number;
  residenceCheckDays: number;
  branchDays: number;
  warnDaysBefore: number;
  /** Permits run this many years, never past the passport's expiry. */
  permitYears: number;
}

export const DEFAULT_TALENT_OPTIONS: TalentOptions = {
  departmentIncidentSeconds: 600,
  preReviewDays: 5,
  workPermitDays: 10,
  residenceCheckDays: 10,
  branchDays: 15,
  warnDaysBefore: 2,
  permitYears: 2,
};

export interface TalentInput {
  application: TalentApplication;
  options?: Partial<TalentOptions>;
  filedBy?: Actor;
  /** The official calendar as loaded when the case was filed (case-engine.contract.ts). */
  calendar?: CaseCalendarInput;
}

export type TalentStatus =
  /** 市人才局's shared pre-review. */
  | 'pre-review'
  /** Work permit review and residence pre-check, in parallel. */
  | 'permit-review'
  | 'awaiting-applicant'
  /** Both permits issued; requested branches may still be running. */
  | 'permits-issued'
  | 'completed'
  | 'rejected'
  | 'withdrawn';

export interface TalentBranch {
  kind: 'work-residence-permit' | 'talent-housing';
  name: string;
  status: 'open' | 'granted' | 'refused' | 'cancelled';
  stepId?: string;
  result?: Record<string, unknown>;
}

export interface TalentState {
  caseId: string;
  status: TalentStatus;
  application: TalentApplication;
  employer?: RegistrationRecord | null;
  permits?: { workPermit: PermitRecord; residencePermit: PermitRecord };
  branches: TalentBranch[];
  engine?: EngineState;
}

export const talentStateQuery = defineQuery<TalentState>('talentState');

/**
 * 两证联办, as the registry knows it (the DTO is bound in talent-permits-application.dto.ts). A
 * talent's passport number and birth date rest sealed in the read model; a party without a stake
 * (a supervisor) sees them masked.
 */
export const TALENT_PERMITS_CONTRACT = defineContract<TalentApplication, TalentOptions>({
  code: 'talent-permits',
  names: { zh: '两证联办', en: 'Work and residence permits for foreign talent, in one application' },
  workflowType: 'talentPermits',
  leadAgency: 'talent-bureau',
  legalBasis: '京科发〔2023〕11号第8项（两证联办）',
  applicantOf: (a) => a.employerCreditCode,
  titleOf: (a) => `${a.employerName} · ${a.talent.position}`,
  // A talent is their passport (with the issuing nationality: two countries may issue the same
  // number) at one employer; never stored in clear, so the claim keeps a keyed hash of it.
  subjectOf: (a) => ({
    key: `${a.talent.nationality}\n${a.talent.passportNumber}\n${a.employerCreditCode}`,
    keyedHash: { label: 'talent', prefix: 't1' },
    field: 'talent.passportNumber',
    described: `该外籍人才（护照 ${maskPassport(a.talent.passportNumber)}）在本单位`,
  }),
  // The permits issued, the requested branches may still run: the case ends when they are done.
  endedStatuses: ['rejected', 'withdrawn', 'completed'],
  statuses: {
    'pre-review': '人才资格预审',
    'permit-review': '两证审查',
    'awaiting-applicant': '待申请人补正',
    'permits-issued': '两证已发',
    completed: '已办结',
    rejected: '不予批准',
    withdrawn: '已撤回',
  },
  personalData: {
    fields: ['passportNumber', 'dateOfBirth'],
    mask: (field, plain) => (field === 'passportNumber' ? maskPassport(plain) : '****-**-**'),
  },
  options: {
    envPrefix: 'TALENT_PERMITS_',
    defaults: DEFAULT_TALENT_OPTIONS,
    limits: {
      preReviewDays: { env: 'PRE_REVIEW_DAYS', min: 1, max: 20, description: '市人才局人才资格预审时限（工作日）' },
      workPermitDays: { env: 'WORK_PERMIT_DAYS', min: 1, max: 20, description: '来华工作许可审查时限（工作日）' },
      residenceCheckDays: { env: 'RESIDENCE_CHECK_DAYS', min: 1, max: 20, description: '居留许可审查时限（工作日）' },
      branchDays: { env: 'BRANCH_DAYS', min: 1, max: 45, description: '工作居住证、人才公租房办理时限（工作日）' },
      permitYears: { env: 'PERMIT_YEARS', min: 1, max: 5, description: '许可有效年限（不超过护照有效期）' },
    },
  },
  // One set of materials for both permits; the passport scan and the photo are personal documents.
  materials: TALENT_DOCUMENT_TYPES.map((kind) => ({
    kind,
    name: TALENT_DOCUMENTS[kind],
    required: true,
    contentTypes: kind === 'photo' ? [JPEG, PNG] : DOCUMENT_TYPES,
    maxBytes: kind === 'photo' ? 5 * MIB : 20 * MIB,
    ...(kind === 'passport-copy' || kind === 'photo' ? { personal: true } : {}),
  })),
  stepKinds: {},
  // 人才资格预审 and 工作居住证 (市人才局), 工作许可 (市人社局), 居留许可 (市公安局), 人才公租房 (市住建委).
  stepAgencies: { review: ['talent-bureau', 'hr-social-security', 'public-security', 'housing'] },
  documentKinds: {},
  publicRegister: [
    { kind: 'work-permit', name: '外国人来华工作许可' },
    { kind: 'residence-permit', name: '外国人居留许可' },
  ],
  actions: [],
});
