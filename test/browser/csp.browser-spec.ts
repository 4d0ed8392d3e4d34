import { Browser } from 'playwright-core';
import { agencyStaff, applicant, as } from '../support/actors';
import { awaitCase, fileHighTech } from '../support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from '../support/enterprises';
import { consoleAs, cspViolations, go, launch, newPage, shot, watchCsp } from './browser';

describe('the consoles and the API docs under the Content-Security-Policy', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('run every page, its dialogs, tables and charts without a single violation', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const owner = as(applicant(enterprise.creditCode));
    const { id } = await fileHighTech(applicationFor(enterprise), undefined, owner);
    const atAcceptance = await awaitCase(owner, id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'acceptance');
    // One decided step, so the supervisor's on-time chart draws its lines and legend.
    expect((await as(agencyStaff('zgc', 'csp-zgc')).post(`/steps/${atAcceptance.steps[0].id}/decision`, { decision: 'accept' })).status).toBe(200);
    await awaitCase(owner, id, (c) => c.steps[0].status === 'decided', 'the decided acceptance');

    const violations: string[] = [];
    const visitor = await newPage(browser, 'visitor');
    await visitor.goto(`${process.env.API_URL}/`);
    await visitor.getByTestId('login-chip-applicant').waitFor();
    await go(visitor, '/notices');
    await visitor.getByTestId('notices-list').waitFor();
    await go(visitor, '/verify/NO-SUCH-NUMBER');
    await visitor.getByTestId('verify-result').waitFor();
    violations.push(...cspViolations(visitor));

    for (const [userId, route, ready] of [
      ['chip-applicant', '/', 'new-high-tech'],
      ['chip-applicant', '/new/talent-permits', 'submit'],
      ['zgc-reviewer', `/cases/${encodeURIComponent(id)}`, 'case-status'],
      ['zgc-reviewer', '/', 'inbox'],
      ['supervisor', '/', 'chart-steps'],
      ['supervisor', `/cases/${encodeURIComponent(id)}`, 'case-status'],
      ['supervisor', '/supervision/escalations', 'list-escalations'],
    ]) {
      const page = await consoleAs(browser, userId);
      await go(page, route);
      await page.reload();
      await page.getByTestId(ready).first().waitFor();
      if (userId === 'supervisor' && route === '/') {
        await page.locator('[data-testid=chart-on-time] canvas').waitFor();
        // A tooltip drawn by the chart, and a dialog with its scroll lock.
        await page.locator('[data-testid=chart-steps] canvas').hover();
      }
      if (userId === 'supervisor' && route.startsWith('/cases/')) {
        await page.getByTestId('urge').first().click();
        await page.locator('.ant-modal').waitFor();
        await shot(page, 'csp-supervisor-dialog');
        await page.keyboard.press('Escape');
      }
      if (userId === 'zgc-reviewer' && route.startsWith('/cases/')) {
        const panel = page.locator('[data-step-panel="形式审查"]');
        await panel.getByTestId('claim').click();
        await panel.getByTestId('decision-form').getByText('退回补正', { exact: true }).click();
        await panel.getByTestId('submit-decision').click();
        await page.locator('.ant-modal-confirm').waitFor();
        await page.locator('.ant-modal-confirm').getByRole('button', { name: '返回修改' }).click();
      }
      violations.push(...cspViolations(page));
    }

    // Swagger UI draws the operations with its own scripts: they must run, with nothing refused.
    const docs = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const docsSeen = await watchCsp(docs, 'docs');
    await docs.goto(`${process.env.API_URL}/docs`);
    await docs.locator('.swagger-ui .opblock').first().waitFor();
    await shot(docs, 'csp-docs');
    expect(await docs.locator('.swagger-ui .opblock').count()).toBeGreaterThan(30);

    violations.push(...docsSeen);
    expect(violations).toEqual([]);
  });
});
