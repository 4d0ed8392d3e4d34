import { Browser } from 'playwright-core';
import { consoleAs, launch, shot } from './browser';

describe('consoles render', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('shows the login, the applicant home and the supervisor dashboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${process.env.API_URL}/`);
    await page.getByTestId('login-chip-applicant').waitFor();
    await shot(page, 'smoke-login');
    const applicant = await consoleAs(browser, 'chip-applicant');
    await applicant.getByTestId('new-high-tech').waitFor();
    await shot(applicant, 'smoke-applicant');
    const boss = await consoleAs(browser, 'supervisor');
    await boss.getByTestId('chart-steps').waitFor();
    await shot(boss, 'smoke-supervisor');
  });
});
