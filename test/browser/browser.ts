/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';

export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');

/**
 * Debian's Chromium, headless, driven by playwright-core. The flags keep it off the network
 * (this machine reaches none) and out of the way as root.
 */
export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const violations = new WeakMap<Page, string[]>();

/**
 * Records what Chromium refuses under the page's Content-Security-Policy, from the page's own
 * securitypolicyviolation events (its console lines about CSP do not reach playwright), and
 * shows each as it happens. Call before the page navigates.
 */
export async function watchCsp(page: Page, who = 'page'): Promise<string[]> {
  const seen: string[] = [];
  violations.set(page, seen);
  await page.exposeFunction('reportCspViolation', (text: string) => {
    seen.push(`${page.url()}: ${text}`);
    console.error(`[${who}] CSP violation: ${text}`);
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${e.violatedDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    ),
  );
  return seen;
}

/** What watchCsp has seen refused on the page so far. */
export const cspViolations = (page: Page): string[] => violations.get(page) ?? [];

/** A laptop-sized page on the console, logged in as a seeded demo user by clicking their name. */
export async function consoleAs(browser: Browser, userId: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  // A script error in the page is a test failure's real cause: show it.
  page.on('pageerror', (error) => console.error(`[${userId}] page error: ${error.message}`));
  await watchCsp(page, userId);
  await page.goto(`${process.env.API_URL}/console/#/login`);
  await page.getByTestId(`login-${userId}`).click();
  await page.waitForFunction(() => document.querySelector('#view')?.getAttribute('data-route') === 'home');
  return page;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Opens a case page and waits for it to show the wanted status. */
export async function openCase(page: Page, caseId: string, status?: string, timeoutMs = 30_000): Promise<void> {
  await page.goto(`${process.env.API_URL}/console/#/cases/${encodeURIComponent(caseId)}`);
  try {
    if (status) await page.waitForSelector(`[data-testid=case-status][data-status="${status}"]`, { timeout: timeoutMs });
    else await page.waitForSelector('[data-testid=case-status]');
  } catch (error) {
    await shot(page, `failed-waiting-for-${status}`);
    throw error;
  }
}

/** Submits a form inside the row of the named step. */
export async function inStep(page: Page, stepName: string) {
  const row = page.locator(`tr[data-step-row="${stepName}"]`).last();
  await row.waitFor();
  return row;
}

/** Opens the case from the user's inbox by clicking its row. */
export async function fromInbox(page: Page, caseId: string, timeoutMs = 30_000): Promise<void> {
  await page.goto(`${process.env.API_URL}/console/#/`);
  const row = page.locator(`[data-testid=inbox] tr[data-href="#/cases/${caseId}"]`).first();
  await row.waitFor({ timeout: timeoutMs });
  await row.click();
  await page.waitForSelector('[data-testid=case-status]');
}

/** In the named step's row: claim it if unclaimed, then decide with a reason and correction items. */
export async function decide(page: Page, stepName: string, decision: string, reason?: string, items?: string[]): Promise<void> {
  let row = await inStep(page, stepName);
  const claim = row.getByRole('button', { name: '认领' });
  if (await claim.count()) {
    await claim.click();
    await page.waitForFunction((name) => !document.querySelector(`tr[data-step-row="${name}"] button`)?.textContent?.includes('认领'), stepName);
    row = await inStep(page, stepName);
  }
  await row.locator('select[name=decision]').selectOption(decision);
  if (reason) await row.locator('input[name=reason]').fill(reason);
  if (items) await row.locator('textarea[name=correctionItems]').fill(items.join('\n'));
  await row.getByRole('button', { name: '提交决定' }).click();
}

/** Waits until the step's row shows it decided (the page re-renders itself). */
export async function stepDone(page: Page, stepName: string, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction((name) => document.querySelector(`tr[data-step-row="${name}"]`)?.textContent?.includes('已办结'), stepName, { timeout: timeoutMs });
}
