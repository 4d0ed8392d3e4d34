import { Browser } from 'playwright-core';
import { agencyStaff, applicant, as } from '../support/actors';
import { awaitCase, fileHighTech } from '../support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from '../support/enterprises';
import { consoleAs, cspViolations, launch, shot, watchCsp } from './browser';

describe('the consoles and the API docs under the Content-Security-Policy', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('run every page without a single violation', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const owner = as(applicant(enterprise.creditCode));
    const { id } = await fileHighTech(applicationFor(enterprise), undefined, owner);
    const atAcceptance = await awaitCase(owner, id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'acceptance');
    // One decided step, so the supervisor's on-time chart draws its lines and legend.
    expect((await as(agencyStaff('zgc', 'csp-zgc')).post(`/steps/${atAcceptance.steps[0].id}/decision`, { decision: 'accept' })).status).toBe(200);
    await awaitCase(owner, id, (c) => c.steps[0].status === 'decided', 'the decided acceptance');

    const violations: string[] = [];
    const login = await browser.newPage();
    const loginSeen = await watchCsp(login, 'login');
    await login.goto(`${process.env.API_URL}/`);
    await login.getByTestId('login-chip-applicant').waitFor();
    violations.push(...loginSeen);

    for (const [userId, route, ready] of [
      ['chip-applicant', '#/', 'new-high-tech'],
      ['zgc-reviewer', `#/cases/${encodeURIComponent(id)}`, 'case-status'],
      ['supervisor', '#/', 'chart-steps'],
    ]) {
      const page = await consoleAs(browser, userId);
      await page.goto(`${process.env.API_URL}/console/${route}`);
      await page.reload();
      await page.getByTestId(ready).first().waitFor();
      if (userId === 'supervisor') {
        // The legend takes its colours from the stylesheet, not from inline styles the policy refuses.
        const legend = page.locator('[data-testid=chart-on-time] text.legend-high-tech');
        await legend.waitFor();
        expect(await legend.evaluate((e) => getComputedStyle(e).fill)).toBe('rgb(183, 28, 28)');
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
