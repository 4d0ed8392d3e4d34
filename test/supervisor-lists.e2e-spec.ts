import { INestApplicationContext } from '@nestjs/common';
import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import ExcelJS from 'exceljs';
import { randomInt, randomUUID } from 'node:crypto';
import { activityMapFrom } from '../activities';
import { ensureTimeSkippingServer } from '../infra/time-skipping-server';
import { talentApplication } from '../infra/talent-application';
import { WorkingCalendar } from '../libs/calendar';
import { beijingDate, decideStepUpdate, endOfBeijingDay, readClock } from '../libs/domain';
import { highTechStateQuery } from '../libs/processes/high-tech/high-tech.contract';
import { highTechCertification } from '../workflows/high-tech.workflow';
import { agencyStaff, applicant, as, supervisor, tokenFor } from './support/actors';
import { awaitCase } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { eventually, idempotencyKey } from './support/http';
import { bundleWorkflows, realActivities, testDataConverter } from './support/workflow-env';
import { uploadTalentMaterials } from './support/materials';

/**
 * 电子监察 from the lists. Two high-tech cases are run on Temporal's time-skipping server (real
 * workflow bundle, real activities writing the stack's read model) until their 形式审查 is
 * overdue and escalated; one is then decided. The supervisor finds them by enterprise name,
 * credit code and 受理编号, sees the escalations with the open one first and each one's status,
 * the overdue row with its enterprise, handler and days overdue, and exports the list as Excel.
 * 改派 and the overview run against the stack's own cases.
 */
const boss = as(supervisor());
const zgcActor = agencyStaff('zgc', 'zgc-lists');
const calendar = new WorkingCalendar();

function marker(): string {
  const chars = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川河海松柏梅兰竹菊';
  return Array.from({ length: 4 }, () => chars[randomInt(chars.length)]).join('');
}

const list = async (path: string) => {
  const answer = await boss.get(path);
  expect(answer.status).toBe(200);
  return answer.body as { page: number; pageSize: number; total: number; rows: any[] };
};

describe('the supervisor’s lists over overdue and escalated steps', () => {
  const tag = marker();
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let activities: INestApplicationContext;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `lists-${randomUUID()}`;
  const cases: Array<{ handle: WorkflowHandle<typeof highTechCertification>; creditCode: string; name: string; reviewId: string; dueOn: string }> = [];

  beforeAll(async () => {
    const launcher = await ensureTimeSkippingServer((line) => process.stderr.write(`${line}\n`));
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: launcher } }, client: { dataConverter: testDataConverter() } });
    bundle = await bundleWorkflows();
    activities = await realActivities();
    worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: activityMapFrom(activities), dataConverter: testDataConverter() });
    running = worker.run();

    const query = (h: WorkflowHandle<typeof highTechCertification>) => h.query(highTechStateQuery);
    const stepNamed = (s: Awaited<ReturnType<typeof query>>, name: string) => s.engine!.steps.find((x) => x.name === name)!;
    const waitFor = (h: WorkflowHandle<typeof highTechCertification>, ready: (s: Awaited<ReturnType<typeof query>>) => boolean) =>
      eventually('the workflow state', async () => {
        const s = await query(h);
        return ready(s) ? s : undefined;
      });
    for (const name of [`北京${tag}芯片科技有限公司`, `北京${tag}数据服务有限公司`]) {
      const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false, name }));
      const handle = await env.client.workflow.start(highTechCertification, {
        taskQueue,
        workflowId: `high-tech-lists-${randomUUID()}`,
        args: [{ application: applicationFor(enterprise), options: { formalReviewDays: 6, warnDaysBefore: 2 } }],
      });
      const filed = await waitFor(handle, (s) => s.status === 'acceptance');
      await handle.executeUpdate(decideStepUpdate, { args: [{ stepId: stepNamed(filed, '受理').id, actor: zgcActor, decision: 'accept' }] });
      const reviewing = await waitFor(handle, (s) => s.status === 'formal-review');
      const review = stepNamed(reviewing, '形式审查');
      const { dueOn } = readClock(review.clock, calendar, new Date(await env.currentTimeMs()));
      cases.push({ handle, creditCode: enterprise.creditCode, name, reviewId: review.id, dueOn });
    }
    // Past both due dates: both 形式审查 steps go red and are escalated to 电子监察.
    const latest = cases.map((c) => c.dueOn).sort().at(-1)!;
    await env.sleep(endOfBeijingDay(latest).getTime() + 3_600_000 - (await env.currentTimeMs()));
    for (const c of cases) await waitFor(c.handle, (s) => stepNamed(s, '形式审查').escalated);
    // The first is then decided (late): its escalation is closed; the second's stays open.
    await cases[0].handle.executeUpdate(decideStepUpdate, { args: [{ stepId: cases[0].reviewId, actor: zgcActor, decision: 'approve' }] });
    await eventually('both escalations in the read model, one decided', async () => {
      const { rows } = await list(`/supervision/steps?list=escalated&q=${encodeURIComponent(tag)}`);
      return rows.length === 2 && rows.some((r) => r.status === 'decided') ? true : undefined;
    });
  }, 300_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await activities?.close();
    await env?.teardown();
  });

  it('lists escalations with the open ones first, each with its status', async () => {
    const { total, rows } = await list(`/supervision/steps?list=escalated&q=${encodeURIComponent(tag)}`);
    expect(total).toBe(2);
    expect(rows.map((r) => [r.stepId, r.open, r.status, r.escalated])).toEqual([
      [cases[1].reviewId, true, 'open', true],
      [cases[0].reviewId, false, 'decided', true],
    ]);
    // Only the open ones, when asked; the old endpoint puts them first too.
    expect((await list(`/supervision/steps?list=escalated&state=open&q=${encodeURIComponent(tag)}`)).rows.map((r) => r.stepId)).toEqual([cases[1].reviewId]);
    const old = (await boss.get('/supervision/escalations')).body.steps as any[];
    const firstClosed = old.findIndex((s) => !['open', 'claimed', 'waiting-applicant'].includes(s.status));
    expect(old.slice(firstClosed).every((s) => !['open', 'claimed', 'waiting-applicant'].includes(s.status))).toBe(true);
  });

  it('shows each overdue row with its enterprise, 受理编号, handler and days overdue', async () => {
    const { rows } = await list(`/supervision/steps?list=overdue&q=${encodeURIComponent(tag)}`);
    const today = beijingDate(new Date());
    const overdueDays = (dueOn: string) => (today > dueOn ? Math.round((Date.parse(today) - Date.parse(dueOn)) / 86_400_000) : 0);
    expect(rows).toEqual([
      expect.objectContaining({
        stepId: cases[1].reviewId,
        enterpriseName: cases[1].name,
        creditCode: cases[1].creditCode,
        receiptNumber: expect.stringMatching(/^京科受〔\d{4}〕\d{6}$/),
        stepName: '形式审查',
        colour: 'red',
        handler: { agency: 'zgc', agencyName: '市科委、中关村管委会' },
        daysOverdue: overdueDays(cases[1].dueOn),
      }),
    ]);
  });

  it('finds a case by enterprise name, credit code or 受理编号, a page at a time, with its open steps to act on', async () => {
    const byName = await list(`/supervision/cases?q=${encodeURIComponent(tag)}`);
    expect(byName.total).toBe(2);
    const second = byName.rows.find((r) => r.caseId === cases[1].handle.workflowId);
    expect(second).toMatchObject({ enterpriseName: cases[1].name, creditCode: cases[1].creditCode, process: 'high-tech', status: 'formal-review', ended: false });
    expect(second.openSteps).toEqual([expect.objectContaining({ stepId: cases[1].reviewId, name: '形式审查', agency: 'zgc', colour: 'red', escalated: true })]);

    expect((await list(`/supervision/cases?q=${cases[0].creditCode}`)).rows.map((r) => r.caseId)).toEqual([cases[0].handle.workflowId]);
    expect((await list(`/supervision/cases?q=${encodeURIComponent(second.receiptNumber)}`)).rows.map((r) => r.caseId)).toEqual([cases[1].handle.workflowId]);
    const pageOne = await list(`/supervision/cases?q=${encodeURIComponent(tag)}&pageSize=1&page=1&sort=filedAt`);
    const pageTwo = await list(`/supervision/cases?q=${encodeURIComponent(tag)}&pageSize=1&page=2&sort=filedAt`);
    expect([pageOne.total, pageOne.rows[0].caseId, pageTwo.rows[0].caseId]).toEqual([2, cases[0].handle.workflowId, cases[1].handle.workflowId]);
    expect((await list(`/supervision/cases?q=${encodeURIComponent(tag)}&state=ended`)).total).toBe(0);
    expect((await list(`/supervision/cases?q=${encodeURIComponent(tag)}&process=listing`)).total).toBe(0);
  });

  it('exports the list in view as an Excel workbook for 电子监察 reports', async () => {
    const response = await fetch(`${process.env.API_URL}/supervision/steps/export?list=escalated&q=${encodeURIComponent(tag)}`, { headers: { authorization: `Bearer ${tokenFor(supervisor())}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(response.headers.get('content-disposition')!)).toContain('电子监察-已提交电子监察-');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('已提交电子监察');
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['受理编号', '企业名称', '统一社会信用代码', '环节', '承办部门', '经办人', '状态', '逾期天数']));
    const rows = [3, 4].map((n) => Object.fromEntries(header.map((h, i) => [h, sheet.getRow(n).getCell(i + 1).value])));
    expect(rows.map((r) => [r['企业名称'], r['状态']])).toEqual([
      [cases[1].name, '待办'],
      [cases[0].name, '已办结'],
    ]);
    expect(sheet.rowCount).toBe(4);
  });
});

describe('改派 and the overview, on the stack’s own cases', () => {
  const hrss = as(agencyStaff('hr-social-security'));

  it('offers only departments competent for the step’s kind, refuses others naming the rule, and renames a step named after its department', async () => {
    const employer = await loadEnterprise(eligibleEnterprise());
    const me = as(applicant(employer.creditCode));
    const filed = await me.post('/cases/talent-permits', { ...talentApplication({ creditCode: employer.creditCode, name: employer.name }), materials: await uploadTalentMaterials(me) }, { 'Idempotency-Key': idempotencyKey() });
    expect(filed.status).toBe(201);
    const c = await awaitCase(me, filed.body.id, (x) => x.steps.some((s: any) => s.name === '人才资格预审（市人才局）'), 'the pre-review');
    const step = c.steps[0];

    const options = await boss.get(`/steps/${step.id}/reassign-options`);
    expect(options.body).toMatchObject({ stepId: step.id, kind: 'review', agency: 'talent-bureau', rule: 'agencyTakesStepKind' });
    expect(options.body.agencies.map((a: any) => a.code).sort()).toEqual(['housing', 'hr-social-security', 'public-security']);

    const refused = await boss.post(`/steps/${step.id}/reassign`, { agency: 'ecology', reason: '职责调整' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'reassign.agencyNotCompetent', errors: [{ field: 'agency', rule: 'agencyTakesStepKind' }] });
    expect(refused.body.message).toBe('市生态环境局不能办理人才资格预审（市人才局）；可改派给：市人才工作局、市人力资源和社会保障局、市公安局出入境管理总队、市住房和城乡建设委员会');

    expect((await boss.post(`/steps/${step.id}/reassign`, { agency: 'hr-social-security', reason: '职责调整' })).status).toBe(200);
    const moved = await awaitCase(me, c.id, (x) => x.steps[0].agency === 'hr-social-security', 'the reassignment');
    expect(moved.steps[0].name).toBe('人才资格预审（市人社局）');
    expect(moved.timeline.find((e: any) => e.action === 'reassigned')).toMatchObject({ detail: { from: 'talent-bureau', to: 'hr-social-security', step: '人才资格预审（市人社局）', renamedFrom: '人才资格预审（市人才局）' } });
    const row = await eventually('the step in 市人社局’s worklist', async () => ((await hrss.get(`/worklist?q=${encodeURIComponent(c.id)}`)).body.rows as any[]).find((r) => r.stepId === step.id));
    expect(row).toMatchObject({ stepName: '人才资格预审（市人社局）', agency: 'hr-social-security' });
  });

  it('counts every running case of every process in the overview, not only high-tech’s', async () => {
    const overview = (await boss.get('/supervision/overview')).body;
    const talent = overview.cases.find((r: any) => r.process === 'talent-permits');
    expect(talent).toMatchObject({ none: expect.any(Number), total: expect.any(Number) });
    expect(talent.none).toBeGreaterThanOrEqual(1);
    for (const row of overview.cases) expect(row.green + row.yellow + row.red + row.none).toBe(row.total);
  });
});
