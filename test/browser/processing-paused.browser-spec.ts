import { Browser } from 'playwright-core';
import { HostedStack, startHostedStack } from '../support/hosted-stack';
import { consoleAs, launch, shot } from './browser';

/**
 * The consoles on npm start's stack (apps as supervised children), started by this suite with its
 * own Postgres and Temporal, so that killing its worker leaves the task queue unpolled.
 */
describe('processing paused', () => {
  let browser: Browser;
  let stack: HostedStack;
  const sharedApi = process.env.API_URL;

  beforeAll(async () => {
    stack = await startHostedStack({
      options: { persistent: false, apps: 'children', restartPolicy: { firstDelayMs: 25_000 } },
      unset: ['DATABASE_URL', 'DEPARTMENTS_DATABASE_URL', 'TEMPORAL_ADDRESS'],
    });
    process.env.API_URL = stack.urls.api; // consoleAs opens this stack's consoles
    browser = await launch();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    process.env.API_URL = sharedApi;
  }, 60_000);

  it('shows a banner naming the cause while no worker polls, on every page, gone once the worker is back', async () => {
    const boss = await consoleAs(browser, 'supervisor');
    const banner = boss.locator('#processing-paused');
    await boss.getByTestId('chart-steps').waitFor();
    expect(await banner.isHidden()).toBe(true);

    process.kill((await stack.pidOf('worker'))!, 'SIGKILL');
    await banner.waitFor({ state: 'visible', timeout: 30_000 });
    // What it means for the work and who acts; the task queue is for operators (/health/ready's detail).
    expect(await banner.textContent()).toBe('处理暂停：后台处理服务未在运行，暂时无法受理与办理，已提交的申请与决定将在恢复后处理；如长时间未恢复，请联系系统管理员');
    expect(await banner.getAttribute('data-causes')).toBe('worker');
    await shot(boss, 'processing-paused');
    // The public pages carry it too.
    await boss.goto(`${stack.urls.api}/console/#/verify`);
    await banner.waitFor({ state: 'visible', timeout: 10_000 });

    // The supervisor restarts the worker (after 25 s here); the banner goes by itself.
    await banner.waitFor({ state: 'hidden', timeout: 90_000 });
  }, 180_000);
});
