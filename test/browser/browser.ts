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

/** A laptop-sized page on the console, logged in as a seeded demo user by clicking their name. */
export async function consoleAs(browser: Browser, userId: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
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
  if (status) await page.waitForSelector(`[data-testid=case-status][data-status="${status}"]`, { timeout: timeoutMs });
  else await page.waitForSelector('[data-testid=case-status]');
}

/** Submits a form inside the row of the named step. */
export async function inStep(page: Page, stepName: string) {
  const row = page.locator(`tr[data-step-row="${stepName}"]`).last();
  await row.waitFor();
  return row;
}
