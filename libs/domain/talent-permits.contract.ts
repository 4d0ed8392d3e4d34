import { defineQuery } from '@temporalio/workflow';
import type { CaseCalendarInput, EngineState } from './case-engine.contract';
import type { PermitRecord, RegistrationRecord } from './departments';
import type { Actor } from './case-engine.contract';

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
  documents: Array<{ type: TalentDocumentType; reference: string }>;
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

/** E1234567 → E1****67: what a party without a step on the case may see of a passport number. */
export function maskPassport(passportNumber: string): string {
  return passportNumber.length <= 4 ? '****' : `${passportNumber.slice(0, 2)}****${passportNumber.slice(-2)}`;
}
