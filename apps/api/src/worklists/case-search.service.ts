import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DepartmentCode, departmentName } from '../../../../libs/domain';
import { SqlParams, caseMatch } from './case-match';
import { OPEN_SQL } from './step-lists.service';
import { HolderView } from './step-rows';
import type { CaseSearchQueryDto, CaseSort } from './worklist.query';

export class OpenStepSummaryView {
  @ApiProperty() stepId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() agency!: string;
  @ApiProperty() agencyName!: string;
  @ApiProperty() status!: string;
  @ApiProperty() colour!: string;
  @ApiProperty() dueOn!: string;
  @ApiProperty() escalated!: boolean;
  @ApiPropertyOptional({ type: HolderView, nullable: true }) holder!: HolderView | null;
}

export class CaseRowView {
  @ApiProperty() caseId!: string;
  @ApiPropertyOptional({ description: '受理编号, e.g. 京科受〔2026〕000123' }) receiptNumber?: string;
  @ApiProperty() process!: string;
  @ApiProperty() title!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty({ description: '统一社会信用代码 of the applicant (employer)' }) creditCode!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ description: 'the case has ended (办结, refused, withdrawn …); false while 在办' }) ended!: boolean;
  @ApiProperty() filedAt!: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional() decision?: string;
  @ApiPropertyOptional({ description: 'the decision clock (Art. 42), when the process has one and it runs' }) dueOn?: string;
  @ApiPropertyOptional({ enum: ['green', 'yellow', 'red'] }) colour?: string;
  @ApiProperty() escalated!: boolean;
  @ApiProperty({ type: [OpenStepSummaryView], description: 'its open steps, to urge (督办), reassign (改派) or extend (延长) from the list' }) openSteps!: OpenStepSummaryView[];
}

export class CasePageView {
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [CaseRowView] }) rows!: CaseRowView[];
}

interface CaseRow {
  id: string;
  receipt_number: string | null;
  process: string;
  title: string;
  enterprise_name: string | null;
  applicant_id: string;
  status: string;
  ended: boolean;
  filed_at: Date;
  decided_at: Date | null;
  decision: string | null;
  due_on: string | null;
  colour: string | null;
  escalated: boolean;
}

interface OpenStepRow {
  id: string;
  case_id: string;
  name: string;
  kind: string;
  agency: string;
  status: string;
  colour: string;
  due_on: string;
  escalated: boolean;
  assignee_id: string | null;
  assignee_name: string | null;
}

const ORDER: Record<CaseSort, string> = {
  '-filedAt': 'c.filed_at DESC, c.id DESC',
  filedAt: 'c.filed_at ASC, c.id ASC',
  dueOn: 'c.due_on ASC NULLS LAST, c.id ASC',
  '-dueOn': 'c.due_on DESC NULLS LAST, c.id DESC',
};

const CASE_COLUMNS = `c.id, c.receipt_number, c.process, c.title, c.enterprise_name, c.applicant_id, c.status, c.ended, c.filed_at, c.decided_at, c.decision,
                      to_char(c.due_on, 'YYYY-MM-DD') AS due_on, c.colour, c.escalated`;

/** 电子监察's case search: any case by its number, enterprise or credit code, with its open steps to act on. */
@Injectable()
export class CaseSearchService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search(query: CaseSearchQueryDto): Promise<CasePageView> {
    const { filter, params } = this.filter(query);
    const offset = (query.page - 1) * query.pageSize;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`SELECT ${CASE_COLUMNS} FROM cases c WHERE ${filter} ORDER BY ${ORDER[query.sort]} LIMIT ${query.pageSize} OFFSET ${offset}`, params.values) as Promise<CaseRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM cases c WHERE ${filter}`, params.values) as Promise<Array<{ total: number }>>,
    ]);
    return { page: query.page, pageSize: query.pageSize, total, rows: await this.withOpenSteps(rows) };
  }

  /** Every matching case, up to `limit` (the Excel export), and whether there were more. */
  async all(query: CaseSearchQueryDto, limit: number): Promise<{ rows: CaseRowView[]; truncated: boolean }> {
    const { filter, params } = this.filter(query);
    const rows = (await this.db.query(`SELECT ${CASE_COLUMNS} FROM cases c WHERE ${filter} ORDER BY ${ORDER[query.sort]} LIMIT ${limit + 1}`, params.values)) as CaseRow[];
    return { rows: await this.withOpenSteps(rows.slice(0, limit)), truncated: rows.length > limit };
  }

  private filter(query: CaseSearchQueryDto): { filter: string; params: SqlParams } {
    const params = new SqlParams();
    const where: string[] = [];
    if (query.state === 'running') where.push('NOT c.ended');
    if (query.state === 'ended') where.push('c.ended');
    if (query.process) where.push(`c.process = ${params.add(query.process)}`);
    if (query.status) where.push(`c.status = ${params.add(query.status)}`);
    if (query.colour?.length) where.push(`c.colour = ANY(${params.add(query.colour)}::varchar[])`);
    if (query.escalated !== undefined) where.push(query.escalated ? 'c.escalated' : 'NOT c.escalated');
    // Filing dates are Beijing days: [from 00:00, to + 1 day 00:00) at +08:00.
    if (query.filedFrom) where.push(`c.filed_at >= (${params.add(query.filedFrom)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
    if (query.filedTo) where.push(`c.filed_at < ((${params.add(query.filedTo)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
    if (query.q?.trim()) where.push(caseMatch(query.q, params));
    return { filter: where.length ? where.join(' AND ') : 'true', params };
  }

  private async withOpenSteps(rows: CaseRow[]): Promise<CaseRowView[]> {
    const steps = rows.length
      ? ((await this.db.query(
          `SELECT s.id, s.case_id, s.name, s.kind, s.agency, s.status, s.colour, to_char(s.due_on, 'YYYY-MM-DD') AS due_on, s.escalated, s.assignee_id, s.assignee_name
             FROM steps s WHERE s.case_id = ANY($1::varchar[]) AND ${OPEN_SQL} ORDER BY s.due_on, s.id`,
          [rows.map((r) => r.id)],
        )) as OpenStepRow[])
      : [];
    return rows.map((r) => ({
      caseId: r.id,
      receiptNumber: r.receipt_number ?? undefined,
      process: r.process,
      title: r.title,
      enterpriseName: r.enterprise_name ?? r.title,
      creditCode: r.applicant_id,
      status: r.status,
      ended: r.ended,
      filedAt: r.filed_at.toISOString(),
      decidedAt: r.decided_at?.toISOString(),
      decision: r.decision ?? undefined,
      dueOn: r.due_on ?? undefined,
      colour: r.colour ?? undefined,
      escalated: r.escalated,
      openSteps: steps
        .filter((s) => s.case_id === r.id)
        .map((s) => ({
          stepId: s.id,
          name: s.name,
          kind: s.kind,
          agency: s.agency,
          agencyName: departmentName(s.agency as DepartmentCode) ?? s.agency,
          status: s.status,
          colour: s.colour,
          dueOn: s.due_on,
          escalated: s.escalated,
          holder: s.assignee_id ? { userId: s.assignee_id, name: s.assignee_name ?? s.assignee_id } : null,
        })),
    }));
  }
}
