/// <reference lib="dom" />
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { applicant, as } from '../support/actors';
import { awaitCase, fileAndAwaitDecision } from '../support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from '../support/enterprises';
import { eventually } from '../support/http';
import { readPdf } from '../support/pdf';
import { SCREENSHOTS, consoleWithToken, go, launch, newPage, shot } from './browser';

/**
 * The papers in the console: a certificate downloads as its PDF under its Chinese name; its QR
 * code's address opens the public verification page, which answers 真实有效 for the number and
 * for the uploaded file, and 无法核验 for the file with one byte changed; printing the case page
 * prints the case — no navigation, no buttons.
 */
describe('documents in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('downloads a PDF, verifies it by its QR address and by upload, and prints a case page clean', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const certified = await fileAndAwaitDecision(applicationFor(enterprise));
    const owner = applicant(enterprise.creditCode);
    const docs = await eventually('the numbered certificate', async () => {
      const list = (await as(owner).get(`/cases/${certified.id}/notices`)).body as any[];
      return list.find((d) => d.kind === 'certificate' && d.number) ? list : undefined;
    });
    const certificate = docs.find((d) => d.kind === 'certificate');

    const page = await consoleWithToken(browser, owner);
    await go(page, `/cases/${encodeURIComponent(certified.id)}`);
    await page.getByText(certificate.number).first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `下载 ${certificate.title}（PDF）` }).click()]);
    expect(download.suggestedFilename()).toBe(`高新技术企业证书（${certificate.number}）.pdf`);
    const saved = join(SCREENSHOTS, 'documents-certificate.pdf');
    await download.saveAs(saved);
    const pdf = readFileSync(saved);
    const read = await readPdf(pdf);
    expect(read.text).toContain(certificate.number);

    // Printed, the case page is the case: its facts and documents, none of the navigation or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.header').isVisible()).toBe(false);
    expect(await page.locator('button:visible').count()).toBe(0);
    expect(await page.getByTestId('notices').isVisible()).toBe(true);
    // Chromium maps some CJK glyphs to their Kangxi-radical code points (⽚ for 片): NFKC reads them as written.
    const printed = (await readPdf(await page.pdf({ format: 'A4', printBackground: true }))).text.normalize('NFKC');
    expect(printed).toContain(certificate.number);
    expect(printed).toContain(enterprise.name);
    for (const chrome of ['北京市企业服务审批平台', '退出', '下载 PDF']) expect(printed).not.toContain(chrome);
    await page.emulateMedia({ media: 'screen' });

    // The QR code opens the verification page of this document.
    const visitor = await newPage(browser, 'visitor');
    await visitor.goto(read.qrCodes[0]);
    await visitor.locator('[data-testid=verify-document][data-result=genuine]').waitFor({ timeout: 30_000 });
    expect(await visitor.getByTestId('verify-result').textContent()).toContain(enterprise.name);
    await shot(visitor, 'documents-verify-number');

    // The file itself, uploaded: genuine; with one byte changed: unknown.
    await visitor.locator('input[type=file]').setInputFiles(saved);
    await visitor.locator('[data-testid=verify-file-result][data-result=genuine]').waitFor();
    const altered = Buffer.from(pdf);
    altered[Math.floor(altered.length / 2)] ^= 0x01;
    const alteredPath = join(SCREENSHOTS, 'documents-certificate-altered.pdf');
    writeFileSync(alteredPath, altered);
    await visitor.locator('input[type=file]').setInputFiles(alteredPath);
    await visitor.locator('[data-testid=verify-file-result][data-result=unknown]').waitFor();
    expect(await visitor.getByTestId('verify-file-result').textContent()).toContain('无法核验');
    await shot(visitor, 'documents-verify-upload');
    await awaitCase(as(owner), certified.id, () => true);
  });
});
