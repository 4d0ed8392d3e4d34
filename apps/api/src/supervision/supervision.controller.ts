import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository, SelectQueryBuilder } from 'typeorm';
import { Roles } from '../../../../libs/auth';
import { calendarWarning } from '../../../../libs/calendar';
import { DepartmentCode, beijingDate, departmentName } from '../../../../libs/domain';
import { CaseRecord, StepRecord } from '../../../../libs/persistence';
import { caseSummaryView, stepView } from '../cases/case-view';

const OPEN_STEPS = ['open', 'claimed', 'waiting-applicant'];
/**
 * The open statuses as SQL literals, not a bound parameter: the partial indexes of open steps
 * (migration 1764662400000-dashboard-indexes) are usable only when the planner can see from the
 * query text itself that it asks for a subset of their rows.
 */
const OPEN_STEPS_SQL = OPEN_STEPS.map((s) => `'${s}'`).join(', ');
type Counts = { green: number; yellow: number; red: number; total: number };
const empty = (): Counts => ({ green: 0, yellow: 0, red: 0, total: 0 });
/** Running cases: by their decision clock's colour, `none` for those without one (listing, talent permits, high-tech before 受理). */
type CaseCounts = Counts & { none: number };

/**
 * The dashboard's queries, exported so the benchmark (npm run bench:dashboard) EXPLAINs exactly
 * what the endpoints run. Each is answered from a small index (1764662400000-dashboard-indexes),
 * not by reading the steps or cases table, which at 100,000 cases outgrow shared_buffers.
 */
export const SUPERVISION_QUERIES = {
  /** Index-only scan of steps_open_overview. */
  overviewSteps: {
    sql: `SELECT process, agency, colour, count(*)::int AS n FROM steps WHERE status IN (${OPEN_STEPS_SQL}) GROUP BY process, agency, colour ORDER BY process, agency`,
    params: [] as unknown[],
  },
  /** Every case not ended (在办), of every process, by its decision clock's colour: index-only scan of cases_running. */
  overviewCases: {
    sql: `SELECT process, coalesce(colour, 'none') AS colour, count(*)::int AS n FROM cases WHERE NOT ended GROUP BY process, colour ORDER BY process`,
    params: [] as unknown[],
  },
  /** steps_colour (colour, status): the red open steps, a few thousand at most. */
  overdueSteps: (steps: Repository<StepRecord>): SelectQueryBuilder<StepRecord> =>
    steps.createQueryBuilder().setFindOptions({ where: { colour: 'red', status: In(OPEN_STEPS) }, order: { dueOn: 'ASC' }, take: 500 }),
  /** cases_running_clock, read in due order. */
  overdueCases: (cases: Repository<CaseRecord>): SelectQueryBuilder<CaseRecord> =>
    cases.createQueryBuilder('c').where(`c.colour = 'red' AND c.decided_at IS NULL`).orderBy('c.due_on', 'ASC').take(500),
  /** steps_escalated_open_first / cases_escalated: the ones still open first, then in due order. */
  escalatedSteps: (steps: Repository<StepRecord>): SelectQueryBuilder<StepRecord> =>
    steps.createQueryBuilder('s').where('s.escalated').orderBy(`s.status IN (${OPEN_STEPS_SQL})`, 'DESC').addOrderBy('s.due_on', 'ASC').take(500),
  escalatedCases: (cases: Repository<CaseRecord>): SelectQueryBuilder<CaseRecord> =>
    cases.createQueryBuilder('c').where('c.escalated').orderBy('c.ended', 'ASC').addOrderBy('c.due_on', 'ASC').take(500),
  /** Index-only scan of steps_decided_at; weeks are grouped as timestamps and formatted once each. */
  onTime: {
    sql: `SELECT process, to_char(week, 'YYYY-MM-DD') AS week, decided, on_time
            FROM (SELECT process,
                         date_trunc('week', decided_at AT TIME ZONE 'Asia/Shanghai') AS week,
                         count(*)::int AS decided,
                         count(*) FILTER (WHERE (decided_at AT TIME ZONE 'Asia/Shanghai')::date <= due_on)::int AS on_time
                    FROM steps
                   WHERE status = 'decided' AND decided_at > now() - interval '84 days'
                   GROUP BY 1, 2) weeks
           ORDER BY weeks.week, process`,
    params: [] as unknown[],
  },
};

/** 电子监察: every running case and step by SLA colour, what is overdue, what was escalated. */
@ApiTags('supervision')
@ApiBearerAuth()
@Roles('supervisor')
@Controller('supervision')
export class SupervisionController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(StepRecord) private readonly steps: Repository<StepRecord>,
    @InjectRepository(CaseRecord) private readonly cases: Repository<CaseRecord>,
  ) {}

  @Get('overview')
  @ApiOperation({
    summary:
      'open steps per process × agency × colour; every running case (在办, of every process) per process, by its decision clock’s colour (`none`: no decision clock); calendarWarning while this year — or from 1 November next year — has no official holiday notice loaded',
  })
  async overview() {
    const [stepRows, caseRows, loadedYears] = await Promise.all([
      this.db.query(SUPERVISION_QUERIES.overviewSteps.sql, SUPERVISION_QUERIES.overviewSteps.params) as Promise<Array<{ process: string; agency: string; colour: keyof Counts; n: number }>>,
      this.db.query(SUPERVISION_QUERIES.overviewCases.sql, SUPERVISION_QUERIES.overviewCases.params) as Promise<Array<{ process: string; colour: keyof CaseCounts; n: number }>>,
      this.db.query('SELECT DISTINCT year FROM calendar_years') as Promise<Array<{ year: number }>>,
    ]);
    const steps = new Map<string, { process: string; agency: string; agencyName: string } & Counts>();
    for (const r of stepRows) {
      const key = `${r.process}/${r.agency}`;
      const row = steps.get(key) ?? { process: r.process, agency: r.agency, agencyName: departmentName(r.agency as DepartmentCode), ...empty() };
      row[r.colour] += r.n;
      row.total += r.n;
      steps.set(key, row);
    }
    const cases = new Map<string, { process: string } & CaseCounts>();
    for (const r of caseRows) {
      const row = cases.get(r.process) ?? { process: r.process, ...empty(), none: 0 };
      row[r.colour] += r.n;
      row.total += r.n;
      cases.set(r.process, row);
    }
    const warning = calendarWarning(beijingDate(new Date()), loadedYears.map((r) => r.year));
    return { steps: [...steps.values()], cases: [...cases.values()], calendarWarning: warning ?? null };
  }

  @Get('on-time')
  @ApiOperation({ summary: 'decided steps per process and week, and how many were decided by their due date (last 12 weeks)' })
  async onTime() {
    const rows: Array<{ process: string; week: string; decided: number; on_time: number }> = await this.db.query(SUPERVISION_QUERIES.onTime.sql, SUPERVISION_QUERIES.onTime.params);
    return rows.map((r) => ({ process: r.process, week: r.week, decided: r.decided, onTime: r.on_time }));
  }

  @Get('incidents')
  @ApiOperation({ summary: 'departments silent past the configured limit (retried all the while): open ones first' })
  async incidents() {
    const rows: Array<{ id: string; case_id: string; department: string; what: string; opened_at: Date; closed_at: Date | null }> = await this.db.query(
      `SELECT id, case_id, department, what, opened_at, closed_at FROM incidents
        ORDER BY closed_at IS NULL DESC, opened_at DESC LIMIT 500`,
    );
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      department: r.department,
      departmentName: departmentName(r.department as DepartmentCode),
      what: r.what,
      openedAt: r.opened_at.toISOString(),
      closedAt: r.closed_at?.toISOString(),
      open: r.closed_at === null,
    }));
  }

  @Get('overdue')
  @ApiOperation({ summary: 'open steps and running cases past their limit (red)' })
  async overdue() {
    const [steps, cases] = await Promise.all([
      SUPERVISION_QUERIES.overdueSteps(this.steps).getMany(),
      SUPERVISION_QUERIES.overdueCases(this.cases).getMany(),
    ]);
    return { steps: steps.map(stepView), cases: cases.map(caseSummaryView) };
  }

  @Get('escalations')
  @ApiOperation({ summary: 'steps and cases escalated to the supervisor on going red: the ones still open first (GET /supervision/steps?list=escalated pages and searches them)' })
  async escalations() {
    const [steps, cases] = await Promise.all([
      SUPERVISION_QUERIES.escalatedSteps(this.steps).getMany(),
      SUPERVISION_QUERIES.escalatedCases(this.cases).getMany(),
    ]);
    return { steps: steps.map(stepView), cases: cases.map(caseSummaryView) };
  }
}
