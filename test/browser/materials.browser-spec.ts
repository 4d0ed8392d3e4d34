/// <reference lib="dom" />
import { randomInt } from 'node:crypto';
import { Browser, Locator, Page } from 'playwright-core';
import { DEMO_USERS } from '../../libs/auth/demo-users';
import { decisionMaterials, correctionMaterials } from '../../libs/domain/materials';
import { TALENT_PERMITS_CONTRACT } from '../../libs/processes/talent-permits/talent-permits.contract';
import { sampleFor } from '../../infra/sample-materials';
import { talentApplication } from '../../infra/talent-application';
import { as } from '../support/actors';
import { idempotencyKey } from '../support/http';
import { uploadTalentMaterials } from '../support/materials';
import { DESKTOP, PHONE, accessibilityProblems, claim, confirm, consoleAs, englishOnPage, launch, openCase, shot, waitForStatus } from './browser';

const PRE_REVIEW = '人才资格预审（市人才局）';
const inspection = decisionMaterials().find((m) => m.kind === 'inspection-record')!;
const correction = correctionMaterials(TALENT_PERMITS_CONTRACT).find((m) => m.kind === 'correction-material')!;

/** Chooses a file for the upload control of that material kind, and waits for it to be stored. */
async function attach(scope: Locator, kind: string, file: { name: string; bytes: Buffer; type: string }): Promise<void> {
  const row = scope.getByTestId(`material-${kind}`);
  await row.locator('input[type=file]').setInputFiles({ name: file.name, mimeType: file.type, buffer: file.bytes });
  await row.locator('.material-file', { hasText: file.name }).waitFor();
}

/** The rows of the case's 申请材料与附件 card, each as "source tag | title" text. */
const materialRow = (page: Page, name: string) => page.locator('[data-testid=materials] [data-material]').filter({ hasText: name });

describe('materials with a decision and with a correction answer (附件), by clicking', () => {
  jest.setTimeout(240_000);
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('两证联办: 市人才局 returns the case with a 现场核查记录, the employer answers with 补正材料, the official sees and downloads both', async () => {
    // The filing itself is not what this is about: filed over the API as the demo employer, a passport of its own each run (one open case per passport).
    const employerUser = DEMO_USERS.find((u) => u.userId === 'chip-applicant')!;
    const me = as(employerUser);
    const application = talentApplication({ creditCode: employerUser.applicantId!, name: '北京芯算科技有限公司' }, { passportNumber: `E${randomInt(10_000_000, 100_000_000)}` });
    const filed = await me.post('/cases/talent-permits', { ...application, materials: await uploadTalentMaterials(me) }, { 'Idempotency-Key': idempotencyKey() });
    expect([filed.status, filed.body.message]).toEqual([201, undefined]);
    const caseId: string = filed.body.id;

    // 市人才局 returns it for correction, attaching the on-site inspection record to the decision.
    const official = await consoleAs(browser, 'talent-officer');
    await openCase(official, caseId, 'pre-review');
    const panel = await claim(official, PRE_REVIEW);
    const form = panel.getByTestId('decision-form');
    // No decision chosen yet: no fields of any, the attachments included.
    expect(await form.getByTestId('decision-materials').count()).toBe(0);
    await form.getByText('退回补正', { exact: true }).click();
    await form.locator('textarea').first().fill('需核实用人单位办公场所');
    await form.getByLabel('补正事项 1', { exact: true }).fill('补充提供办公场所租赁合同');
    const record = sampleFor(inspection);
    await attach(form.getByTestId('decision-materials'), inspection.kind, record);
    // Only what the registry lists for decisions: 专家意见, 现场核查记录, 决定附件.
    expect(await form.getByTestId('decision-materials').locator('[data-testid^=material-]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')))).toEqual(
      decisionMaterials().map((m) => `material-${m.kind}`),
    );
    await shot(official, 'materials-1-decision-with-attachment');
    expect(await accessibilityProblems(official)).toEqual([]);
    await form.getByTestId('submit-decision').click();
    const dialog = official.locator('.ant-modal-confirm').last();
    await dialog.waitFor();
    expect(await dialog.getByTestId('confirm-materials').textContent()).toBe(`现场核查记录《${record.name}》`);
    await shot(official, 'materials-2-decision-confirmation');
    await confirm(official);
    await waitForStatus(official, 'awaiting-applicant');

    // The employer answers, with a file; first the API's refusal of a file lands beside the upload control.
    const employer = await consoleAs(browser, 'chip-applicant');
    await openCase(employer, caseId, 'awaiting-applicant');
    // The banner says what was asked and why, not only "补正全部材料".
    const asked = employer.getByTestId('correction-asked');
    await asked.waitFor();
    const askedText = await asked.innerText();
    expect(askedText).toContain(`${PRE_REVIEW}退回理由：需核实用人单位办公场所`);
    expect(askedText).toContain('补充提供办公场所租赁合同');
    const answer = employer.getByTestId('correction');
    await answer.locator('textarea').first().fill('已上传办公场所租赁合同');
    const extra = sampleFor(correction);
    await attach(answer.getByTestId('correction-materials'), correction.kind, extra);
    // A file that is not the employer's (as if the upload were someone else's): the API names it, the form shows it beside the files.
    const stranger = '00000000-0000-4000-8000-000000000000';
    await employer.route((url) => url.pathname.endsWith('/corrections'), (route) =>
      route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), materials: [{ kind: correction.kind, id: stranger }] }) }),
    );
    await answer.getByRole('button', { name: '提交补正' }).click();
    await confirm(employer, '提交');
    const refusal = answer.locator('.field-materials .ant-form-item-explain-error');
    await refusal.waitFor();
    // Named by its position in the list, never by its JSON path or UUID.
    expect(await refusal.textContent()).toBe('第1个附件不存在或不是您上传的，请重新上传');
    expect(await answer.getByTestId('form-error').count()).toBe(0);
    await shot(employer, 'materials-3-correction-refused-beside-files');
    expect(await accessibilityProblems(employer)).toEqual([]);
    // On a phone the upload controls wrap inside the card: nothing scrolls sideways.
    await employer.setViewportSize(PHONE);
    await employer.waitForTimeout(300);
    await shot(employer, 'materials-3-correction-refused-beside-files-390');
    expect(await employer.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
    await employer.setViewportSize(DESKTOP);
    await employer.unrouteAll();

    await answer.getByRole('button', { name: '提交补正' }).click();
    const answerDialog = employer.locator('.ant-modal-confirm').last();
    await answerDialog.waitFor();
    expect(await answerDialog.getByTestId('confirm-materials').textContent()).toBe(`补正材料《${extra.name}》`);
    await confirm(employer, '提交');
    await waitForStatus(employer, 'pre-review');
    await materialRow(employer, extra.name).waitFor();
    await shot(employer, 'materials-4-employer-answered');

    // The official sees both files where they came from, and downloads the applicant's under its own name.
    await waitForStatus(official, 'pre-review');
    const fromDecision = materialRow(official, record.name);
    const fromAnswer = materialRow(official, extra.name);
    await fromAnswer.waitFor();
    expect(await fromDecision.getAttribute('data-source')).toBe('decision');
    expect(await fromDecision.textContent()).toContain(`决定现场核查记录 · ${record.name}随决定上传 · ${PRE_REVIEW} · 退回补正`);
    expect(await fromAnswer.getAttribute('data-source')).toBe('correction');
    expect(await fromAnswer.textContent()).toContain(`补正补正材料 · ${extra.name}随补正提交`);
    // The filing's own materials are still listed, before them.
    const sources = await official.locator('[data-testid=materials] [data-material]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-source')));
    expect(sources).toEqual([...(TALENT_PERMITS_CONTRACT.materials ?? []).map(() => 'filing'), 'decision', 'correction']);
    const [file] = await Promise.all([official.waitForEvent('download'), official.getByRole('button', { name: `下载 ${extra.name}` }).click()]);
    expect(file.suggestedFilename()).toBe(extra.name);
    const [own] = await Promise.all([official.waitForEvent('download'), official.getByRole('button', { name: `下载 ${record.name}` }).click()]);
    expect(own.suggestedFilename()).toBe(record.name);
    // The record of who did what names the files each action brought.
    const lines = await official.locator('[data-testid=timeline] .timeline-entry').allInnerTexts();
    expect(lines.filter((l) => l.includes(`（附件：${record.name}）`) || l.includes(`（附件：${extra.name}）`))).toEqual([
      expect.stringContaining(`作出决定「${PRE_REVIEW}」：退回补正`),
      expect.stringContaining('提交补正材料'),
    ]);
    // The downloads scrolled the page: back to the top, or the sticky header lands mid-screenshot.
    await official.evaluate(() => window.scrollTo(0, 0));
    await shot(official, 'materials-5-official-sees-both');
    expect(await englishOnPage(official)).toEqual([]);

    // A supervisor sees the passport masked: its personal documents are listed, not offered for a download the API refuses.
    const boss = await consoleAs(browser, 'supervisor');
    await openCase(boss, caseId, 'pre-review');
    const personal = (TALENT_PERMITS_CONTRACT.materials ?? []).filter((m) => m.personal);
    expect(personal.length).toBeGreaterThan(0);
    for (const m of personal) {
      const row = boss.locator('[data-testid=materials] [data-material]').filter({ hasText: `${m.name} · ` });
      expect(await row.getByTestId('personal-file').textContent()).toBe('个人证件，不予下载');
      expect(await row.getByRole('button', { name: /^下载/ }).count()).toBe(0);
    }
    // Other files stay downloadable to the supervisor.
    expect(await materialRow(boss, record.name).getByRole('button', { name: `下载 ${record.name}` }).count()).toBe(1);
    await boss.evaluate(() => window.scrollTo(0, 0));
    await shot(boss, 'materials-6-supervisor-personal-not-offered');
  }, 240_000);
});
