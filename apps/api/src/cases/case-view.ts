import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DepartmentCode, departmentName } from '../../../../libs/domain';
import { PROCESS_CODES, processByCode } from '../../../../libs/processes';
import { CaseRecord, DocumentRecord, PublicRegisterRecord, StepRecord, TimelineEntryRecord } from '../../../../libs/persistence';
import { RegisterEntryView, registerEntryView } from '../public/register-view';

export class TimelineEntryView {
  @ApiProperty() seq!: number;
  @ApiProperty() at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ enum: ['applicant', 'agency', 'supervisor', 'system'] }) role!: string;
  @ApiPropertyOptional() agency?: string;
  @ApiProperty() action!: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() detail?: Record<string, unknown>;
}

export class StepView {
  @ApiProperty() id!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() process!: string;
  @ApiProperty({ description: '受理, 形式审查 …' }) name!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() agency!: string;
  @ApiProperty() agencyName!: string;
  @ApiPropertyOptional() assignee?: { userId: string; name: string };
  @ApiProperty({ enum: ['open', 'claimed', 'waiting-applicant', 'decided', 'cancelled'] }) status!: string;
  @ApiProperty({ type: [String] }) allowed!: string[];
  @ApiProperty() round!: number;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ description: 'due date on the official working-day calendar' }) dueOn!: string;
  @ApiProperty({ description: 'true when the due date counts days of a year whose official holiday notice is not loaded yet (暂定): it may still move' }) dueOnProvisional!: boolean;
  @ApiProperty() warnOn!: string;
  @ApiProperty({ enum: ['green', 'yellow', 'red'] }) colour!: string;
  @ApiProperty() paused!: boolean;
  @ApiProperty() escalated!: boolean;
  @ApiPropertyOptional() decision?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiProperty({ description: '督办 received' }) urges!: Array<{ by: { userId: string; name: string }; at: string; note: string }>;
  @ApiPropertyOptional({ description: 'the clock ledger: pauses and extensions' }) clock?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'expert panel: members and scores so far' }) panel?: Record<string, unknown>;
}

export class DocumentView {
  @ApiProperty() id!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty({ description: 'acceptance-notice, refusal-notice, correction-notice, exclusion-notice, extension-notice, decision-notice' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty() body!: Record<string, unknown>;
  @ApiPropertyOptional({ description: '文号, e.g. 京科〔2026〕12号: the issuing department’s yearly sequence; its PDF is GET /cases/{id}/documents/{docId}/pdf' }) number?: string;
}

export class CaseClockView {
  @ApiProperty() label!: string;
  @ApiProperty() dueOn!: string;
  @ApiPropertyOptional({ description: 'true when the due date counts days of a year without an official holiday notice (暂定)' }) provisional?: boolean;
  @ApiProperty({ enum: ['green', 'yellow', 'red'] }) colour!: string;
  @ApiProperty() paused!: boolean;
  @ApiProperty() limitDays!: number;
  @ApiProperty() statutoryDays!: number;
  @ApiProperty() pausedWorkingDays!: number;
  @ApiProperty() extensionDays!: number;
  @ApiProperty() ledger!: unknown;
}

export class CaseView {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ description: '受理编号, e.g. 京科受〔2026〕000123 (given when the case is first recorded)' }) receiptNumber?: string;
  @ApiPropertyOptional({ description: 'the enterprise the case is for (applicant or employer)' }) enterpriseName?: string;
  @ApiProperty({ enum: PROCESS_CODES, description: 'GET /processes describes each' }) process!: string;
  @ApiProperty({ description: 'verifying | approved | acceptance | formal-review | awaiting-applicant | refused | rejected | formal-review-approved | withdrawn' }) status!: string;
  @ApiPropertyOptional({ description: 'approved-on-filing …' }) decision?: string;
  @ApiProperty() applicantId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() filedAt!: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiProperty() application!: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'each eligibility criterion with its reason and source' }) criteria?: unknown[];
  @ApiPropertyOptional({ description: 'declared vs shared values that disagree' }) mismatches?: unknown[];
  @ApiPropertyOptional({ description: 'what each department holds, labelled with the department' }) sharedData?: Record<string, unknown>;
  @ApiPropertyOptional({ type: CaseClockView, description: 'the decision clock (Art. 42), once the case is accepted' }) clock?: CaseClockView;
  @ApiProperty() escalated!: boolean;
  @ApiPropertyOptional({ description: 'the certificate issued on this case: number, validity, status' }) certificate?: Record<string, unknown>;
  @ApiProperty({ type: [RegisterEntryView], description: 'what the case issued into the public register (certificates, permits, compliance reports …), as anyone may verify it' }) artefacts!: RegisterEntryView[];
  @ApiPropertyOptional({ description: 'what else the process assessed (listing: liaison, compliance per department, report, subsidies; 两证联办: permits, branches)' }) details?: Record<string, unknown>;
  @ApiProperty({ type: [StepView] }) steps!: StepView[];
  @ApiProperty({ description: 'false while the read model has not caught up with a just-filed case' }) projected!: boolean;
  @ApiProperty({ description: 'grows with every change to the case (0 before its first projection); the ETag carries it' }) version!: number;
  @ApiProperty({ type: [TimelineEntryView] }) timeline!: TimelineEntryView[];
}

export class CaseSummaryView {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ description: '受理编号, e.g. 京科受〔2026〕000123' }) receiptNumber?: string;
  @ApiPropertyOptional() enterpriseName?: string;
  @ApiProperty() process!: string;
  @ApiProperty() status!: string;
  @ApiProperty() title!: string;
  @ApiProperty() applicantId!: string;
  @ApiProperty() filedAt!: string;
  @ApiPropertyOptional() dueOn?: string;
  @ApiPropertyOptional({ description: 'the due date is provisional (暂定): a year it counts has no official holiday notice yet' }) dueOnProvisional?: boolean;
  @ApiPropertyOptional() colour?: string;
  @ApiProperty() escalated!: boolean;
}

export function timelineView(e: TimelineEntryRecord): TimelineEntryView {
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    actor: e.actor,
    role: e.role,
    agency: e.agency ?? undefined,
    action: e.action,
    reason: e.reason ?? undefined,
    detail: e.detail ?? undefined,
  };
}

export function stepView(s: StepRecord): StepView {
  return {
    id: s.id,
    caseId: s.caseId,
    process: s.process,
    name: s.name,
    kind: s.kind,
    agency: s.agency,
    agencyName: departmentName(s.agency as DepartmentCode),
    assignee: s.assigneeId ? { userId: s.assigneeId, name: s.assigneeName ?? s.assigneeId } : undefined,
    status: s.status,
    allowed: s.allowed,
    round: s.round,
    openedAt: s.openedAt.toISOString(),
    dueOn: s.dueOn,
    dueOnProvisional: (s.clock as { reading?: { provisional?: boolean } } | null)?.reading?.provisional === true,
    warnOn: s.warnOn,
    colour: s.colour,
    paused: s.paused,
    escalated: s.escalated,
    decision: s.decision ?? undefined,
    reason: s.reason ?? undefined,
    decidedAt: s.decidedAt?.toISOString(),
    urges: s.urges,
    clock: s.clock,
    panel: s.panel ?? undefined,
  };
}

export function documentView(d: DocumentRecord): DocumentView {
  return { id: d.id, caseId: d.caseId, kind: d.kind, title: d.title, issuedAt: d.issuedAt.toISOString(), body: d.body, number: d.number ?? undefined };
}

export function caseSummaryView(c: CaseRecord): CaseSummaryView {
  return {
    id: c.id,
    receiptNumber: c.receiptNumber ?? undefined,
    enterpriseName: c.enterpriseName ?? undefined,
    process: c.process,
    status: c.status,
    title: c.title,
    applicantId: c.applicantId,
    filedAt: c.filedAt.toISOString(),
    dueOn: c.dueOn ?? undefined,
    dueOnProvisional: c.dueOn ? (c.clock as { provisional?: boolean } | null)?.provisional === true : undefined,
    colour: c.colour ?? undefined,
    escalated: c.escalated,
  };
}

/**
 * A case's assessment as the view shows it. An eligibility check (eligible, asOf, criteria each
 * with its reason and source, mismatches, the departments' records under `shared`) is shown as
 * criteria, mismatches and the records labelled with the department the process's contract names
 * for each (`sharedData`); whatever else the process assessed is its details.
 */
function assessmentView(c: CaseRecord): Pick<CaseView, 'criteria' | 'mismatches' | 'sharedData' | 'details'> {
  if (!c.assessment) return {};
  const { criteria, mismatches, shared, eligible: _eligible, asOf: _asOf, ...details } = c.assessment as {
    criteria?: unknown[];
    mismatches?: unknown[];
    shared?: Record<string, unknown>;
    eligible?: boolean;
    asOf?: string;
  };
  const sources = processByCode(c.process)?.sharedData ?? {};
  const source = (key: string) => (sources[key] ? departmentName(sources[key] as DepartmentCode) : undefined);
  return {
    criteria: criteria as unknown[] | undefined,
    mismatches: mismatches as unknown[] | undefined,
    sharedData: shared && Object.fromEntries(Object.entries(shared).map(([key, record]) => [key, { source: source(key), record }])),
    details: Object.keys(details).length ? details : undefined,
  };
}

export function caseView(c: CaseRecord, timeline: TimelineEntryRecord[], steps: StepRecord[], register: PublicRegisterRecord[] = []): CaseView {
  const certificate = register.find((r) => r.kind === 'certificate');
  return {
    id: c.id,
    receiptNumber: c.receiptNumber ?? undefined,
    enterpriseName: c.enterpriseName ?? undefined,
    process: c.process,
    status: c.status,
    decision: c.decision ?? undefined,
    applicantId: c.applicantId,
    title: c.title,
    filedAt: c.filedAt.toISOString(),
    decidedAt: c.decidedAt?.toISOString(),
    application: c.application,
    ...assessmentView(c),
    clock: (c.clock as unknown as CaseClockView | null) ?? undefined,
    escalated: c.escalated,
    certificate: certificate
      ? {
          number: certificate.number,
          issuedOn: certificate.issuedOn,
          validUntil: certificate.validUntil ?? undefined,
          basis: certificate.basis ?? undefined,
          status: certificate.status,
          revokedOn: certificate.revokedOn ?? undefined,
          revokedReason: certificate.revokedReason ?? undefined,
        }
      : undefined,
    artefacts: register.map(registerEntryView),
    steps: steps.map(stepView),
    projected: true,
    version: c.version,
    timeline: timeline.map(timelineView),
  };
}
