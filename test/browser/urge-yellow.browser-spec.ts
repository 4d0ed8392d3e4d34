/// <reference lib="dom" />
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomInt, randomUUID } from 'node:crypto';
import { Browser } from 'playwright-core';
import { activityMapFrom } from '../../activities';
import { startApi } from '../../apps/api/src/api.bootstrap';
import { freePort } from '../../infra/ports';
import { ensureTimeSkippingServer } from '../../infra/time-skipping-server';
import { WorkingCalendar } from '../../libs/calendar';
import { apiConfigFrom } from '../../libs/config';
import { decideStepUpdate, endOfBeijingDay, readClock } from '../../libs/domain';
import type { HighTechApplication } from '../../libs/processes/high-tech/high-tech.contract';
import { highTechStateQuery } from '../../libs/processes/high-tech/high-tech.contract';
import { highTechCertification } from '../../workflows/high-tech.workflow';
import { agencyStaff, as, supervisor } from '../support/actors';
import { applicationFor, eligibleEnterprise, loadEnterprise } from '../support/enterprises';
import { eventually } from '../support/http';
import { bundleWorkflows, realActivities, testDataConverter } from '../support/workflow-env';
import { consoleAs, field, go, launch, shot, withListsApi } from './browser';

/**
 * A step that is only yellow (预警, a few working days left): urged from the supervisor's list.
 * Days pass only on Temporal's time-skipping server, so the case runs there, with the real
 * workflow bundle and activities writing the stack's read model, and a second API on that server
 * serves the console the supervisor works in (the same Postgres, the same tokens).
 */
describe('urging a yellow step from the list', () => {
  let browser: Browser;
  let env: TestWorkflowEnvironment;
  let activities: INestApplicationContext;
  let api: { app: INestApplication; url: string };
  const sharedApi = process.env.API_URL;
  const taskQueue = `yellow-${randomUUID()}`;

  beforeAll(async () => {
    browser = await launch();
    const port = await freePort();
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: await ensureTimeSkippingServer() }, port },
      client: { dataConverter: testDataConverter() },
    });
    activities = await realActivities();
    api = await startApi(apiConfigFrom({ ...process.env, TEMPORAL_ADDRESS: `127.0.0.1:${port}`, TEMPORAL_TASK_QUEUE: taskQueue, API_PORT: '0' }));
    process.env.API_URL = api.url;
  }, 300_000);

  afterAll(async () => {
    process.env.API_URL = sharedApi;
    await browser?.close();
    await api?.app.close();
    await activities?.close();
    await env?.teardown();
  });

  withListsApi('finds the yellow 形式审查 among the open steps by colour, and urges it there', async () => {
    const name = `北京${Array.from({ length: 4 }, () => '春夏秋冬东南西北'[randomInt(8)]).join('')}预警科技有限公司`;
    const enterprise = await loadEnterprise(eligibleEnterprise({ name, aboveDesignatedSize: false }));
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await bundleWorkflows(), activities: activityMapFrom(activities), dataConverter: testDataConverter() });

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(highTechCertification, {
        taskQueue,
        workflowId: `high-tech-yellow-${randomUUID()}`,
        args: [{ application: applicationFor(enterprise) as HighTechApplication, options: { formalReviewDays: 5, warnDaysBefore: 3 } }],
      });
      const atAcceptance = await eventually('acceptance', async () => {
        const s = await handle.query(highTechStateQuery);
        return s.status === 'acceptance' ? s : undefined;
      });
      await handle.executeUpdate(decideStepUpdate, { args: [{ stepId: atAcceptance.engine!.steps[0].id, actor: agencyStaff('zgc'), decision: 'accept' }] });
      const review = await eventually('formal review', async () => (await handle.query(highTechStateQuery)).engine!.steps.find((s) => s.name === '形式审查'));

      // Into the warning days, not past the due date.
      const { warnOn } = readClock(review.clock, new WorkingCalendar(), new Date(await env.currentTimeMs()));
      await env.sleep(endOfBeijingDay(warnOn).getTime() + 3_600_000 - (await env.currentTimeMs()));
      await eventually('the yellow step in the read model', async () => {
        const c = (await as(supervisor()).get(`/cases/${handle.workflowId}`)).body;
        return c.steps?.find((s: any) => s.id === review.id)?.colour === 'yellow' ? true : undefined;
      });

      const page = await consoleAs(browser, 'supervisor');
      await go(page, `/supervision/steps?colour=yellow&q=${encodeURIComponent(name)}`);
      const row = page.locator(`[data-testid=steps] tr[data-step="${review.id}"]`);
      await row.waitFor({ timeout: 30_000 });
      expect(await row.getAttribute('data-colour')).toBe('yellow');
      expect(await row.textContent()).toContain('预警');
      await row.getByTestId('urge').click();
      await field(page, '督办意见').fill('已进入预警期，请加快办理');
      await page.getByTestId('supervise-submit').click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
      await eventually('the urge on the step', async () => ((await handle.query(highTechStateQuery)).engine!.steps.find((s) => s.id === review.id)!.urges.length === 1 ? true : undefined));
      await page.locator(`[data-testid=steps] tr[data-step="${review.id}"]`, { hasText: '1 次' }).waitFor({ timeout: 30_000 });
      await shot(page, 'supervisor-urge-yellow');
      await handle.terminate('test done');
    });
  }, 300_000);
});
