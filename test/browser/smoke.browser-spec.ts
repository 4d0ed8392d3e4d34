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
    const boss = await consoleAs(browser, 'supervisor', { width: 1920, height: 1080 });
    await boss.getByTestId('chart-steps').waitFor();
    await boss.locator('[data-testid=chart-on-time]').waitFor();
    // The dashboard fits one 1920 × 1080 screen.
    expect(await boss.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
    await shot(boss, 'smoke-supervisor');
  });

  it('verifies in any case, and says what to type on a blank query', async () => {
    const page = await newPage(browser);
    await go(page, '/verify');
    await page.getByRole('button', { name: '查验' }).click();
    expect(await page.locator('.ant-form-item-explain-error').textContent()).toBe('请输入文号、证书编号、合规一码通或许可编号');
    await page.getByLabel('文号 / 证书编号 / 合规一码通 / 许可编号').fill('  gr00000000000 ');
    await page.getByRole('button', { name: '查验' }).click();
    await page.getByTestId('verify-result').waitFor();
    expect(new URL(page.url()).hash).toBe('#/verify/GR00000000000');
    expect(await page.getByTestId('verify-result').textContent()).toContain('未查到编号为 GR00000000000');
  });

  it('takes an objection to a 公示 and shows the API’s answer in the form', async () => {
    const page = await newPage(browser);
    await go(page, '/notices/high-tech-not-under-notice');
    await page.locator('.ant-modal').waitFor();
    await page.getByLabel('异议人姓名或单位名称').fill('王五');
    await page.getByLabel('联系方式').fill('010-12345678');
    await page.getByLabel('异议事实和理由').fill('研发费用存疑');
    await page.getByTestId('submit-objection').click();
    expect(await page.getByTestId('form-error').textContent()).toContain('没有正在公示的该案件');
    await shot(page, 'smoke-objection');
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
