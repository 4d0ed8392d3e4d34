import { Browser } from 'playwright-core';
import { consoleAs, go, launch, newPage, shot } from './browser';

describe('consoles render', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('shows the login, the applicant home and the supervisor dashboard', async () => {
    const page = await newPage(browser);
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

  it('keeps a deep link through the login: a case opened in a new tab lands on that case', async () => {
    const page = await newPage(browser, 'new-tab');
    await go(page, '/supervision/cases?q=%E5%8C%97%E4%BA%AC');
    await page.getByTestId('login-supervisor').click();
    await page.waitForFunction(() => location.hash.startsWith('#/supervision/cases'));
    expect(new URL(page.url()).hash).toBe('#/supervision/cases?q=%E5%8C%97%E4%BA%AC');
    await page.getByTestId('case-search').waitFor();
  });

  it('shows the favicon and no 404 for it', async () => {
    const page = await newPage(browser);
    const missing: string[] = [];
    page.on('response', (r) => r.status() >= 400 && missing.push(`${r.status()} ${r.url()}`));
    await go(page, '/login');
    await page.getByTestId('login-chip-applicant').waitFor();
    expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('favicon.svg');
    expect(missing).toEqual([]);
  });
});
