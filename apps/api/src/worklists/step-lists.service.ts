import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WorkingCalendar } from '../../../../libs/calendar';
import type { Actor } from '../../../../libs/domain';
import { CalendarYearsService } from '../calendar/calendar-years.service';
import { SqlParams, caseMatch } from './case-match';
import { STEP_ROW_COLUMNS, StepPageView, StepRow, stepRowView } from './step-rows';
import type { StepFilterDto, StepSort, StepState, SupervisionStepSort, SupervisionStepsQueryDto, WorklistQueryDto } from './worklist.query';

/**
 * The open statuses as SQL literals, as the partial indexes of open steps are written
 * (migrations 1764662400000-dashboard-indexes, 1765100000000-worklists): the planner uses them
 * only when the query text itself shows it asks for a subset of their rows.
 */
export const OPEN_SQL = `s.status IN ('open', 'claimed', 'waiting-applicant')`;
const CLOSED_SQL = `s.status NOT IN ('open', 'claimed', 'waiting-applicant')`;

/** Each as an index is ordered (migration 1765100000000-worklists), so a page at any depth is read off it, not sorted. */
const ORDER: Record<SupervisionStepSort, string> = {
  dueOn: 's.due_on ASC, s.id ASC',
  '-dueOn': 's.due_on DESC, s.id DESC',
  '-decidedAt': 's.decided_at DESC NULLS LAST, s.id DESC',
  // Escalations: the ones still open first (as steps_escalated_open_first is ordered), then by due date.
  openFirst: `(${OPEN_SQL}) DESC, s.due_on ASC, s.id ASC`,
};

/** A list query: the scope's conditions and the filters, bound in one parameter list. */
interface ListQuery {
  where: string[];
  params: SqlParams;
  order: string;
  page: number;
  pageSize: number;
}

/**
 * The lists of steps people work from: an agency's 待办 / 我的 / 已办, an expert's panels, and the
 * supervisors' open, overdue and escalated steps. One query shape for all: the scope, the
 * filters (search, process, kind, colour, due dates), a sort, one page, and the count of all rows.
 */
@Injectable()
export class StepListsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendarYears: CalendarYearsService,
  ) {}

  /** 待办 / 我的 / 已办 of an agency's official, or an expert's panels. */
  worklist(actor: Actor, query: WorklistQueryDto): Promise<StepPageView> {
    const params = new SqlParams();
    const where: string[] = [];
    let sort: StepSort = query.sort ?? (query.view === 'done' ? '-decidedAt' : 'dueOn');
    if (actor.role === 'expert') {
      const me = params.add(JSON.stringify([{ userId: actor.userId }]));
      where.push(`s.panel -> 'members' @> ${me}::jsonb`);
      where.push(query.view === 'done' ? `s.panel -> 'scores' @> ${me}::jsonb` : `${OPEN_SQL} AND NOT s.panel -> 'scores' @> ${me}::jsonb`);
    } else if (query.view === 'mine') {
      where.push(`s.assignee_id = ${params.add(actor.userId)}`, OPEN_SQL, `s.agency = ${params.add(actor.agency)}`);
    } else if (query.view === 'done') {
      // Decided by the agency's officials: an expert panel's average is the experts' work.
      where.push(`s.agency = ${params.add(actor.agency)}`, `s.status = 'decided'`, `s.kind <> 'expert-panel'`);
    } else {
      // An expert panel sits with the experts, not in the agency's 待办: its officials cannot decide it.
      where.push(`s.agency = ${params.add(actor.agency)}`, OPEN_SQL, `s.kind <> 'expert-panel'`);
    }
    if (query.view !== 'done' && sort === '-decidedAt') sort = 'dueOn';
    this.filters(query, where, params);
    return this.page(actor, { where, params, order: ORDER[sort], page: query.page, pageSize: query.pageSize });
  }

  /** 电子监察's lists: every open step, the overdue ones, the escalated ones (open first). */
  supervision(actor: Actor, query: SupervisionStepsQueryDto): Promise<StepPageView> {
    const { where, params, order } = this.supervisionQuery(query);
    return this.page(actor, { where, params, order, page: query.page, pageSize: query.pageSize });
  }

  /** Every row of a supervisor's list, up to `limit` (the Excel export), and whether there were more. */
  async supervisionAll(actor: Actor, query: SupervisionStepsQueryDto, limit: number): Promise<{ rows: StepPageView['rows']; truncated: boolean }> {
    const { where, params, order } = this.supervisionQuery(query);
    const sql = `SELECT ${STEP_ROW_COLUMNS} FROM steps s JOIN cases c ON c.id = s.case_id WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit + 1}`;
    const rows = (await this.db.query(sql, params.values)) as StepRow[];
    const calendar = await this.calendar();
    return { rows: rows.slice(0, limit).map((r) => stepRowView(r, actor, calendar)), truncated: rows.length > limit };
  }

  private supervisionQuery(query: SupervisionStepsQueryDto): { where: string[]; params: SqlParams; order: string } {
    const params = new SqlParams();
    const where: string[] = [];
    const state: StepState = query.state ?? (query.list === 'open' || query.list === 'overdue' ? 'open' : 'all');
    if (query.list === 'overdue') where.push(`s.colour = 'red'`);
    if (query.list === 'escalated') where.push('s.escalated');
    if (state === 'open') where.push(OPEN_SQL);
    if (state === 'closed') where.push(CLOSED_SQL);
    if (query.agency) where.push(`s.agency = ${params.add(query.agency)}`);
    this.filters(query, where, params);
    const sort: SupervisionStepSort = query.sort ?? (query.list === 'escalated' ? 'openFirst' : 'dueOn');
    if (!where.length) where.push('true');
    return { where, params, order: ORDER[sort] };
  }

  private filters(f: StepFilterDto, where: string[], params: SqlParams): void {
    if (f.process) where.push(`s.process = ${params.add(f.process)}`);
    if (f.kind) where.push(`s.kind = ${params.add(f.kind)}`);
    if (f.colour?.length) where.push(`s.colour = ANY(${params.add(f.colour)}::varchar[])`);
    if (f.dueFrom) where.push(`s.due_on >= ${params.add(f.dueFrom)}::date`);
    if (f.dueTo) where.push(`s.due_on <= ${params.add(f.dueTo)}::date`);
    if (f.q?.trim()) where.push(`s.case_id IN (SELECT c.id FROM cases c WHERE ${caseMatch(f.q, params)})`);
  }

  /**
   * One page: its steps' ids are read off the list's index alone (skipping `offset` of them costs
   * index entries, not rows with their JSON and their case), then those rows and cases fetched.
   */
  private async page(actor: Actor, q: ListQuery): Promise<StepPageView> {
    const filter = q.where.join(' AND ');
    const offset = (q.page - 1) * q.pageSize;
    const [rows, [{ total }], calendar] = await Promise.all([
      this.db.query(
        `SELECT ${STEP_ROW_COLUMNS} FROM steps s JOIN cases c ON c.id = s.case_id
          WHERE s.id IN (SELECT s.id FROM steps s WHERE ${filter} ORDER BY ${q.order} LIMIT ${q.pageSize} OFFSET ${offset})
          ORDER BY ${q.order}`,
        q.params.values,
      ) as Promise<StepRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM steps s WHERE ${filter}`, q.params.values) as Promise<Array<{ total: number }>>,
      this.calendar(),
    ]);
    return { page: q.page, pageSize: q.pageSize, total, rows: rows.map((r) => stepRowView(r, actor, calendar)) };
  }

  private cached?: { at: number; calendar: Promise<WorkingCalendar> };

  /** The official calendar, to count working days overdue (read again at most every 10 s: a load is rare). */
  calendar(): Promise<WorkingCalendar> {
    if (!this.cached || Date.now() - this.cached.at > 10_000) {
      const calendar = this.calendarYears.caseCalendar().then((c) => new WorkingCalendar(c.officialYears));
      this.cached = { at: Date.now(), calendar };
      calendar.catch(() => (this.cached = undefined));
    }
    return this.cached.calendar;
  }
}
