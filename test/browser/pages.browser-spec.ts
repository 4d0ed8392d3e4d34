/// <reference lib="dom" />
import { Browser, Page } from 'playwright-core';
import { applicant, as } from '../support/actors';
import { awaitCase, fileAndAwaitDecision, fileHighTech } from '../support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from '../support/enterprises';
import { checkPage, consoleAs, consoleWithToken, englishCodes, englishOnPage, go, launch, newPage } from './browser';

/**
 * Every page of every role, in the states people meet them: screenshotted at 1440 and 390 px
 * (test-output/screenshots/page-*), checked by axe-core (no serious or critical finding), for
 * sideways scrolling at 390 px, for codes and English messages on a Chinese page, and for CSP
 * refusals. One report of everything found, so one run shows all that is wrong.
 */
describe('every console page', () => {
  let browser: Browser;
  const problems: string[] = [];
  const check = async (page: Page, name: string, ready: string) => {
    await page.getByTestId(ready).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    problems.push(...(await checkPage(page, `page-${name}`)));
  };

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('passes axe, shows no code or English message, fits 390 px, and runs under the CSP', async () => {
    // A case off the fast path at 受理, and one certified on filing.
    const offPath = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false, businessType: 'trading' }));
    const owner = applicant(offPath.creditCode);
    const { id } = await fileHighTech(applicationFor(offPath), undefined, as(owner));
    await awaitCase(as(owner), id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'acceptance');
    const certified = await fileAndAwaitDecision(applicationFor(await loadEnterprise(eligibleEnterprise())));
    const number = certified.certificate.number as string;

    const visitor = await newPage(browser, 'visitor');
    await go(visitor, '/login');
    await check(visitor, 'login', 'login');
    await go(visitor, '/verify');
    await visitor.getByRole('button', { name: '查验' }).click();
    await check(visitor, 'verify-blank', 'verify');
    await go(visitor, `/verify/${number.toLowerCase()}`);
    await check(visitor, 'verify-certificate', 'verify-status');
    await go(visitor, '/verify/GR00000000000');
    await check(visitor, 'verify-missing', 'verify-result');
    await go(visitor, '/notices');
    await check(visitor, 'notices', 'notices-list');

    const enterprise = await consoleWithToken(browser, owner);
    await check(enterprise, 'applicant-cases', 'cases');
    await go(enterprise, '/new/high-tech');
    await check(enterprise, 'applicant-new-high-tech', 'submit');
    await go(enterprise, '/new/listing');
    await check(enterprise, 'applicant-new-listing', 'submit');
    await go(enterprise, '/new/talent-permits');
    await check(enterprise, 'applicant-new-talent', 'submit');
    await go(enterprise, `/cases/${encodeURIComponent(id)}`);
    await check(enterprise, 'applicant-case-acceptance', 'off-fast-path');
    await enterprise.getByTestId('withdraw').click();
    await enterprise.locator('.ant-modal').waitFor();
    await check(enterprise, 'applicant-withdraw-dialog', 'confirm-withdraw');
    await enterprise.keyboard.press('Escape');

    const fastPath = await consoleWithToken(browser, applicant(certified.applicantId));
    await go(fastPath, `/cases/${encodeURIComponent(certified.id)}`);
    await check(fastPath, 'applicant-case-certified', 'certificate');

    const zgc = await consoleAs(browser, 'zgc-director');
    await check(zgc, 'agency-todo', 'inbox');
    await go(zgc, '/worklist/mine');
    await check(zgc, 'agency-mine', 'worklist');
    await go(zgc, '/worklist/done');
    await check(zgc, 'agency-done', 'worklist');
    await go(zgc, `/cases/${encodeURIComponent(id)}`);
    await check(zgc, 'agency-case-claim', 'claim');
    await zgc.getByTestId('claim').click();
    await zgc.getByTestId('decision-form').getByText('一次性告知补正', { exact: true }).click();
    await check(zgc, 'agency-case-decision', 'decision-form');

    const expert = await consoleAs(browser, 'expert-1');
    await check(expert, 'expert-inbox', 'expert-inbox');

    const boss = await consoleAs(browser, 'supervisor');
    await check(boss, 'supervisor-dashboard', 'chart-steps');
    await go(boss, '/supervision/cases');
    await check(boss, 'supervisor-case-search', 'case-search');
    await go(boss, '/supervision/steps');
    await check(boss, 'supervisor-steps', 'list-steps');
    await go(boss, '/supervision/overdue');
    await check(boss, 'supervisor-overdue', 'list-overdue');
    await go(boss, '/supervision/escalations');
    await check(boss, 'supervisor-escalations', 'list-escalations');
    await go(boss, `/cases/${encodeURIComponent(id)}`);
    await check(boss, 'supervisor-case', 'case-status');
    await boss.getByTestId('urge').first().click();
    await check(boss, 'supervisor-urge-dialog', 'supervise-submit');

    expect(problems).toEqual([]);
  }, 300_000);

  it('fails a page that shows a code: the check itself can fail', async () => {
    // The catalogue's keys are what it looks for; a page showing one is caught, data marked as such is not.
    const page = await newPage(browser);
    await go(page, '/login');
    await page.getByTestId('login').waitFor();
    await page.evaluate(() => {
      const shown = document.createElement('p');
      shown.textContent = '状态：formal-review，决定 approve';
      const data = document.createElement('p');
      data.dataset.verbatim = '';
      data.textContent = 'high-tech-demo-001';
      document.body.append(shown, data);
    });
    expect((await englishOnPage(page)).sort()).toEqual(['approve', 'formal-review']);
    expect(englishCodes()).toEqual(expect.arrayContaining(['step-claimed', 'awaiting-applicant', 'high-tech', 'certificate']));
  });
});
