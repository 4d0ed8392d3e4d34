import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WorkingCalendar } from '../../../../libs/calendar';
import { DepartmentCode, departmentName } from '../../../../libs/domain';

/** Who holds a claimed step. */
export class HolderView {
  @ApiProperty() userId!: string;
  @ApiProperty() name!: string;
}

/** Who handles a step now: its holder if claimed, else its agency as a whole. */
export class HandlerView {
  @ApiProperty() agency!: string;
  @ApiProperty() agencyName!: string;
  @ApiPropertyOptional() userId?: string;
  @ApiPropertyOptional() name?: string;
}

export class UrgesView {
  @ApiProperty({ description: '督办 received' }) count!: number;
  @ApiPropertyOptional({ description: 'the latest: { at, note, by: { userId, name } }' }) last?: { at: string; note: string; by: { userId: string; name: string } };
}

/** An expert panel as a list shows it: how far it is, and — to an expert — only their own score (blind review). */
export class PanelSummaryView {
  @ApiProperty() members!: number;
  @ApiProperty() scored!: number;
  @ApiProperty({ description: 'the panel has closed (its average decided the step)' }) closed!: boolean;
  @ApiPropertyOptional({ description: 'the caller’s own score, for an expert on the panel' }) myScore?: { score: number; opinion: string; at: string };
}

/** One row of a worklist or a supervisor's list of steps. */
export class StepRowView {
  @ApiProperty() stepId!: string;
  @ApiProperty() caseId!: string;
  @ApiPropertyOptional({ description: '受理编号, e.g. 京科受〔2026〕000123' }) receiptNumber?: string;
  @ApiProperty({ description: 'the enterprise the case is for (applicant or employer)' }) enterpriseName!: string;
  @ApiProperty({ description: '统一社会信用代码 of the applicant (employer)' }) creditCode!: string;
  @ApiProperty() caseTitle!: string;
  @ApiProperty() caseStatus!: string;
  @ApiProperty() process!: string;
  @ApiProperty({ description: '受理, 形式审查, 联合审查（市财政局）…' }) stepName!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() agency!: string;
  @ApiProperty() agencyName!: string;
  @ApiProperty({ enum: ['open', 'claimed', 'waiting-applicant', 'decided', 'cancelled'] }) status!: string;
  @ApiProperty({ description: 'open, claimed or waiting for the applicant' }) open!: boolean;
  @ApiProperty({ type: [String], description: 'decisions the step takes (empty for a step acted on by its own update: liaison, subsidy, expert panel)' }) allowed!: string[];
  @ApiProperty() round!: number;
  @ApiProperty({ enum: ['green', 'yellow', 'red'] }) colour!: string;
  @ApiProperty() dueOn!: string;
  @ApiProperty({ description: 'the due date counts a year without an official holiday notice (暂定)' }) dueOnProvisional!: boolean;
  @ApiProperty() warnOn!: string;
  @ApiProperty({ description: 'the clock is paused (waiting for the applicant, an excluded period)' }) paused!: boolean;
  @ApiProperty({ description: 'escalated to 电子监察 on going red' }) escalated!: boolean;
  @ApiProperty({ description: 'calendar days past the due date (0 when not overdue or closed)' }) daysOverdue!: number;
  @ApiProperty({ description: 'working days past the due date, on the official calendar (0 when not overdue or closed)' }) workingDaysOverdue!: number;
  @ApiProperty() openedAt!: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional() decision?: string;
  @ApiPropertyOptional({ description: 'user id of who decided' }) decidedBy?: string;
  @ApiPropertyOptional({ type: HolderView, nullable: true, description: 'who claimed it (认领); null when unclaimed' }) holder!: HolderView | null;
  @ApiProperty({ description: 'the caller holds it' }) heldByMe!: boolean;
  @ApiProperty({ type: HandlerView }) handler!: HandlerView;
  @ApiProperty({ type: UrgesView }) urges!: UrgesView;
  @ApiPropertyOptional({ type: PanelSummaryView }) panel?: PanelSummaryView;
}

/** A page of rows and how many there are in all. */
export class StepPageView {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'rows matching, over all pages' }) total!: number;
  @ApiProperty({ type: [StepRowView] }) rows!: StepRowView[];
}

/** A step row as the query returns it. */
export interface StepRow {
  id: string;
  case_id: string;
  process: string;
  name: string;
  kind: string;
  agency: string;
  assignee_id: string | null;
  assignee_name: string | null;
  status: string;
  allowed: string[];
  round: number;
  opened_at: Date;
  due_on: string;
  warn_on: string;
  colour: string;
  paused: boolean;
  escalated: boolean;
  decided_at: Date | null;
  decision: string | null;
  decided_by: string | null;
  provisional: boolean | null;
  urge_count: number;
  last_urge: { at: string; note: string; by: { userId: string; name: string } } | null;
  panel: { members: Array<{ userId: string }>; scores: Array<{ userId: string; score: number; opinion: string; at: string }> } | null;
  receipt_number: string | null;
  enterprise_name: string | null;
  applicant_id: string;
  title: string;
  case_status: string;
  today: string;
}

/** The columns every list of steps selects (steps `s`, cases `c`). */
export const STEP_ROW_COLUMNS = `
  s.id, s.case_id, s.process, s.name, s.kind, s.agency, s.assignee_id, s.assignee_name, s.status, s.allowed, s.round,
  s.opened_at, to_char(s.due_on, 'YYYY-MM-DD') AS due_on, to_char(s.warn_on, 'YYYY-MM-DD') AS warn_on, s.colour, s.paused, s.escalated,
  s.decided_at, s.decision, s.decided_by, (s.clock -> 'reading' ->> 'provisional')::boolean AS provisional,
  jsonb_array_length(s.urges) AS urge_count, s.urges -> -1 AS last_urge, s.panel,
  c.receipt_number, c.enterprise_name, c.applicant_id, c.title, c.status AS case_status,
  to_char((now() AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS today`;

const OPEN = new Set(['open', 'claimed', 'waiting-applicant']);

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * One row as the caller may see it. An expert sees of a panel only how far it is and their own
 * score until the panel closes (blind review); others see the counts.
 */
export function stepRowView(r: StepRow, caller: { userId: string; role: string }, calendar: WorkingCalendar): StepRowView {
  const open = OPEN.has(r.status);
  const overdue = open && r.today > r.due_on;
  const holder = r.assignee_id ? { userId: r.assignee_id, name: r.assignee_name ?? r.assignee_id } : null;
  const agencyName = departmentName(r.agency as DepartmentCode) ?? r.agency;
  const mine = r.panel?.scores.find((s) => s.userId === caller.userId);
  return {
    stepId: r.id,
    caseId: r.case_id,
    receiptNumber: r.receipt_number ?? undefined,
    enterpriseName: r.enterprise_name ?? r.title,
    creditCode: r.applicant_id,
    caseTitle: r.title,
    caseStatus: r.case_status,
    process: r.process,
    stepName: r.name,
    kind: r.kind,
    agency: r.agency,
    agencyName,
    status: r.status,
    open,
    allowed: r.allowed,
    round: r.round,
    colour: r.colour,
    dueOn: r.due_on,
    dueOnProvisional: r.provisional === true,
    warnOn: r.warn_on,
    paused: r.paused,
    escalated: r.escalated,
    daysOverdue: overdue ? daysBetween(r.due_on, r.today) : 0,
    workingDaysOverdue: overdue ? calendar.workingDaysBetween(r.due_on, r.today) : 0,
    openedAt: r.opened_at.toISOString(),
    decidedAt: r.decided_at?.toISOString(),
    decision: r.decision ?? undefined,
    decidedBy: r.decided_by ?? undefined,
    holder,
    heldByMe: holder?.userId === caller.userId,
    handler: { agency: r.agency, agencyName, ...(holder ?? {}) },
    urges: { count: r.urge_count, ...(r.last_urge ? { last: r.last_urge } : {}) },
    panel: r.panel
      ? {
          members: r.panel.members.length,
          scored: r.panel.scores.length,
          closed: !open,
          ...(mine ? { myScore: { score: mine.score, opinion: mine.opinion, at: mine.at } } : {}),
        }
      : undefined,
  };
}
