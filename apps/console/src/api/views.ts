// What the API answers, in the shared contracts' own types (libs/domain, libs/processes): the
// console declares no shape of its own where a contract has one. Only the read model's
// additions (due dates, colours, names) are spelt out here, as the API's views add them.
import type { Actor, CaseDocument, ExpertPanel, Role, StepDecisionKind, StepKind, StepStatus } from '../../../../libs/domain/case-engine.contract';
import type { ActorRole, Artefact, ProcessCode, TimelineEntry } from '../../../../libs/domain/case-record';
import type { DepartmentCode } from '../../../../libs/domain/departments';
import type { CriterionResult, Mismatch } from '../../../../libs/domain/high-tech-eligibility';
import type { ClockPause, ClockExtension, SlaClock, SlaColour } from '../../../../libs/domain/sla-clock';
import type { OptionLimit, ProcessContract } from '../../../../libs/processes/process-contract';
import type { ComplianceEntry, ComplianceReport } from '../../../../libs/processes/listing/listing.contract';
import type { TalentBranch } from '../../../../libs/processes/talent-permits/talent-permits.contract';
import type { PermitRecord } from '../../../../libs/domain/departments';

export type { Actor, ActorRole, DepartmentCode, Role, SlaColour, StepDecisionKind, StepStatus };

/** GET /processes: one registered process. */
/** One of a process's own actions, as GET /processes lists it. */
export interface ProcessActionInfo {
  action: string;
  label: string;
  description: string;
  on: 'step' | 'case' | 'public';
  roles: string[];
  stepKinds?: string[];
  openWhile?: string[];
  /** `POST /steps/{id}/score`. */
  call: string;
  /** `POST /steps/{id}/actions/score`. */
  genericCall: string;
  update: string;
  form: Record<string, unknown>;
}

export interface ProcessInfo {
  code: ProcessCode;
  names: { zh: string; en: string };
  workflowType: string;
  leadAgency: { code: DepartmentCode; name: string };
  filing: string;
  /** The application as JSON Schema (nested objects under $defs), derived from the DTO the API validates with. */
  form: Record<string, unknown>;
  statuses: Record<string, string>;
  endedStatuses: string[];
  stepKinds: Record<string, string>;
  documentKinds: Record<string, string>;
  publicRegister: Array<{ kind: string; name: string }>;
  /** Its own actions (专家评分, 指定专人 …): who may take them, on which step kinds, where to send them, and their body as JSON Schema. */
  actions: ProcessActionInfo[];
  updates: Array<{ name: string; description: string }>;
  /** How a filing is checked against the departments' records (its contract's), if it is. */
  assessment?: NonNullable<ProcessContract['assessment']>;
  personalDataFields: string[];
  options: Array<Pick<OptionLimit, 'min' | 'max' | 'description'> & { option: string; setting: string; value?: number }>;
  /** The materials (附件) its filing, correction answers and decisions take (absent from an API before them). */
  materials?: { filing: MaterialRequirementInfo[]; correction: MaterialRequirementInfo[]; decision: MaterialRequirementInfo[]; maxPerFiling: number };
}

/** One material a process names (GET /processes). */
export interface MaterialRequirementInfo {
  kind: string;
  name: string;
  required: boolean;
  contentTypes: string[];
  maxBytes: number;
  personal: boolean;
  /** An official's internal working paper: the applicant neither sees nor opens it (absent from an API before it). */
  internal?: boolean;
}

/** A step as the read model shows it (GET /cases/{id}, GET /inbox). */
export interface StepView {
  id: string;
  caseId: string;
  process: ProcessCode;
  name: string;
  kind: StepKind;
  agency: DepartmentCode;
  agencyName: string;
  assignee?: { userId: string; name: string };
  status: StepStatus;
  allowed: StepDecisionKind[];
  round: number;
  openedAt: string;
  dueOn: string;
  dueOnProvisional: boolean;
  warnOn: string;
  colour: SlaColour;
  paused: boolean;
  escalated: boolean;
  decision?: StepDecisionKind;
  reason?: string;
  decidedAt?: string;
  urges: Array<{ by: Pick<Actor, 'userId' | 'name'>; at: string; note: string }>;
  clock?: SlaClock & { reading?: { pauseReason?: ClockPause['reason'] } };
  panel?: ExpertPanel;
  /** Worklist rows (when the API adds them): the case's enterprise and 受理编号. */
  enterpriseName?: string;
  caseTitle?: string;
  receiptNumber?: string;
}

export interface CaseClockView {
  label: string;
  dueOn: string;
  provisional?: boolean;
  colour: SlaColour;
  paused: boolean;
  pauseReason?: ClockPause['reason'];
  limitDays: number;
  statutoryDays: number;
  pausedWorkingDays: number;
  extensionDays: number;
  ledger?: { extensions?: ClockExtension[]; pauses?: ClockPause[] };
}

export interface RegisterEntryView extends Omit<Artefact, 'supersedesOlder'> {
  issuerName: string;
  supersededBy?: string;
}

export interface SharedRecord {
  source?: string;
  record: unknown;
}

/** GET /cases/{id}. */
export interface CaseView {
  id: string;
  process: ProcessCode;
  status: string;
  decision?: string;
  applicantId: string;
  title: string;
  filedAt: string;
  decidedAt?: string;
  application: Record<string, unknown>;
  criteria?: CriterionResult[];
  mismatches?: Mismatch[];
  sharedData?: Record<string, SharedRecord>;
  clock?: CaseClockView;
  escalated: boolean;
  certificate?: { number: string; issuedOn: string; validUntil?: string; basis?: string; status: string; revokedOn?: string; revokedReason?: string };
  artefacts: RegisterEntryView[];
  details?: {
    liaison?: { name: string; phone: string; assignedBy?: string; at?: string };
    compliance?: ComplianceEntry[];
    report?: ComplianceReport;
    subsidies?: Array<{ level: 'municipal' | 'district'; amountYuan: number; grantedBy: string; at: string }>;
    permits?: { workPermit: PermitRecord; residencePermit: PermitRecord };
    branches?: TalentBranch[];
    employer?: Record<string, unknown> | null;
    unicorn?: Record<string, unknown> | null;
    [other: string]: unknown;
  };
  steps: StepView[];
  projected: boolean;
  version: number;
  timeline: TimelineEntry[];
  /** When the API adds it: the readable 受理编号. */
  receiptNumber?: string;
}

/** GET /cases: a row of a case list. */
export interface CaseSummaryView {
  id: string;
  process: ProcessCode;
  status: string;
  title: string;
  applicantId: string;
  filedAt: string;
  dueOn?: string;
  dueOnProvisional?: boolean;
  colour?: SlaColour;
  escalated: boolean;
  decidedAt?: string;
  receiptNumber?: string;
  enterpriseName?: string;
}

/** A document on a case; `number` is its 文号 once the read model has numbered it. */
export type DocumentView = CaseDocument & { caseId: string; number?: string };

export interface SupervisionOverview {
  steps: Array<{ process: ProcessCode; agency: DepartmentCode; agencyName: string; green: number; yellow: number; red: number; total: number }>;
  cases: Array<{ process: ProcessCode; green: number; yellow: number; red: number; total: number }>;
  calendarWarning: { message: string } | null;
}

export interface OnTimeWeek {
  process: ProcessCode;
  week: string;
  decided: number;
  onTime: number;
}

export interface Incident {
  id: string;
  caseId: string;
  department: DepartmentCode;
  departmentName: string;
  what: string;
  openedAt: string;
  closedAt?: string;
  open: boolean;
}

export interface PublicNotice {
  caseId: string;
  enterpriseName: string;
  creditCode: string;
  techField?: string;
  from?: string;
  endsAt?: string;
}

export interface CertificateAnswer {
  number: string;
  enterpriseName: string;
  creditCode: string;
  techField: string;
  issuedOn: string;
  validUntil?: string;
  basis?: string;
  status: string;
  revokedOn?: string;
  revokedReason?: string;
}

export interface ComplianceAnswer {
  code: string;
  enterpriseName: string;
  creditCode: string;
  issuedAt?: string;
  status: string;
  supersededBy?: string;
  results: Array<{ department: string; result: string; findings?: Array<{ date: string; summary: string }>; conclusion?: string }>;
}

/** The API's 4xx body: every broken field named, with its rule and message. */
export interface FieldError {
  field: string;
  rule?: string;
  message: string;
  code?: string;
  params?: Record<string, unknown>;
}

export interface ErrorBody {
  statusCode: number;
  error?: string;
  message?: string | string[];
  code?: string;
  errors?: FieldError[];
  carriedOut?: 'no' | 'unknown';
  openCase?: { id: string };
}

export type { TimelineEntry, CriterionResult, Mismatch };

// ——— lists the API pages through (GET /worklist, GET /supervision/steps, GET /supervision/cases) ———

/** One row of a worklist or a supervisor's list of steps. */
export interface StepRowView {
  stepId: string;
  caseId: string;
  receiptNumber?: string;
  enterpriseName: string;
  creditCode: string;
  caseTitle: string;
  caseStatus: string;
  process: ProcessCode;
  stepName: string;
  kind: StepKind;
  agency: DepartmentCode;
  agencyName: string;
  status: StepStatus;
  open: boolean;
  allowed: StepDecisionKind[];
  round: number;
  colour: SlaColour;
  dueOn: string;
  dueOnProvisional: boolean;
  warnOn: string;
  paused: boolean;
  escalated: boolean;
  daysOverdue: number;
  workingDaysOverdue: number;
  openedAt: string;
  decidedAt?: string;
  decision?: StepDecisionKind;
  decidedBy?: string;
  holder: { userId: string; name: string } | null;
  heldByMe: boolean;
  handler: { agency: DepartmentCode; agencyName: string; userId?: string; name?: string };
  urges: { count: number; last?: { at: string; note: string; by: { userId: string; name: string } } };
  panel?: { members: number; scored: number; closed: boolean; myScore?: { score: number; opinion: string; at: string } };
}

export interface Paged<Row> {
  page: number;
  pageSize: number;
  total: number;
  rows: Row[];
}

/** An open step as a case-search row lists it, to act on from the list. */
export interface OpenStepSummary {
  stepId: string;
  name: string;
  kind: StepKind;
  agency: DepartmentCode;
  agencyName: string;
  status: StepStatus;
  colour: SlaColour;
  dueOn: string;
  escalated: boolean;
  holder: { userId: string; name: string } | null;
}

/** One row of the supervisor's case search. */
export interface CaseRowView {
  caseId: string;
  receiptNumber?: string;
  process: ProcessCode;
  title: string;
  enterpriseName: string;
  creditCode: string;
  status: string;
  ended: boolean;
  filedAt: string;
  decidedAt?: string;
  decision?: string;
  dueOn?: string;
  colour?: SlaColour;
  escalated: boolean;
  openSteps: OpenStepSummary[];
}

/** GET /steps/{id}/reassign-options: the departments competent for that kind of step. */
export interface ReassignOptions {
  stepId: string;
  stepName: string;
  agency: DepartmentCode;
  agencyName: string;
  agencies: Array<{ code: DepartmentCode; name: string }>;
}

/** What 督办 / 改派 / 延长 need of a step, whichever list it comes from. */
export interface SupervisedStep {
  id: string;
  caseId: string;
  name: string;
  agency: DepartmentCode;
  agencyName: string;
  status: StepStatus;
  holder?: { userId: string; name: string } | null;
}

/** GET /verify?number= and POST /verify (a PDF): whether an issued document is genuine, revoked or unknown. */
export interface DocumentVerification {
  result: 'genuine' | 'revoked' | 'unknown';
  message: string;
  document?: {
    number: string;
    kind: string;
    kindName: string;
    title: string;
    agency: string;
    agencyName: string;
    issuedOn: string;
    enterpriseName: string;
    revokedOn?: string;
    revokedReason?: string;
  };
}
