/// <reference lib="dom" />
import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Locator, Page, chromium } from 'playwright-core';
import { LABEL_CATALOGUES } from '../../libs/i18n/labels';
import { REGISTERED } from '../../libs/processes';

export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');

/** The two sizes every page is seen at: a 1440 px desktop and a 390 px phone. */
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

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
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${e.violatedDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample ?? ''}`),
    ),
  );
  return seen;
}

/** What watchCsp has seen refused on the page so far. */
export const cspViolations = (page: Page): string[] => violations.get(page) ?? [];

/** A fresh page (its own storage: nobody signed in) that reports script errors and CSP refusals. */
export async function newPage(browser: Browser, who = 'visitor', viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  // A script error in the page is a test failure's real cause: show it.
  page.on('pageerror', (error) => console.error(`[${who}] page error: ${error.message}`));
  await watchCsp(page, who);
  return page;
}

/** Signs in on the login page as a seeded demo user, by clicking their name. */
export async function signIn(page: Page, userId: string): Promise<void> {
  await page.goto(`${process.env.API_URL}/console/#/login`);
  await page.getByTestId(`login-${userId}`).click();
  await page.waitForFunction(() => !location.hash.startsWith('#/login'));
}

/** A laptop-sized page on the console, signed in as a seeded demo user (each page its own session). */
export async function consoleAs(browser: Browser, userId: string, viewport = DESKTOP): Promise<Page> {
  const page = await newPage(browser, userId, viewport);
  await signIn(page, userId);
  await page.waitForFunction(() => document.querySelector('#view')?.getAttribute('data-route') === 'home');
  return page;
}

/** Goes to a console route (`/cases/…`) on the page. */
export async function go(page: Page, route: string): Promise<void> {
  await page.goto(`${process.env.API_URL}/console/#${route}`);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Opens a case page and waits for it to show the wanted status. */
export async function openCase(page: Page, caseId: string, status?: string, timeoutMs = 30_000): Promise<void> {
  await go(page, `/cases/${encodeURIComponent(caseId)}`);
  await waitForStatus(page, status, timeoutMs);
}

/** Waits for the case page on screen to show the wanted status (it updates itself). */
export async function waitForStatus(page: Page, status?: string, timeoutMs = 30_000): Promise<void> {
  try {
    if (status) await page.waitForSelector(`[data-testid=case-status][data-status="${status}"]`, { timeout: timeoutMs });
    else await page.waitForSelector('[data-testid=case-status]');
  } catch (error) {
    await shot(page, `failed-waiting-for-${status}`);
    throw error;
  }
}

/** The row of the named step in the case's steps table. */
export async function inStep(page: Page, stepName: string): Promise<Locator> {
  const row = page.locator(`tr[data-step-row="${stepName}"]`).last();
  await row.waitFor();
  return row;
}

/** The card where the signed-in official acts on the named step. */
export async function stepPanel(page: Page, stepName: string, timeoutMs = 30_000): Promise<Locator> {
  const panel = page.locator(`[data-step-panel="${stepName}"]`).last();
  await panel.waitFor({ timeout: timeoutMs });
  return panel;
}

/** Opens the case from the user's worklist by pressing Enter on its row. */
export async function fromInbox(page: Page, caseId: string, timeoutMs = 30_000): Promise<void> {
  await go(page, '/');
  const row = page.locator(`[data-testid=inbox] tr[data-href="#/cases/${encodeURIComponent(caseId)}"]`).first();
  await row.waitFor({ timeout: timeoutMs });
  await row.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=case-status]');
}

/** Confirms the dialog an action asks for. */
export async function confirm(page: Page, button = '确认'): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm').last();
  await dialog.waitFor();
  // A click while the dialog still zoomed in was once seen not to take (the dialog stayed, its
  // button never busy): wait for it to settle, and click again if it neither closes nor works.
  const settled = Date.now() + 5000;
  while (/-appear/.test((await dialog.getAttribute('class', { timeout: 1000 }).catch(() => '')) ?? '') && Date.now() < settled) await page.waitForTimeout(50);
  const ok = dialog.getByRole('button', { name: button });
  await ok.click();
  // It closes when the API has answered: a workflow update may take a while on a loaded machine.
  const deadline = Date.now() + 60_000;
  for (let clicks = 1; ; ) {
    const closed = await dialog
      .waitFor({ state: 'detached', timeout: 5000 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
    if (Date.now() > deadline) throw new Error(`the dialog "${await dialog.innerText({ timeout: 1000 }).catch(() => '')}" did not close within 60 s of 「${button}」`);
    // Still there and not waiting on the API (antd marks the button busy while onOk runs): the click did not take.
    const busy = /ant-btn-loading/.test((await ok.getAttribute('class', { timeout: 1000 }).catch(() => '')) ?? '');
    if (!busy && clicks < 3 && (await ok.isVisible().catch(() => false))) {
      clicks += 1;
      await ok.click({ timeout: 2000 }).catch(() => undefined);
    }
  }
}

/** Claims the named step if nobody holds it yet. */
export async function claim(page: Page, stepName: string): Promise<Locator> {
  const panel = await stepPanel(page, stepName);
  const button = panel.getByTestId('claim');
  if (await button.count()) {
    await button.click();
    await page.locator(`[data-step-panel="${stepName}"] [data-testid=claim]`).waitFor({ state: 'detached' });
  }
  return stepPanel(page, stepName);
}

const DECISION_LABELS = LABEL_CATALOGUES.DECISION_LABELS;

/** In the named step's card: claim it if unclaimed, choose the decision, fill its own fields, confirm. */
export async function decide(page: Page, stepName: string, decision: string, reason?: string, items?: string[]): Promise<void> {
  const panel = await claim(page, stepName);
  const form = panel.getByTestId('decision-form');
  await form.getByText(DECISION_LABELS[decision], { exact: true }).click();
  if (reason) await form.locator('textarea').first().fill(reason);
  for (const [i, item] of (items ?? []).entries()) {
    if (i > 0) await form.getByRole('button', { name: '增加一项' }).click();
    await form.getByLabel(`补正事项 ${i + 1}`, { exact: true }).fill(item);
  }
  await form.getByTestId('submit-decision').click();
  await confirm(page);
}

/** Waits until the step's row shows it decided (the page updates itself). */
export async function stepDone(page: Page, stepName: string, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction((name) => document.querySelector(`tr[data-step-row="${name}"]`)?.textContent?.includes('已办结'), stepName, { timeout: timeoutMs });
}

/** The form field labelled so (antd ties each label to its control). */
export const field = (page: Page | Locator, label: string): Locator => page.getByLabel(label, { exact: true });

/** The message shown beside the field with that label. */
export function errorBeside(page: Page, label: string): Locator {
  return page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) }).locator('.ant-form-item-explain-error');
}

// ——— every page: axe, English codes, screenshots at both sizes ———

/** axe-core's serious and critical findings on the page as it stands, each with where. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/**
 * Every code a Chinese page must never show: the label catalogue's keys (statuses, decisions,
 * step kinds, timeline actions …), the registry's codes (processes, statuses, step and document
 * kinds), and the API's English messages the test knows of.
 */
export function englishCodes(extraMessages: string[] = []): string[] {
  const codes = new Set<string>();
  for (const catalogue of Object.values(LABEL_CATALOGUES)) for (const key of Object.keys(catalogue)) codes.add(key);
  for (const p of REGISTERED) {
    codes.add(p.code);
    for (const names of [p.statuses, p.stepKinds, p.documentKinds]) for (const key of Object.keys(names)) codes.add(key);
  }
  // Single capitals (talent categories A/B) and district names are not codes a reader would trip over.
  return [...[...codes].filter((code) => /[a-z]/i.test(code) && code.length >= 3), ...extraMessages];
}

/**
 * The codes and English messages the page shows, outside what is data as given (names, numbers,
 * ids: marked data-verbatim) and outside what only machines read.
 */
export async function englishOnPage(page: Page, codes = englishCodes()): Promise<string[]> {
  return page.evaluate((list) => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('[data-verbatim], script, style, noscript, .sr-only').forEach((e) => e.remove());
    const text = clone.textContent ?? '';
    return list.filter((code) => new RegExp(`(^|[^A-Za-z0-9-])${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9-])`).test(text));
  }, codes);
}

/** A findings report for one page at both sizes: axe, English codes, CSP; screenshots saved. */
export async function checkPage(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const [size, viewport] of [['1440', DESKTOP], ['390', PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await shot(page, `${name}-${size}`);
    problems.push(...(await accessibilityProblems(page)).map((p) => `${name} @${size}: ${p}`));
    if (size === '390') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 1) problems.push(`${name} @390: the page scrolls sideways by ${overflow} px`);
    }
  }
  await page.setViewportSize(DESKTOP);
  problems.push(...(await englishOnPage(page)).map((code) => `${name}: shows the code or English message "${code}"`));
  problems.push(...cspViolations(page).map((v) => `${name}: CSP ${v}`));
  return problems;
}

/**
 * A page signed in as any party the test makes up (an applicant of a freshly loaded enterprise),
 * with a token the stack's issuer signs, as the login would leave it.
 */
export async function consoleWithToken(browser: Browser, actor: import('../../libs/domain').Actor, viewport = DESKTOP): Promise<Page> {
  const { tokenFor } = await import('../support/actors');
  const page = await newPage(browser, actor.userId, viewport);
  const token = tokenFor(actor, 3600);
  await page.addInitScript(
    ([stored]) => localStorage.setItem('beijing-approvals.session', stored),
    [JSON.stringify({ token, user: actor, expiresAt: Date.now() + 3_600_000 })],
  );
  await go(page, '/');
  await page.waitForFunction(() => document.querySelector('#view')?.getAttribute('data-route') === 'home');
  return page;
}

/**
 * A test of what the API's worklists, supervisor lists, claim release and reassign options do
 * (apps/api/src/worklists, issue 16's API side): skipped, and said so, where the API has none.
 */
export const withListsApi: jest.It = existsSync(join(__dirname, '..', '..', 'apps', 'api', 'src', 'worklists')) ? it : it.skip;
