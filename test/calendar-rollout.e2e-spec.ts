import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { OfficialYear, WorkingCalendar, addCalendarDays, calendarWarning, noticeName, provisionalYear } from '../libs/calendar';
import { beijingDate, calendarYearLoadedSignal, readModelQuery } from '../libs/domain';
import type { HighTechApplication } from '../libs/processes/high-tech/high-tech.contract';
import { highTechCertification } from '../workflows/high-tech.workflow';
import { agencyStaff, applicant, as, supervisor } from './support/actors';
import { awaitCase } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { eventually } from './support/http';
import { bundleWorkflows, testDataConverter } from './support/workflow-env';

/**
 * Next year's notice loaded while cases run, on the real stack: cases are started on its
 * Temporal with a 受理 window of 500 working days, so their clocks cross all of next year
 * whatever day this runs. Next year gets a made-up notice: the statutory days plus one extra day
 * off in December, which no other test's clock reaches. Then the histories, fetched from the
 * server, replay against the workflow code.
 */
describe('loading next year moves running cases onto it', () => {
  const WINDOW = 500;
  const boss = as(supervisor());
  const zgc = as(agencyStaff('zgc', 'calendar-reviewer'));
  const today = beijingDate(new Date());
  const nextYear = Number(today.slice(0, 4)) + 1;
  const extraDayOff = firstMondayOfDecember(nextYear);
  const testNotice = {
    title: `测试用${nextYear}年节假日安排（非真实通知）`,
    documentNumber: `测试〔${nextYear - 1}〕2号`,
    holidays: [...provisionalYear(nextYear).holidays, { name: '测试假日', from: extraDayOff, to: extraDayOff }],
    makeUpWorkdays: [] as string[],
  };
  let connection: Connection;
  let client: Client;
  let bundle: WorkflowBundleWithSourceMap;
  let officialYears: OfficialYear[];
  type RunningCase = { name: string; handle: WorkflowHandle<typeof highTechCertification>; me: ReturnType<typeof as>; stepId?: string; dueBefore?: string };
  const cases: RunningCase[] = [];

  beforeAll(async () => {
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE, dataConverter: testDataConverter() });
    bundle = await bundleWorkflows();
    // What a filing hands its case: the latest version of each year, as the API reads it.
    officialYears = (await boss.get('/calendar/years')).body.map((y: any) => ({
      year: y.year,
      version: y.version,
      title: y.title,
      ...(y.documentNumber ? { documentNumber: y.documentNumber } : {}),
      holidays: y.holidays,
      makeUpWorkdays: y.makeUpWorkdays,
    }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(cases.map((c) => c.handle.terminate('calendar test done').catch(() => undefined)));
    await connection?.close();
  });

  async function start(name: string, withCalendar: boolean): Promise<RunningCase> {
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const application = applicationFor(enterprise) as HighTechApplication;
    const handle = await client.workflow.start(highTechCertification, {
      taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'approvals',
      workflowId: `high-tech-calendar-${randomUUID()}`,
      args: [{ application, options: { acceptanceWindowDays: WINDOW }, ...(withCalendar ? { calendar: { officialYears } } : {}) }],
    });
    const me = as(applicant(enterprise.creditCode));
    const c: RunningCase = { name, handle, me };
    cases.push(c);
    return c;
  }

  it("warns supervisors from 1 November while next year's notice is not loaded", async () => {
    const overview = (await boss.get('/supervision/overview')).body;
    const loaded = officialYears.map((y) => y.year);
    expect(overview.calendarWarning ?? undefined).toEqual(calendarWarning(today, loaded));
    if (today.slice(5) >= '11-01' && !loaded.includes(nextYear)) {
      expect(overview.calendarWarning.years).toContain(nextYear);
      expect(overview.calendarWarning.message).toContain(`${nextYear}年的节假日安排（国务院办公厅通知）尚未载入`);
    }
  });

  it('marks a due date counted over a year without a notice as provisional: for the agency, the applicant, and in the extension notice', async () => {
    const withCalendar = await start('filed with the calendar', true);
    const legacy = await start('filed without calendar data', false);
    for (const c of [withCalendar, legacy]) {
      const filed = await awaitCase(c.me, c.handle.workflowId, (x) => x.projected && x.steps.length === 1, 'the 受理 step');
      const step = filed.steps[0];
      expect(step.dueOn).toBe(new WorkingCalendar(officialYears).addWorkingDays(beijingDate(new Date(step.openedAt)), WINDOW));
      expect(step.dueOnProvisional).toBe(true);
      c.stepId = step.id;
    }
    const inbox = await eventually('the step in 市科委 inbox', async () => ((await zgc.get('/inbox')).body as any[]).find((s) => s.id === withCalendar.stepId));
    expect(inbox).toMatchObject({ dueOnProvisional: true });

    const extended = await boss.post(`/cases/${withCalendar.handle.workflowId}/extensions`, { clockId: withCalendar.stepId, days: 10, reason: '需组织现场核查' });
    expect(extended.status).toBe(200);
    const notice = await eventually('the extension notice', async () =>
      ((await withCalendar.me.get(`/cases/${withCalendar.handle.workflowId}/notices`)).body as any[]).find((d) => d.kind === 'extension-notice'),
    );
    expect(notice.body).toMatchObject({ days: 10, provisional: true, calendarNote: expect.stringContaining('暂按《全国年节及纪念日放假办法》规定的法定节假日计算') });
    const view = await awaitCase(withCalendar.me, withCalendar.handle.workflowId, (x) => x.steps[0].dueOn === notice.body.newDueOn, 'the extended due date');
    expect(view.steps[0].dueOnProvisional).toBe(true);
    for (const c of cases) c.dueBefore = (await c.me.get(`/cases/${c.handle.workflowId}`)).body.steps[0].dueOn;
  });

  it('moves each running clock onto the loaded year, notes the move on the timeline, and the histories replay', async () => {
    expect(cases.every((c) => c.dueBefore)).toBe(true);
    const loaded = await boss.put(`/calendar/years/${nextYear}`, testNotice);
    expect(loaded.status).toBe(201);
    const { version } = loaded.body;
    expect(loaded.body.changes.nowOff).toEqual([extraDayOff]);
    expect(loaded.body.rollout.workflowId).toBe(`calendar-rollout-${nextYear}-v${version}`);
    const official: OfficialYear = { year: nextYear, version, ...testNotice };
    const after = new WorkingCalendar([...officialYears, official]);

    for (const c of cases) {
      const moved = await eventually(`the due date of the case ${c.name} moved`, async () =>
        ((await boss.get(`/cases/${c.handle.workflowId}/timeline`)).body as any[]).find((e) => e.action === 'due-date-moved'),
      );
      const dueAfter = after.addWorkingDays(c.dueBefore!, 1);
      expect(moved).toMatchObject({
        actor: 'calendar',
        role: 'system',
        agency: 'zgc',
        reason: `受理的办理期限由 ${c.dueBefore} 调整为 ${dueAfter}（依据${noticeName(testNotice)}）`,
        detail: { clockId: c.stepId, previousDueOn: c.dueBefore, dueOn: dueAfter, notice: noticeName(testNotice), year: nextYear, version },
      });
      const view = await awaitCase(c.me, c.handle.workflowId, (x) => x.steps[0].dueOn === dueAfter, 'the moved due date in the read model');
      // Still provisional: the year after next has no notice either.
      expect(view.steps[0].dueOnProvisional).toBe(true);
    }

    const overview = (await boss.get('/supervision/overview')).body;
    expect(overview.calendarWarning?.years ?? []).not.toContain(nextYear);

    // The rollout's second sweep signals the same version again: nothing moves twice.
    const [first] = cases;
    await first.handle.signal(calendarYearLoadedSignal, official);
    const timeline = (await first.handle.query(readModelQuery)).timeline;
    expect(timeline.filter((e) => e.action === 'due-date-moved')).toHaveLength(1);

    for (const c of cases) {
      const history = await c.handle.fetchHistory();
      const signalled = history.events!.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'calendarYearLoaded');
      expect(signalled.length).toBeGreaterThanOrEqual(1);
      await expect(Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: testDataConverter() }, history, c.handle.workflowId)).resolves.toBeUndefined();
    }
  });
});

function firstMondayOfDecember(year: number): string {
  let day = `${year}-12-01`;
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 1) day = addCalendarDays(day, 1);
  return day;
}
