import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { Roles } from '../../../../libs/auth';
import { DepartmentCode, departmentName } from '../../../../libs/domain';
import { CaseRecord, StepRecord } from '../../../../libs/persistence';
import { caseSummaryView, stepView } from '../cases/case-view';

const OPEN_STEPS = ['open', 'claimed', 'waiting-applicant'];
type Counts = { green: number; yellow: number; red: number; total: number };
const empty = (): Counts => ({ green: 0, yellow: 0, red: 0, total: 0 });

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
  @ApiOperation({ summary: 'open steps per process × agency × colour, and running cases per process × colour' })
  async overview() {
    const [stepRows, caseRows] = await Promise.all([
      this.db.query(
        `SELECT process, agency, colour, count(*)::int AS n FROM steps WHERE status = ANY($1) GROUP BY process, agency, colour ORDER BY process, agency`,
        [OPEN_STEPS],
      ) as Promise<Array<{ process: string; agency: string; colour: keyof Counts; n: number }>>,
      this.db.query(
        `SELECT process, colour, count(*)::int AS n FROM cases WHERE decided_at IS NULL AND colour IS NOT NULL GROUP BY process, colour ORDER BY process`,
      ) as Promise<Array<{ process: string; colour: keyof Counts; n: number }>>,
    ]);
    const steps = new Map<string, { process: string; agency: string; agencyName: string } & Counts>();
    for (const r of stepRows) {
      const key = `${r.process}/${r.agency}`;
      const row = steps.get(key) ?? { process: r.process, agency: r.agency, agencyName: departmentName(r.agency as DepartmentCode), ...empty() };
      row[r.colour] += r.n;
      row.total += r.n;
      steps.set(key, row);
    }
    const cases = new Map<string, { process: string } & Counts>();
    for (const r of caseRows) {
      const row = cases.get(r.process) ?? { process: r.process, ...empty() };
      row[r.colour] += r.n;
      row.total += r.n;
      cases.set(r.process, row);
    }
    return { steps: [...steps.values()], cases: [...cases.values()] };
  }

  @Get('on-time')
  @ApiOperation({ summary: 'decided steps per process and week, and how many were decided by their due date (last 12 weeks)' })
  async onTime() {
    const rows: Array<{ process: string; week: string; decided: number; on_time: number }> = await this.db.query(
      `SELECT process,
              to_char(date_trunc('week', decided_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS week,
              count(*)::int AS decided,
              count(*) FILTER (WHERE (decided_at AT TIME ZONE 'Asia/Shanghai')::date <= due_on)::int AS on_time
         FROM steps
        WHERE status = 'decided' AND decided_at > now() - interval '84 days'
        GROUP BY 1, 2 ORDER BY 2, 1`,
    );
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
      this.steps.find({ where: { colour: 'red', status: In(OPEN_STEPS) }, order: { dueOn: 'ASC' }, take: 500 }),
      this.cases.createQueryBuilder('c').where(`c.colour = 'red' AND c.decided_at IS NULL`).orderBy('c.due_on', 'ASC').take(500).getMany(),
    ]);
    return { steps: steps.map(stepView), cases: cases.map(caseSummaryView) };
  }

  @Get('escalations')
  @ApiOperation({ summary: 'steps and cases escalated to the supervisor on going red' })
  async escalations() {
    const [steps, cases] = await Promise.all([
      this.steps.find({ where: { escalated: true }, order: { dueOn: 'ASC' }, take: 500 }),
      this.cases.find({ where: { escalated: true }, order: { dueOn: 'ASC' }, take: 500 }),
    ]);
    return { steps: steps.map(stepView), cases: cases.map(caseSummaryView) };
  }
}
