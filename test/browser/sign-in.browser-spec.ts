/// <reference lib="dom" />
import { Browser, Page } from 'playwright-core';
import { DEMO_USERS } from '../../libs/auth';
import { ROLE_LABELS } from '../../libs/i18n/labels';
import { DEMO_PASSWORD } from '../../infra/oidc/oidc-provider-settings';
import { personLabel } from '../../apps/console/src/person-label';
import { cspViolations, launch, newPage, shot } from './browser';

/**
 * Signing in through the embedded OpenID provider as each role, as a person does: the console's
 * 统一身份认证登录, the provider's login page, back in that role's console (on the page first
 * asked for); then 退出 ends the session at the provider too, and the console is at its sign-in.
 */
const consoleUrl = () => `${process.env.API_URL}/console/`;
const issuerOrigin = () => new URL(process.env.AUTH_JWT_ISSUER!).origin;

async function signInAtProvider(page: Page, username: string): Promise<void> {
  await page.getByTestId('sign-in').click();
  await page.waitForURL((url) => url.origin === issuerOrigin() && url.pathname.startsWith('/interaction/'));
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.href.startsWith(consoleUrl()) && !url.search && !url.hash.startsWith('#/login'));
}

describe('sign-in through the OpenID provider', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  const expert = DEMO_USERS.find((u) => u.role === 'expert')!;
  it.each([
    ['applicant', 'chip-applicant', '/', 'home'],
    ['agency', 'zgc-reviewer', '/worklist/done', 'worklist'],
    ['expert', expert.userId, '/', 'home'],
    ['supervisor', 'supervisor', '/supervision/cases', 'supervision'],
  ] as const)('a %s (%s) signs in at the provider, lands on %s in their console, and signs out', async (role, userId, asked, route) => {
    const user = DEMO_USERS.find((u) => u.userId === userId)!;
    const page = await newPage(browser, userId);
    // A link opened while signed out: the sign-in comes back to it.
    await page.goto(`${consoleUrl()}#${asked}`);
    await page.getByTestId('sign-in').waitFor();
    expect(new URL(page.url()).hash).toBe(asked === '/' ? '#/login?next=%2F' : `#/login?next=${encodeURIComponent(asked)}`);
    await signInAtProvider(page, userId);
    expect(new URL(page.url()).hash).toBe(`#${asked}`);
    await page.waitForSelector(`#view[data-route="${route}"]`);
    const who = (await page.locator('.who').first().textContent()) ?? '';
    // Each person once, with one agency name (not 杨科员（市人社局）（市人力资源和社会保障局）).
    expect(who).toContain(`${ROLE_LABELS[role]}：${personLabel(user)}`);
    expect(who.match(/（/g)?.length ?? 0).toBeLessThanOrEqual(1);
    await shot(page, `sign-in-${role}`);
    expect(cspViolations(page)).toEqual([]);

    // 退出: the provider ends its session and sends the browser back to the console's sign-in.
    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => url.href.startsWith(consoleUrl()) && url.hash.startsWith('#/login'));
    await page.getByTestId('sign-in').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('beijing-approvals.session'))).toBeNull();
    // Signing in again asks for the password again: the provider's session is gone too.
    await page.getByTestId('sign-in').click();
    await page.waitForURL((url) => url.origin === issuerOrigin() && url.pathname.startsWith('/interaction/'));
    await page.locator('#username').waitFor();
    if (role === 'applicant') await shot(page, 'sign-in-provider-login-page');
    await page.context().close();
  });

  it('says so on the provider’s page when the password is wrong', async () => {
    const page = await newPage(browser, 'wrong-password');
    await page.goto(consoleUrl());
    await page.getByTestId('sign-in').click();
    await page.waitForURL((url) => url.origin === issuerOrigin());
    await page.locator('#username').fill('zgc-reviewer');
    await page.locator('#password').fill('wrong');
    await page.getByRole('button', { name: '登录' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('用户名或密码错误，请重新输入。');
    await page.context().close();
  });
});
