import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseRecord, TimelineEntryRecord } from '../../../../libs/persistence';
import { departmentName, DepartmentCode } from '../../../../libs/domain';

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

export class CaseView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['high-tech', 'listing', 'talent-permits'] }) process!: string;
  @ApiProperty({ description: 'verifying | approved | normal-review …' }) status!: string;
  @ApiPropertyOptional({ description: 'approved-on-filing …' }) decision?: string;
  @ApiProperty() applicantId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() filedAt!: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiProperty() application!: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'each eligibility criterion with its reason and source' }) criteria?: unknown[];
  @ApiPropertyOptional({ description: 'declared vs shared values that disagree' }) mismatches?: unknown[];
  @ApiPropertyOptional({ description: 'what each department holds, labelled with the department' }) sharedData?: Record<string, unknown>;
  @ApiProperty({ description: 'false while the read model has not caught up with a just-filed case' }) projected!: boolean;
  @ApiProperty({ type: [TimelineEntryView] }) timeline!: TimelineEntryView[];
}

const SHARED_SOURCES: Record<string, DepartmentCode> = { registration: 'market-supervision', rdExpenses: 'tax', scale: 'statistics', zgcEnterprise: 'zgc' };

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

export function caseView(c: CaseRecord, timeline: TimelineEntryRecord[]): CaseView {
  const assessment = (c.assessment ?? {}) as { criteria?: unknown[]; mismatches?: unknown[]; shared?: Record<string, unknown> };
  const sharedData = assessment.shared
    ? Object.fromEntries(
        Object.entries(assessment.shared).map(([key, record]) => [key, { source: departmentName(SHARED_SOURCES[key]), record }]),
      )
    : undefined;
  return {
    id: c.id,
    process: c.process,
    status: c.status,
    decision: c.decision ?? undefined,
    applicantId: c.applicantId,
    title: c.title,
    filedAt: c.filedAt.toISOString(),
    decidedAt: c.decidedAt?.toISOString(),
    application: c.application,
    criteria: assessment.criteria,
    mismatches: assessment.mismatches,
    sharedData,
    projected: true,
    timeline: timeline.map(timelineView),
  };
}
