/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { agencyStaff, applicant, as, supervisor } from '../support/actors';
import { awaitCase, fileHighTech } from '../support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from '../support/enterprises';
import { claim, confirm, consoleAs, consoleWithToken, decide, field, go, launch, shot, stepPanel, waitForStatus, withListsApi } from './browser';

/** A name no other test's enterprise has, to find it by. */
function uniqueName(): string {
  const chars = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川河海松柏梅兰竹菊';
  return `北京${Array.from({ length: 4 }, () => chars[randomInt(chars.length)]).join('')}科技有限公司`;
}

/** An enterprise off the fast path (below designated size), its case filed and waiting at 受理. */
async function caseAtAcceptance(name = uniqueName()) {
  const enterprise = await loadEnterprise(eligibleEnterprise({ name, aboveDesignatedSize: false }));
  const owner = applicant(enterprise.creditCode);
  const { id } = await fileHighTech(applicationFor(enterprise), undefined, as(owner));
  const c = await awaitCase(as(owner), id, (x) => x.status === 'acceptance' && x.steps.length === 1, 'acceptance');
  return { id, owner, enterprise, acceptance: c.steps[0].id as string };
}

/** The same case accepted by 市科委 over the API: 形式审查 open. */
async function caseAtFormalReview(name = uniqueName()) {
  const filed = await caseAtAcceptance(name);
  const zgc = as(agencyStaff('zgc', 'zgc-roles'));
  expect((await zgc.post(`/steps/${filed.acceptance}/decision`, { decision: 'accept' })).status).toBe(200);
  const c = await awaitCase(as(filed.owner), filed.id, (x) => x.status === 'formal-review' && x.steps.some((s: any) => s.name === '形式审查'), 'formal review');
  return { ...filed, review: c.steps.find((s: any) => s.name === '形式审查').id as string };
}

const rowText = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

describe('each role’s daily work', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('an applicant files, answers the correction notice and withdraws with her own reason; withdrawn is said everywhere, with no clock', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise({ name: uniqueName(), aboveDesignatedSize: false }));
    const owner = applicant(enterprise.creditCode);
    const page = await consoleWithToken(browser, owner);
    await page.getByTestId('new-high-tech').click();
    // Her credit code is filled in; she chooses her field and files.
    expect(await field(page, '统一社会信用代码').inputValue()).toBe(enterprise.creditCode);
    await field(page, '技术领域').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '集成电路' }).first().click();
    await page.getByTestId('submit').click();
    await page.waitForURL(/#\/cases\//);
    const id = decodeURIComponent(page.url().split('#/cases/')[1]);
    await waitForStatus(page, 'acceptance');
    expect(await page.getByTestId('off-fast-path').textContent()).toContain('规模以上企业');

    const zgc = as(agencyStaff('zgc', 'zgc-roles'));
    const atAcceptance = await awaitCase(as(owner), id, (c) => c.steps.length === 1, 'acceptance');
    expect((await zgc.post(`/steps/${atAcceptance.steps[0].id}/decision`, { decision: 'accept' })).status).toBe(200);
    const inReview = await awaitCase(as(owner), id, (c) => c.steps.some((s: any) => s.name === '形式审查'), 'formal review');
    const review = inReview.steps.find((s: any) => s.name === '形式审查').id;
    expect((await zgc.post(`/steps/${review}/decision`, { decision: 'return', reason: '材料不全', correctionItems: ['补充研发项目立项报告', '补充审计报告'] })).status).toBe(200);

    // Her page moves by itself; she answers every item at once.
    await waitForStatus(page, 'awaiting-applicant');
    const correction = page.getByTestId('correction');
    expect(await correction.textContent()).toMatch(/补充研发项目立项报告.*补充审计报告/);
    await correction.locator('textarea').nth(0).fill('已上传立项报告');
    await correction.locator('textarea').nth(1).fill('已上传审计报告');
    await correction.getByRole('button', { name: '提交补正' }).click();
    await confirm(page, '提交');
    await waitForStatus(page, 'formal-review');
    await shot(page, 'roles-applicant-1-corrected');

    // She withdraws, in a dialog, with her own reason.
    await page.getByTestId('withdraw').click();
    await field(page, '撤回理由').fill('企业经营计划调整，暂不申请');
    await page.getByTestId('confirm-withdraw').click();
    await waitForStatus(page, 'withdrawn');
    expect(await page.getByTestId('outcome').textContent()).toMatch(/已撤回.*撤回理由：企业经营计划调整，暂不申请/);
    expect(await page.getByTestId('case-clock').count()).toBe(0);
    expect(await page.getByTestId('withdraw').count()).toBe(0);
    expect(await page.getByTestId('timeline').textContent()).toContain('撤回申请');
    await shot(page, 'roles-applicant-2-withdrawn');

    // Her list says so too, with no due date or colour.
    await go(page, '/');
    const row = page.locator(`[data-testid=cases] tr[data-href="#/cases/${encodeURIComponent(id)}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('已撤回');
    expect(await row.locator('.sla').count()).toBe(0);

    // And the agency's page says so.
    const official = await consoleAs(browser, 'zgc-reviewer');
    await go(official, `/cases/${encodeURIComponent(id)}`);
    await waitForStatus(official, 'withdrawn');
    expect(await official.getByTestId('outcome').textContent()).toContain('企业经营计划调整');
    expect(await official.locator('[data-step-panel]').count()).toBe(0);
  }, 240_000);

  withListsApi('two officials of one agency contend for a step: the holder’s claim locks it until released, a supervisor can take it back', async () => {
    const { id } = await caseAtAcceptance();
    const reviewer = await consoleAs(browser, 'zgc-reviewer');
    const director = await consoleAs(browser, 'zgc-director');
    for (const page of [reviewer, director]) await go(page, `/cases/${encodeURIComponent(id)}`);

    await claim(reviewer, '受理');
    // The other official sees who holds it, and cannot decide.
    const held = director.locator('[data-step-panel="受理"] [data-testid=held-by-other]');
    await held.waitFor({ timeout: 30_000 });
    expect(await held.textContent()).toContain('张科员');
    expect(await director.getByTestId('decision-form').count()).toBe(0);
    expect(await rowText(director, 'tr[data-step-row="受理"]')).toContain('张科员');
    await shot(director, 'roles-agency-1-held-by-other');

    // The holder releases it; it is the director's to claim and decide.
    await (await stepPanel(reviewer, '受理')).getByTestId('release').click();
    await director.locator('[data-step-panel="受理"] [data-testid=claim]').waitFor({ timeout: 30_000 });
    await decide(director, '受理', 'accept');
    await stepPanel(director, '形式审查');

    // The director holds 形式审查; the supervisor takes it back, and it is open again for either.
    await claim(director, '形式审查');
    const boss = await consoleAs(browser, 'supervisor');
    await go(boss, `/cases/${encodeURIComponent(id)}`);
    const row = boss.locator('tr[data-step-row="形式审查"]');
    await row.getByTestId('take-back').waitFor({ timeout: 30_000 });
    await row.getByTestId('take-back').click();
    await field(boss, '收回理由').fill('认领人休假');
    await boss.getByTestId('supervise-submit').click();
    await reviewer.locator('[data-step-panel="形式审查"] [data-testid=claim]').waitFor({ timeout: 30_000 });
    // The supervisor's case page refreshes on its own clock: wait for it to show the taking back.
    await boss.waitForFunction(() => document.querySelector('[data-testid=timeline]')?.textContent?.includes('电子监察收回「形式审查」'), undefined, { timeout: 30_000 });
    await shot(reviewer, 'roles-agency-2-taken-back');
  }, 240_000);

  withListsApi('a supervisor finds a case by enterprise name, urges, reassigns to a competent agency, extends and exports, from the lists', async () => {
    const name = uniqueName();
    const { id, review } = await caseAtFormalReview(name);
    const page = await consoleAs(browser, 'supervisor');

    // 案件查询 by the enterprise's name (part of it), the row with its open step.
    await go(page, '/supervision/cases');
    await page.getByTestId('case-search-input').locator('input').fill(name.slice(2, 6));
    await page.getByTestId('case-search-input').locator('input').press('Enter');
    const found = page.locator(`[data-testid=cases] tr[data-href="#/cases/${encodeURIComponent(id)}"]`);
    await found.waitFor({ timeout: 30_000 });
    expect(await found.textContent()).toContain(name);
    await shot(page, 'roles-supervisor-1-search');

    // 督办 from the search list.
    await found.locator('[data-open-step="形式审查"]').getByTestId('urge').click();
    await field(page, '督办意见').fill('请于本周内完成形式审查');
    await page.getByTestId('supervise-submit').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await awaitCase(as(supervisor()), id, (c) => c.steps.find((s: any) => s.id === review)?.urges.length === 1, 'the urge');

    // The open steps' list, filtered to this enterprise: 改派 offers only the departments competent for a review.
    await go(page, `/supervision/steps?q=${encodeURIComponent(name)}`);
    const row = page.locator(`[data-testid=steps] tr[data-step="${review}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('1 次');
    await row.getByTestId('reassign').click();
    await field(page, '改派至').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual(['市财政局', '北京市税务局']);
    await options.filter({ hasText: '市财政局' }).click();
    await field(page, '改派理由').fill('职责调整');
    await page.getByTestId('supervise-submit').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await awaitCase(as(supervisor()), id, (c) => c.steps.find((s: any) => s.id === review)?.agency === 'finance', 'the reassignment');
    await page.locator(`[data-testid=steps] tr[data-step="${review}"]`, { hasText: '市财政局' }).waitFor({ timeout: 30_000 });

    // 延长 from the same list.
    await page.locator(`[data-testid=steps] tr[data-step="${review}"]`).getByTestId('extend').click();
    await field(page, '理由（将告知申请人）').fill('需组织专家论证，经负责人批准延长');
    await page.getByTestId('supervise-submit').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await awaitCase(as(supervisor()), id, (c) => c.timeline.some((e: any) => e.action === 'clock-extended'), 'the extension');
    await shot(page, 'roles-supervisor-2-steps');

    // The list as it stands, exported to Excel, holds the row.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const cells = book.worksheets[0].getSheetValues().flat().map(String).join(' ');
    expect(cells).toContain(name);

    // The case page tells the story in Chinese.
    await go(page, `/cases/${encodeURIComponent(id)}`);
    await waitForStatus(page, 'formal-review');
    expect(await page.getByTestId('timeline').textContent()).toMatch(/督办「形式审查」.*改派.*市科委、中关村管委会改派至市财政局.*延长办理期限/s);
  }, 240_000);
});
