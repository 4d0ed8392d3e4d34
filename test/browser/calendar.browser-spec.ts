import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { Browser } from 'playwright-core';
import type { HighTechApplication } from '../../libs/processes/high-tech/high-tech.contract';
import { highTechCertification } from '../../workflows/high-tech.workflow';
import { as, supervisor } from '../support/actors';
import { applicationFor, eligibleEnterprise, loadEnterprise } from '../support/enterprises';
import { testDataConverter } from '../support/workflow-env';
import { consoleAs, launch, shot } from './browser';

describe('the consoles and a provisional calendar', () => {
  let browser: Browser;
  let connection: Connection;
  beforeAll(async () => {
    browser = await launch();
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  });
  afterAll(async () => {
    await browser?.close();
    await connection?.close();
  });

  it("shows supervisors the overview's warning that a year has no official calendar, as a banner", async () => {
    const { calendarWarning } = (await as(supervisor()).get('/supervision/overview')).body;
    const page = await consoleAs(browser, 'supervisor');
    await page.getByTestId('chart-steps').waitFor();
    const banner = page.getByTestId('calendar-warning');
    if (calendarWarning) {
      expect(await banner.textContent()).toContain(calendarWarning.message);
      await shot(page, 'calendar-warning-supervisor');
    } else {
      expect(await banner.count()).toBe(0);
    }
  });

  it('marks a provisional due date in the inbox as 暂定, saying why on hover', async () => {
    // A 受理 window of 500 working days: its due date counts next year and the one after, whatever day this runs.
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const client = new Client({ connection, dataConverter: testDataConverter() });
    const handle = await client.workflow.start(highTechCertification, {
      taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'approvals',
      workflowId: `high-tech-calendar-browser-${randomUUID()}`,
      args: [{ application: applicationFor(enterprise) as HighTechApplication, options: { acceptanceWindowDays: 500 } }],
    });
    try {
      const page = await consoleAs(browser, 'zgc-reviewer');
      const row = page.locator(`[data-testid=inbox] tr[data-href="#/cases/${handle.workflowId}"]`).first();
      await row.waitFor({ timeout: 30_000 });
      const mark = row.locator('[data-provisional=true]');
      expect(await mark.textContent()).toMatch(/^\d{4}-\d{2}-\d{2}（暂定）$/);
      expect(await mark.getAttribute('title')).toContain('暂按《全国年节及纪念日放假办法》规定的法定节假日计算');
      await shot(page, 'calendar-provisional-inbox');
    } finally {
      await handle.terminate('browser test done');
    }
  });
});
