import { INestApplicationContext } from '@nestjs/common';
import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { activityMapFrom } from '../activities';
import { ensureTimeSkippingServer } from '../infra/time-skipping-server';
import { WorkingCalendar } from '../libs/calendar';
import {
  CaseStep,
  SlaClock,
  beijingDate,
  decideStepUpdate,
  endExclusionUpdate,
  endOfBeijingDay,
  extendClockUpdate,
  readClock,
  answerCorrectionUpdate,
  startExclusionUpdate,
} from '../libs/domain';
import { highTechStateQuery } from '../libs/processes/high-tech/high-tech.contract';
import { highTechCertification } from '../workflows/high-tech.workflow';
import { agencyStaff, applicant, as, supervisor } from './support/actors';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { eventually } from './support/http';
import { bundleWorkflows, realActivities, testDataConverter } from './support/workflow-env';

/**
 * The statutory clocks, with days and weeks passing in milliseconds: Temporal's time-skipping
 * test server (fetched from Maven Central), the real workflow bundle, the real activities writing
 * the real read model, which the API then shows. Expected dates are computed from the official
 * calendar and the times the workflow itself recorded, so the tests hold on any day they run.
 */
describe('working-day clocks under skipped time', () => {
  const calendar = new WorkingCalendar();
  const zgc = agencyStaff('zgc', 'zgc-reviewer');
  const boss = as(supervisor());
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let activities: INestApplicationContext;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `clocks-${randomUUID()}`;

  beforeAll(async () => {
    const launcher = await ensureTimeSkippingServer((line) => process.stderr.write(`${line}\n`));
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: launcher } },
      // Its own server, but the same encryption as the stack, as production would have it.
      client: { dataConverter: testDataConverter() },
    });
    bundle = await bundleWorkflows();
    activities = await realActivities();
    worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: activityMapFrom(activities), dataConverter: testDataConverter() });
    running = worker.run();
  }, 300_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await activities?.close();
    await env?.teardown();
  });

  const now = async () => new Date(await env.currentTimeMs());
  const read = async (clock: SlaClock) => readClock(clock, calendar, await now());
  /** Skips server time to just after a Beijing calendar day has ended. */
  const skipPast = async (day: string) => env.sleep(endOfBeijingDay(day).getTime() + 3_600_000 - (await now()).getTime());

  async function fileForNormalReview(options: Record<string, number> = {}) {
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const handle = await env.client.workflow.start(highTechCertification, {
      taskQueue,
      workflowId: `high-tech-clock-${randomUUID()}`,
      args: [{ application: applicationFor(enterprise), options: { formalReviewDays: 6, warnDaysBefore: 2, ...options } }],
    });
    await waitForState(handle, (s) => s.status === 'acceptance');
    return { enterprise, handle };
  }

  async function waitForState(handle: WorkflowHandle<typeof highTechCertification>, ready: (s: Awaited<ReturnType<typeof query>>) => boolean) {
    return eventually('the workflow state', async () => {
      const state = await query(handle);
      return ready(state) ? state : undefined;
    });
  }
  const query = (handle: WorkflowHandle<typeof highTechCertification>) => handle.query(highTechStateQuery);
  const stepNamed = (state: Awaited<ReturnType<typeof query>>, name: string): CaseStep => state.engine!.steps.find((s) => s.name === name)!;

  async function acceptNow(handle: WorkflowHandle<typeof highTechCertification>) {
    const state = await query(handle);
    await handle.executeUpdate(decideStepUpdate, { args: [{ stepId: stepNamed(state, '受理').id, actor: zgc, decision: 'accept' }] });
    return waitForState(handle, (s) => s.status === 'formal-review');
  }

  it('deems the application accepted from receipt when no notice comes within 5 working days (Art. 32)', async () => {
    const { handle } = await fileForNormalReview();
    const filed = await query(handle);
    const acceptanceStep = stepNamed(filed, '受理');
    const { dueOn } = await read(acceptanceStep.clock);
    expect(dueOn).toBe(calendar.addWorkingDays(beijingDate(new Date(acceptanceStep.openedAt)), 5));

    await skipPast(dueOn);

    const after = await waitForState(handle, (s) => s.status === 'formal-review');
    expect(stepNamed(after, '受理').decision).toMatchObject({ decision: 'accept', deemed: true });
    const notice = after.engine!.documents.find((d) => d.kind === 'acceptance-notice')!;
    // Accepted from receipt: the decision clock started the moment the application arrived.
    expect(notice.body).toMatchObject({ deemed: true });
    expect(after.engine!.caseClock!.startedAt).toBe(notice.body.acceptedOn);
    expect(new Date(after.engine!.caseClock!.startedAt).getTime()).toBeLessThan(new Date(acceptanceStep.openedAt).getTime() + 60_000);

    const seen = await eventually('the deemed acceptance in the read model', async () => {
      const c = (await as(applicant(after.application.creditCode)).get(`/cases/${handle.workflowId}`)).body;
      return c.timeline?.some((e: any) => e.action === 'deemed-accepted') ? c : undefined;
    });
    expect(seen.status).toBe('formal-review');
  });

  it('moves the due dates by exactly the working days the applicant held the correction', async () => {
    const { handle } = await fileForNormalReview();
    const inReview = await acceptNow(handle);
    const review = stepNamed(inReview, '形式审查');
    const stepDueBefore = (await read(review.clock)).dueOn;
    const caseDueBefore = (await read(inReview.engine!.caseClock!)).dueOn;

    const items = ['补充研发项目立项报告'];
    await handle.executeUpdate(decideStepUpdate, { args: [{ stepId: review.id, actor: zgc, decision: 'return', reason: '材料不全', correctionItems: items }] });
    const returnedAt = await now();
    await env.sleep('9 days');
    const answeredAt = await now();
    await handle.executeUpdate(answerCorrectionUpdate, { args: [{ actor: applicant(inReview.application.creditCode), responses: [{ item: items[0], response: '已补充' }] }] });

    const resumed = await waitForState(handle, (s) => s.status === 'formal-review' && stepNamed(s, '形式审查').round === 2);
    const held = calendar.workingDaysBetween(beijingDate(returnedAt), beijingDate(answeredAt));
    expect(held).toBeGreaterThanOrEqual(3);
    const stepReading = await read(stepNamed(resumed, '形式审查').clock);
    const caseReading = await read(resumed.engine!.caseClock!);
    expect(stepReading.pausedWorkingDays).toBe(held);
    expect(stepReading.dueOn).toBe(calendar.addWorkingDays(stepDueBefore, held));
    expect(caseReading.dueOn).toBe(calendar.addWorkingDays(caseDueBefore, held));
  });

  it('does not count an expert-review period against the limit, and adds an extension', async () => {
    const { handle } = await fileForNormalReview();
    const inReview = await acceptNow(handle);
    const review = stepNamed(inReview, '形式审查');
    const caseDueBefore = (await read(inReview.engine!.caseClock!)).dueOn;

    await handle.executeUpdate(startExclusionUpdate, { args: [{ stepId: review.id, actor: zgc, kind: 'expert-review', expectedDays: 10, note: '专家评审' }] });
    const from = await now();
    await env.sleep('12 days');
    const to = await now();
    await handle.executeUpdate(endExclusionUpdate, { args: [{ stepId: review.id, actor: zgc }] });
    const excluded = calendar.workingDaysBetween(beijingDate(from), beijingDate(to));

    const afterExclusion = await query(handle);
    expect(afterExclusion.engine!.caseClock!.pauses).toEqual([expect.objectContaining({ reason: 'expert-review', note: '专家评审' })]);
    const caseDueAfterExclusion = (await read(afterExclusion.engine!.caseClock!)).dueOn;
    expect(caseDueAfterExclusion).toBe(calendar.addWorkingDays(caseDueBefore, excluded));

    await handle.executeUpdate(extendClockUpdate, { args: [{ clockId: 'case', actor: supervisor(), days: 10, reason: '案情复杂' }] });
    const extended = await query(handle);
    expect((await read(extended.engine!.caseClock!)).dueOn).toBe(calendar.addWorkingDays(caseDueAfterExclusion, 10));
  });

  it('turns a step yellow, then red, escalates it, and the supervisor sees it overdue', async () => {
    const { handle } = await fileForNormalReview({ formalReviewDays: 6, warnDaysBefore: 2, decisionLimitDays: 8 });
    const inReview = await acceptNow(handle);
    const review = stepNamed(inReview, '形式审查');
    const { warnOn, dueOn } = await read(review.clock);

    await skipPast(warnOn);
    const yellow = await waitForState(handle, (s) => stepNamed(s, '形式审查').clock.reached.includes('yellow'));
    expect(stepNamed(yellow, '形式审查').escalated).toBe(false);

    await skipPast(dueOn);
    const red = await waitForState(handle, (s) => stepNamed(s, '形式审查').escalated);
    expect(stepNamed(red, '形式审查').clock.reached).toEqual(['green', 'yellow', 'red']);

    // What a supervisor sees in the read model.
    const overdue = await eventually('the step on the overdue list', async () => {
      const list = (await boss.get('/supervision/overdue')).body;
      return list.steps.find((s: any) => s.id === review.id);
    });
    expect(overdue).toMatchObject({ colour: 'red', escalated: true, agency: 'zgc', dueOn });
    const escalations = (await boss.get('/supervision/escalations')).body;
    expect(escalations.steps.map((s: any) => s.id)).toContain(review.id);
    const timeline = (await boss.get(`/cases/${handle.workflowId}/timeline`)).body.map((e: any) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['sla-warning', 'sla-overdue', 'escalated']));
    expect(timeline.indexOf('sla-warning')).toBeLessThan(timeline.indexOf('sla-overdue'));

    // The case's own decision clock (8 working days) goes red a little later, and escalates too.
    const caseDue = (await read(red.engine!.caseClock!)).dueOn;
    await skipPast(caseDue);
    const caseRed = await waitForState(handle, (s) => s.engine!.caseEscalated);
    expect(caseRed.engine!.caseClock!.reached).toContain('red');
    const escalatedCase = await eventually('the case among escalations', async () =>
      ((await boss.get('/supervision/escalations')).body.cases as any[]).find((c) => c.id === handle.workflowId),
    );
    expect(escalatedCase).toMatchObject({ colour: 'red', escalated: true });
  });
});
