/// <reference lib="dom" />
import { Browser } from 'playwright-core';
import { as, supervisor } from '../support/actors';
import { consoleAs, decide, fromInbox, inStep, launch, openCase, shot, stepDone } from './browser';

const boss = as(supervisor());

/** The case the applicant's page now shows, from its address. */
const caseIdOf = (url: string) => decodeURIComponent(url.split('#/cases/')[1]);

describe('each process, through all three roles, by clicking', () => {
  // Each walk is a whole case by hand: a dozen people logging in and deciding, each page long-polled
  // to its next state. About 40 s on a quiet 2-core machine; several times that when it is shared.
  jest.setTimeout(240_000);
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('高新技术企业认定: a form error beside its field, then acceptance, correction, experts, joint review, 公示, certificate', async () => {
    const applicant = await consoleAs(browser, 'trade-applicant');
    await applicant.getByTestId('new-high-tech').click();
    await applicant.fill('[data-field=creditCode]', '91110105MA02LK8P3X');
    await applicant.getByTestId('submit').click();
    const error = applicant.locator('[data-error-for=creditCode]');
    await error.waitFor();
    expect(await error.textContent()).toContain('校验位');
    // The message sits right after its own field.
    expect(await applicant.locator('[data-field=creditCode] + .field-error').count()).toBe(1);
    await shot(applicant, 'high-tech-1-form-error');

    await applicant.fill('[data-field=creditCode]', '91110105MA02LK8P3N');
    await applicant.selectOption('[data-field=techField]', 'artificial-intelligence');
    await applicant.getByTestId('submit').click();
    await applicant.waitForURL(/#\/cases\//);
    const caseId = caseIdOf(applicant.url());
    await openCase(applicant, caseId, 'acceptance');
    expect(await applicant.locator('td.failed').count()).toBeGreaterThan(0);
    await shot(applicant, 'high-tech-2-applicant-filed');

    const zgc = await consoleAs(browser, 'zgc-reviewer');
    await shot(zgc, 'high-tech-3-agency-inbox');
    await fromInbox(zgc, caseId);
    await decide(zgc, '受理', 'accept');
    await inStep(zgc, '形式审查');
    await decide(zgc, '形式审查', 'return', '材料不全', ['补充研发项目立项报告']);
    await openCase(zgc, caseId, 'awaiting-applicant');

    await openCase(applicant, caseId, 'awaiting-applicant');
    await applicant.getByTestId('correction').locator('input').first().fill('已上传立项报告');
    await applicant.getByTestId('correction').getByRole('button', { name: '提交补正' }).click();
    await openCase(applicant, caseId, 'formal-review');

    await openCase(zgc, caseId, 'formal-review');
    await decide(zgc, '形式审查', 'approve', '材料齐全');
    await openCase(zgc, caseId, 'expert-review');

    const panel = (await boss.get(`/cases/${caseId}`)).body.steps.find((s: any) => s.name === '专家评审').panel.members;
    for (const member of panel) {
      const expertPage = await consoleAs(browser, member.userId);
      await fromInbox(expertPage, caseId);
      const row = await inStep(expertPage, '专家评审');
      await row.locator('input[name=score]').fill('85');
      await row.locator('input[name=opinion]').fill('研发投入真实');
      await row.getByRole('button', { name: '提交评分' }).click();
      await expertPage.waitForFunction(() => !document.querySelector('input[name=score]'));
      await expertPage.close();
    }

    for (const [user, step] of [['finance-officer', '联合审查（市财政局）'], ['tax-officer', '联合审查（北京市税务局）']]) {
      const page = await consoleAs(browser, user);
      await fromInbox(page, caseId);
      await decide(page, step, 'approve', '同意');
      await stepDone(page, step);
      await page.close();
    }

    await openCase(applicant, caseId, 'certified', 40_000);
    const certificate = await applicant.getByTestId('certificate').textContent();
    const number = /GR\d+/.exec(certificate ?? '')![0];
    await shot(applicant, 'high-tech-4-applicant-certified');

    const visitor = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await visitor.goto(`${process.env.API_URL}/console/#/verify`);
    await visitor.fill('[data-field=code]', number);
    await visitor.getByRole('button', { name: '查验' }).click();
    await visitor.getByTestId('verify-result').waitFor();
    expect(await visitor.getByTestId('verify-status').textContent()).toBe('valid');
    await shot(visitor, 'high-tech-5-public-verify');

    const supervisorPage = await consoleAs(browser, 'supervisor');
    await openCase(supervisorPage, caseId, 'certified');
    expect(await supervisorPage.getByTestId('timeline').textContent()).toContain('certificate-issued');
    await shot(supervisorPage, 'high-tech-6-supervisor-timeline');
  });

  it('即报即审: liaison, a compliance finding confirmed, review, subsidies with the limit shown beside the amount', async () => {
    const applicant = await consoleAs(browser, 'unicorn-applicant');
    await applicant.getByTestId('new-listing').click();
    await applicant.fill('[data-field=enterpriseName]', '北京星河智能科技有限公司');
    await applicant.fill('[data-field=sponsor]', '中信建投证券股份有限公司');
    await applicant.selectOption('[data-field=district]', '海淀区');
    await applicant.getByTestId('submit').click();
    await applicant.waitForURL(/#\/cases\//);
    const caseId = caseIdOf(applicant.url());
    await openCase(applicant, caseId, 'in-review');

    const regulator = await consoleAs(browser, 'regulator-officer');
    await fromInbox(regulator, caseId);
    const liaison = await inStep(regulator, '专人对接');
    await liaison.locator('input[name=name]').fill('钱处长');
    await liaison.locator('input[name=phone]').fill('010-55550001');
    await liaison.getByRole('button', { name: '指定专人' }).click();
    await stepDone(regulator, '专人对接');

    const ecology = await consoleAs(browser, 'ecology-officer');
    await fromInbox(ecology, caseId);
    await decide(ecology, '合规核查（市生态环境局）', 'confirm', '处罚已执行，已整改完毕');
    await stepDone(ecology, '合规核查（市生态环境局）');

    await applicant.getByTestId('liaison').waitFor();
    await applicant.getByTestId('compliance-code').waitFor({ timeout: 30_000 });
    const code = await applicant.getByTestId('compliance-code').textContent();
    const [download] = await Promise.all([applicant.waitForEvent('download'), applicant.getByTestId('bundle').click()]);
    expect(download.suggestedFilename()).toBe(`合规证明-${code}.json`);
    await shot(applicant, 'listing-1-applicant-compliance');

    for (const [user, step] of [['csrc-officer', '辅导验收（北京证监局）'], ['bse-officer', '上市审核（北交所）']]) {
      const page = await consoleAs(browser, user);
      await fromInbox(page, caseId);
      await decide(page, step, 'approve', '通过');
      await stepDone(page, step);
      await page.close();
    }

    const finance = await consoleAs(browser, 'finance-officer');
    await fromInbox(finance, caseId);
    let subsidy = await inStep(finance, '市级上市补贴');
    await subsidy.locator('input[name=amountYuan]').fill('3000001');
    await subsidy.getByRole('button', { name: '拨付补贴' }).click();
    await finance.locator('[data-error-for=_form]').waitFor();
    expect(await finance.locator('[data-error-for=_form]').textContent()).toContain('3000000');
    await shot(finance, 'listing-2-agency-subsidy-limit');
    subsidy = await inStep(finance, '市级上市补贴');
    await subsidy.locator('input[name=amountYuan]').fill('3000000');
    await subsidy.getByRole('button', { name: '拨付补贴' }).click();
    await stepDone(finance, '市级上市补贴');

    const district = await consoleAs(browser, 'district-officer');
    await fromInbox(district, caseId);
    const own = await inStep(district, '区级上市补贴（海淀区）');
    await own.locator('input[name=amountYuan]').fill('3500000');
    await own.getByRole('button', { name: '拨付补贴' }).click();
    await openCase(applicant, caseId, 'completed');
    await shot(applicant, 'listing-3-applicant-completed');

    const supervisorPage = await consoleAs(browser, 'supervisor');
    await openCase(supervisorPage, caseId, 'completed');
    expect(await supervisorPage.getByTestId('timeline').textContent()).toContain('issuance-recorded');
  });

  it('两证联办: one form, parallel review, both permits; the supervisor sees the passport masked', async () => {
    const employer = await consoleAs(browser, 'chip-applicant');
    await employer.getByTestId('new-talent-permits').click();
    const fill = async (field: string, value: string) => employer.fill(`[data-field="${field}"]`, value);
    await fill('employerName', '北京芯算科技有限公司');
    await fill('talent.name', 'Anna Schmidt');
    await fill('talent.passportNumber', 'c4xk29t71');
    await fill('talent.nationality', 'DEU');
    await fill('talent.dateOfBirth', '1988-04-02');
    await fill('talent.passportExpiry', '2034-06-30');
    await fill('talent.position', '首席算法科学家');
    await fill('talent.annualSalaryYuan', '1200000');
    await employer.getByTestId('submit').click();
    await employer.locator('[data-error-for="talent.passportNumber"]').waitFor();
    await shot(employer, 'talent-1-form-error');
    await fill('talent.passportNumber', 'C4XK29T71');
    await employer.getByTestId('submit').click();
    await employer.waitForURL(/#\/cases\//);
    const caseId = caseIdOf(employer.url());

    const talentBureau = await consoleAs(browser, 'talent-officer');
    await fromInbox(talentBureau, caseId);
    await decide(talentBureau, '人才资格预审（市人才局）', 'approve', '外国高端人才（A类）');
    await stepDone(talentBureau, '人才资格预审（市人才局）');

    for (const [user, step] of [['hrss-officer', '来华工作许可审查（市人社局）'], ['police-officer', '居留许可预审（市公安局）']]) {
      const page = await consoleAs(browser, user);
      await fromInbox(page, caseId);
      await decide(page, step, 'approve', '同意');
      await stepDone(page, step);
      await shot(page, `talent-2-${user}`);
      await page.close();
    }

    await openCase(employer, caseId, 'completed');
    expect(await employer.getByTestId('permits').textContent()).toMatch(/WP\d{10}.*RP\d{10}/s);
    expect(await employer.getByTestId('passport').textContent()).toBe('C4XK29T71');
    await shot(employer, 'talent-3-employer-permits');

    const supervisorPage = await consoleAs(browser, 'supervisor');
    await openCase(supervisorPage, caseId, 'completed');
    expect(await supervisorPage.getByTestId('passport').textContent()).toBe('C4****71');
    await shot(supervisorPage, 'talent-4-supervisor-masked');
  });
});
