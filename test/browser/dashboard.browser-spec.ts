/// <reference lib="dom" />
import { INestApplicationContext } from '@nestjs/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { activityMapFrom } from '../../activities';
import { ensureTimeSkippingServer } from '../../infra/time-skipping-server';
import { WorkingCalendar } from '../../libs/calendar';
import { decideStepUpdate, endOfBeijingDay, readClock } from '../../libs/domain';
import { highTechStateQuery } from '../../libs/processes/high-tech/high-tech.contract';
import { highTechCertification } from '../../workflows/high-tech.workflow';
import { agencyStaff } from '../support/actors';
import { applicationFor, eligibleEnterprise, loadEnterprise } from '../support/enterprises';
import { eventually } from '../support/http';
import { bundleWorkflows, realActivities, testDataConverter } from '../support/workflow-env';
import { consoleAs, launch, shot } from './browser';

/**
 * Clicks the chart's bar segment drawn in `rgb` (the chart is a canvas: its bars are found by their
 * colour in a screenshot of it, below the legend, whose swatches share the colours).
 */
async function clickBarOfColour(page: Page, testId: string, [r, g, b]: [number, number, number]): Promise<void> {
  const chart = page.locator(`[data-testid=${testId}] canvas`).first();
  const png = PNG.sync.read(await chart.screenshot());
  const hits: Array<[number, number]> = [];
  for (let y = 40; y < png.height; y += 1) {
    for (let x = 0; x < png.width; x += 1) {
      const i = (png.width * y + x) * 4;
      if (Math.abs(png.data[i] - r) < 6 && Math.abs(png.data[i + 1] - g) < 6 && Math.abs(png.data[i + 2] - b) < 6) hits.push([x, y]);
    }
  }
  expect(hits.length).toBeGreaterThan(20);
  const [x, y] = hits[Math.floor(hits.length / 2)];
  const box = (await chart.boundingBox())!;
  // The screenshot is in device pixels; the page's scale is 1 here.
  await page.mouse.click(box.x + x, box.y + y);
}

/** Red steps of an agency as the supervisor's chart shows them (its data table, read by screen readers too). */
async function redOnChart(page: Page, agency: string): Promise<number> {
  return page.evaluate(
    (a) => Array.from(document.querySelectorAll(`[data-testid=chart-steps] td[data-agency="${a}"][data-colour=red]`)).reduce((n, r) => n + Number(r.getAttribute('data-count')), 0),
    agency,
  );
}

describe('the supervisor dashboard', () => {
  let browser: Browser;
  let env: TestWorkflowEnvironment;
  let activities: INestApplicationContext;

  beforeAll(async () => {
    browser = await launch();
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: await ensureTimeSkippingServer() } },
      client: { dataConverter: testDataConverter() },
    });
    activities = await realActivities();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await activities?.close();
    await env?.teardown();
  });

  it('turns a step red on the chart when it goes overdue', async () => {
    const taskQueue = `dashboard-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await bundleWorkflows(), activities: activityMapFrom(activities), dataConverter: testDataConverter() });
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const page = await consoleAs(browser, 'supervisor');

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(highTechCertification, {
        taskQueue,
        workflowId: `high-tech-dashboard-${randomUUID()}`,
        args: [{ application: applicationFor(enterprise), options: { formalReviewDays: 2, warnDaysBefore: 1 } }],
      });
      const atAcceptance = await eventually('acceptance', async () => {
        const s = await handle.query(highTechStateQuery);
        return s.status === 'acceptance' ? s : undefined;
      });
      const acceptanceStep = atAcceptance.engine!.steps[0];
      await handle.executeUpdate(decideStepUpdate, { args: [{ stepId: acceptanceStep.id, actor: agencyStaff('zgc'), decision: 'accept' }] });
      const inReview = await eventually('formal review', async () => {
        const s = await handle.query(highTechStateQuery);
        return s.status === 'formal-review' ? s : undefined;
      });
      const review = inReview.engine!.steps.find((s) => s.name === '形式审查')!;

      await page.getByTestId('chart-steps').waitFor();
      await eventually('the open step on the chart', async () => ((await page.locator('[data-testid=chart-steps] td[data-agency=zgc]').count()) > 0 ? true : undefined));
      const before = await redOnChart(page, 'zgc');
      await shot(page, 'dashboard-1-before-overdue');

      const { dueOn } = readClock(review.clock, new WorkingCalendar(), new Date(await env.currentTimeMs()));
      await env.sleep(endOfBeijingDay(dueOn).getTime() + 3_600_000 - (await env.currentTimeMs()));

      // The page refreshes itself: the zgc bar gains a red segment.
      await page.waitForFunction(
        ({ agency, count }) =>
          Array.from(document.querySelectorAll(`[data-testid=chart-steps] td[data-agency="${agency}"][data-colour=red]`)).reduce((n, r) => n + Number(r.getAttribute('data-count')), 0) > count,
        { agency: 'zgc', count: before },
        { timeout: 30_000 },
      );
      expect(await redOnChart(page, 'zgc')).toBe(before + 1);
      await shot(page, 'dashboard-2-after-overdue');
      // A click on the red bar opens the list behind it: that agency's red steps.
      await clickBarOfColour(page, 'chart-steps', [0xa8, 0x07, 0x1a]);
      await page.waitForFunction(() => location.hash.startsWith('#/supervision/steps') && location.hash.includes('colour=red') && location.hash.includes('agency=zgc'));
      await page.locator(`[data-testid=steps] tr[data-step="${review.id}"]`).waitFor();
      await shot(page, 'dashboard-3-bar-clicked');
      await page.goBack();
      await page.getByTestId('chart-steps').waitFor();
      // The list behind the red figure of 高新技术企业认定 shows the step, its agency and handler, red.
      // (Days overdue count from today's real date; this step is overdue only on the test server's skipped clock.)
      await page.locator('[data-testid=kpi-high-tech] a[href*="colour=red"]').click();
      const row = page.locator(`[data-testid=steps] tr[data-step="${review.id}"]`);
      await row.waitFor();
      expect(await row.textContent()).toMatch(/形式审查.*市科委、中关村管委会.*未认领.*超期/);
      expect(await row.getAttribute('data-colour')).toBe('red');
      await shot(page, 'dashboard-4-overdue-list');
      await handle.terminate('dashboard test done');
    });
  });

  it('does not redraw the bars while the overview is unchanged', async () => {
    const page = await consoleAs(browser, 'supervisor');
    await page.getByTestId('chart-steps').waitFor();
    await page.locator('[data-testid=chart-steps] canvas').first().waitFor();
    const table = () => page.getByTestId('chart-steps-data').textContent();
    const canvas = () => page.locator('[data-testid=chart-steps] canvas').first().screenshot({ animations: 'allow' });
    // The overview is read every 2 s; bars set again with notMerge grew from zero each time. Other
    // suites may change the numbers meanwhile: then the look is taken again.
    let still: boolean | undefined;
    for (let attempt = 0; attempt < 4 && still === undefined; attempt += 1) {
      await page.waitForTimeout(1500); // the first drawing's animation is over
      const numbers = await table();
      const first = await canvas();
      let same = true;
      for (let i = 0; i < 16; i += 1) {
        await page.waitForTimeout(250);
        if (!(await canvas()).equals(first)) same = false;
      }
      if ((await table()) === numbers) still = same;
    }
    expect(still).toBe(true);
    // (The value axis's name, 在办环节数, is drawn on the canvas: chart-options.spec.ts asserts it; the screenshot shows it.)
    await shot(page, 'dashboard-5-still');
  }, 60_000);

  it('titles each list as the nav entry that opens it', async () => {
    const page = await consoleAs(browser, 'supervisor');
    await page.getByTestId('chart-steps').waitFor();
    for (const label of ['环节督办', '已提交电子监察']) {
      await page.locator('nav[aria-label="主导航"]').getByRole('link', { name: label, exact: true }).click();
      await page.locator('h1.page-title', { hasText: label }).waitFor({ timeout: 10_000 });
      expect(await page.locator('h1.page-title').textContent()).toBe(label);
    }
    await shot(page, 'dashboard-6-escalations-title');
  }, 60_000);
});
