/// <reference lib="dom" />
import { Browser, Page } from 'playwright-core';
import { as, supervisor, tokenFor } from '../support/actors';
import { api, departments } from '../support/http';
import { daysAgo } from '../support/reward-products';
import { DEMO_USERS } from '../../libs/auth/demo-users';
import { claim, confirm, consoleAs, decide, errorBeside, field, fromInbox, go, launch, newPage, openCase, shot, stepDone, stepPanel, waitForStatus } from './browser';
import { sampleFor } from '../../infra/sample-materials';
import { TALENT_PERMITS_CONTRACT } from '../../libs/processes/talent-permits/talent-permits.contract';

const boss = as(supervisor());

/** The case the applicant's page now shows, from its address. */
const caseIdOf = (url: string) => decodeURIComponent(url.split('#/cases/')[1]);

/** Chooses an option of the antd Select labelled so. */
async function choose(page: Page, label: string, option: string, search = false): Promise<void> {
  // The form item shows the choice once it is taken. A click on an option while its list is still
  // opening was seen not to take (on a loaded machine): then the list is closed and opened again.
  const item = page.locator('.ant-form-item').filter({ has: field(page, label) });
  for (let attempt = 1; ; attempt += 1) {
    await field(page, label).click();
    // A long list (the countries) shows a screenful: its option is found by typing its name.
    if (search) await page.keyboard.type(option);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    const shows = async () => (await item.innerText()).split('\n').includes(option);
    const until = Date.now() + 3000;
    while (!(await shows()) && Date.now() < until) await page.waitForTimeout(100);
    if (await shows()) return;
    if (attempt === 3) throw new Error(`${label}: choosing ${option} did not take (the field shows ${JSON.stringify(await item.innerText())})`);
    await page.keyboard.press('Escape');
  }
}

/** What the API itself answers to a filing, in Chinese: the message the form must show beside the field. */
async function apiMessage(userId: string, process: string, body: unknown, fieldName: string): Promise<string> {
  const user = DEMO_USERS.find((u) => u.userId === userId)!;
  const answer = await api('POST', `/cases/${process}`, body, { authorization: `Bearer ${tokenFor(user)}`, 'idempotency-key': `probe-${Date.now()}`, 'accept-language': 'zh-CN' });
  return answer.body.errors.find((e: { field: string }) => e.field === fieldName).message;
}

describe('each process, through all three roles, by clicking', () => {
  // Each walk is a whole case by hand: a dozen people logging in and deciding, each page long-polled
  // to its next state. About 40 s on a quiet 2-core machine; several times that when it is shared.
  jest.setTimeout(240_000);
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('高新技术企业认定: the API’s error beside its field, then acceptance, correction, a blind expert panel, joint review, 公示, certificate', async () => {
    const applicant = await consoleAs(browser, 'trade-applicant');
    await applicant.getByTestId('new-high-tech').click();
    await field(applicant, '统一社会信用代码').fill('91110105MA02LK8P3X');
    await choose(applicant, '技术领域', '人工智能');
    await applicant.getByTestId('submit').click();
    const error = errorBeside(applicant, '统一社会信用代码');
    await error.waitFor();
    // The message is the API's own (no rule is checked twice), beside its field.
    expect(await error.textContent()).toBe(await apiMessage('trade-applicant', 'high-tech', { creditCode: '91110105MA02LK8P3X', techField: 'artificial-intelligence' }, 'creditCode'));
    await shot(applicant, 'high-tech-1-form-error');

    await field(applicant, '统一社会信用代码').fill('91110105MA02LK8P3N');
    await applicant.getByTestId('submit').click();
    await applicant.waitForURL(/#\/cases\//);
    const caseId = caseIdOf(applicant.url());
    await waitForStatus(applicant, 'acceptance');
    // Why it left the fast path, first thing on the page, each criterion with its reason.
    const why = applicant.getByTestId('off-fast-path');
    await why.waitFor();
    expect(await why.textContent()).toMatch(/未适用报备即批准.*生产研发类企业：企业类型为贸易类/);
    expect(await applicant.getByTestId('criteria-title').textContent()).toBe('报备即批准条件核验（自动比对）');
    await shot(applicant, 'high-tech-2-applicant-filed');

    const zgc = await consoleAs(browser, 'zgc-reviewer');
    await shot(zgc, 'high-tech-3-agency-inbox');
    await fromInbox(zgc, caseId);
    await decide(zgc, '受理', 'accept');
    await stepPanel(zgc, '形式审查');
    await decide(zgc, '形式审查', 'return', '材料不全', ['补充研发项目立项报告']);
    await waitForStatus(zgc, 'awaiting-applicant');

    await waitForStatus(applicant, 'awaiting-applicant');
    const correction = applicant.getByTestId('correction');
    await correction.locator('textarea').first().fill('已上传立项报告');
    await correction.getByRole('button', { name: '提交补正' }).click();
    await confirm(applicant, '提交');
    await waitForStatus(applicant, 'formal-review');

    await waitForStatus(zgc, 'formal-review');
    await decide(zgc, '形式审查', 'approve', '材料齐全');
    await waitForStatus(zgc, 'expert-review');

    // Each expert scores alone: none sees another's score or opinion before the panel closes.
    const panel = (await boss.get(`/cases/${caseId}`)).body.steps.find((s: any) => s.name === '专家评审').panel.members;
    for (const [i, member] of panel.entries()) {
      const expertPage = await consoleAs(browser, member.userId);
      await fromInbox(expertPage, caseId);
      const scoring = await stepPanel(expertPage, '专家评审');
      const text = (await expertPage.textContent('body')) ?? '';
      for (let earlier = 0; earlier < i; earlier += 1) expect(text).not.toContain(`独立意见${earlier + 1}`);
      expect(text).not.toMatch(/\d+ 分，研发投入/);
      await field(scoring, '评分（0–100）').fill(String(80 + i));
      await field(scoring, '评审意见').fill(`研发投入真实，独立意见${i + 1}`);
      await scoring.getByRole('button', { name: '提交评分' }).click();
      await confirm(expertPage, '提交');
      await expertPage.locator('[data-step-panel="专家评审"]').waitFor({ state: 'detached' });
      if (i === 0) await shot(expertPage, 'high-tech-4-expert-scored');
      await expertPage.close();
    }

    for (const [user, step] of [['finance-officer', '联合审查（市财政局）'], ['tax-officer', '联合审查（北京市税务局）']]) {
      const page = await consoleAs(browser, user);
      await fromInbox(page, caseId);
      await decide(page, step, 'approve', '同意');
      await stepDone(page, step);
      await page.close();
    }

    await waitForStatus(applicant, 'certified', 40_000);
    const certificate = await applicant.getByTestId('certificate').textContent();
    const number = /GR\d+/.exec(certificate ?? '')![0];
    await shot(applicant, 'high-tech-5-applicant-certified');

    // Anyone verifies it, typing it in lower case.
    const visitor = await newPage(browser);
    await go(visitor, '/verify');
    await field(visitor, '文号 / 证书编号 / 合规一码通 / 许可编号').fill(number.toLowerCase());
    await visitor.getByRole('button', { name: '查验' }).click();
    await visitor.getByTestId('verify-result').waitFor();
    expect(await visitor.getByTestId('verify-status').getAttribute('data-status')).toBe('valid');
    expect(await visitor.getByTestId('verify-status').textContent()).toBe('有效');
    await shot(visitor, 'high-tech-6-public-verify');

    const supervisorPage = await consoleAs(browser, 'supervisor');
    await openCase(supervisorPage, caseId, 'certified');
    expect(await supervisorPage.getByTestId('timeline').textContent()).toContain(`颁发证书：${number}`);
    await shot(supervisorPage, 'high-tech-7-supervisor-timeline');
  }, 240_000);

  it('即报即审: liaison, a compliance finding confirmed, review, subsidies with the limit shown beside the amount', async () => {
    const applicant = await consoleAs(browser, 'unicorn-applicant');
    await applicant.getByTestId('new-listing').click();
    await field(applicant, '企业名称').fill('北京星河智能科技有限公司');
    await choose(applicant, '上市板块', '北京证券交易所');
    await field(applicant, '保荐机构').fill('中信建投证券股份有限公司');
    await choose(applicant, '注册地所在区', '海淀区');
    await applicant.getByTestId('submit').click();
    await applicant.waitForURL(/#\/cases\//);
    const caseId = caseIdOf(applicant.url());
    await waitForStatus(applicant, 'in-review');

    const regulator = await consoleAs(browser, 'regulator-officer');
    await fromInbox(regulator, caseId);
    const liaison = await claim(regulator, '专人对接');
    await field(liaison, '对接专员姓名').fill('钱处长');
    await field(liaison, '联系电话').fill('010-55550001');
    await liaison.getByRole('button', { name: '指定专人' }).click();
    await confirm(regulator);
    await stepDone(regulator, '专人对接');

    const ecology = await consoleAs(browser, 'ecology-officer');
    await fromInbox(ecology, caseId);
    await decide(ecology, '合规核查（市生态环境局）', 'confirm', '处罚已执行，已整改完毕');
    await stepDone(ecology, '合规核查（市生态环境局）');

    await applicant.getByTestId('liaison').waitFor();
    await applicant.getByTestId('compliance-code').waitFor({ timeout: 30_000 });
    expect(await applicant.getByTestId('compliance-code').textContent()).toMatch(/\S/);
    const [download] = await Promise.all([applicant.waitForEvent('download'), applicant.getByTestId('bundle').click()]);
    // 一键下载: one PDF, saved under its Chinese name (title and 文号 of 市政务服务中心).
    expect(download.suggestedFilename()).toMatch(/^企业上市合规证明（合规一码通）（京政服〔\d{4}〕\d+号）\.pdf$/);
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
    const subsidy = await claim(finance, '市级上市补贴');
    // The ceiling in force is shown beside the amount, and the API's refusal beside it too.
    expect(await subsidy.textContent()).toContain('市级补贴最高 3,000,000 元');
    await field(subsidy, '补贴金额（元）').fill('3000001');
    await subsidy.getByRole('button', { name: '拨付补贴' }).click();
    await confirm(finance);
    await errorBeside(finance, '补贴金额（元）').or(subsidy.getByTestId('form-error')).first().waitFor();
    expect(await subsidy.textContent()).toContain('3,000,000');
    await shot(finance, 'listing-2-agency-subsidy-limit');
    await field(subsidy, '补贴金额（元）').fill('3000000');
    await subsidy.getByRole('button', { name: '拨付补贴' }).click();
    await confirm(finance);
    await stepDone(finance, '市级上市补贴');

    const district = await consoleAs(browser, 'district-officer');
    await fromInbox(district, caseId);
    const own = await claim(district, '区级上市补贴（海淀区）');
    await field(own, '补贴金额（元）').fill('3500000');
    await own.getByRole('button', { name: '拨付补贴' }).click();
    await confirm(district);
    await waitForStatus(applicant, 'completed');
    await shot(applicant, 'listing-3-applicant-completed');

    const supervisorPage = await consoleAs(browser, 'supervisor');
    await openCase(supervisorPage, caseId, 'completed');
    expect(await supervisorPage.getByTestId('timeline').textContent()).toContain('审核通过，登记发行');
  }, 240_000);

  it('两证联办: one form, parallel review, both permits; the supervisor sees the passport masked', async () => {
    const employer = await consoleAs(browser, 'chip-applicant');
    await employer.getByTestId('new-talent-permits').click();
    const fill = async (label: string, value: string) => field(employer, label).fill(value);
    await fill('用人单位名称', '北京芯算科技有限公司');
    await fill('外籍人才姓名', 'Anna Schmidt');
    await fill('护照号码', 'C4-XK29T71');
    await choose(employer, '国籍', '德国', true);
    await fill('出生日期', '1988-04-02');
    await employer.keyboard.press('Tab');
    await fill('护照有效期至', '2034-06-30');
    await employer.keyboard.press('Tab');
    await choose(employer, '最高学位', '博士');
    await fill('拟任职位', '首席算法科学家');
    await fill('年薪（元）', '1200000');
    await choose(employer, '人才类别', 'A类 外国高端人才');
    await employer.getByTestId('submit').click();
    await errorBeside(employer, '护照号码').waitFor();
    await shot(employer, 'talent-1-form-error');
    await fill('护照号码', 'C4XK29T71');
    // Without its materials the filing is refused, naming them beside the upload controls.
    await employer.getByTestId('submit').click();
    // Once seen to time out in a fresh clone: on failure, say what the form showed instead (and keep its picture).
    await employer
      .locator('.field-materials .ant-form-item-explain-error')
      .waitFor()
      .catch(async (error: Error) => {
        await shot(employer, 'talent-1-materials-error-missing');
        const shown = await employer.locator('.ant-form-item-explain-error, [role=alert]').allInnerTexts();
        throw new Error(`${error.message}\nthe form showed instead: ${JSON.stringify(shown)}`);
      });
    // Each material uploaded as it is chosen: a PDF, and a PNG for the photo (their types judged by
    // content). Chosen one after another without waiting, as a quick hand would: the uploads run at
    // once, and each must stay on the list when another finishes beside it.
    for (const m of TALENT_PERMITS_CONTRACT.materials ?? []) {
      const file = sampleFor(m);
      await employer.getByTestId(`material-${m.kind}`).locator('input[type=file]').setInputFiles({ name: file.name, mimeType: file.type, buffer: file.bytes });
    }
    for (const m of TALENT_PERMITS_CONTRACT.materials ?? []) await employer.getByTestId(`material-${m.kind}`).locator('.material-file').waitFor();
    // The refusal beside the materials goes once they are there: it no longer says what is fixed.
    await employer.locator('.field-materials .ant-form-item-explain-error').waitFor({ state: 'detached' });
    await shot(employer, 'talent-1-materials');
    await employer.getByTestId('submit').click();
    await employer.waitForURL(/#\/cases\//);
    const caseId = caseIdOf(employer.url());

    const talentBureau = await consoleAs(browser, 'talent-officer');
    await fromInbox(talentBureau, caseId);
    // The official sees every material filed, with its SHA-256, and downloads one (the API audits it).
    const materials = TALENT_PERMITS_CONTRACT.materials ?? [];
    await talentBureau.locator('[data-testid=materials] [data-material]').nth(materials.length - 1).waitFor();
    expect(await talentBureau.locator('[data-testid=materials] [data-material]').count()).toBe(materials.length);
    const [file] = await Promise.all([talentBureau.waitForEvent('download'), talentBureau.getByRole('button', { name: `下载 ${sampleFor(materials[0]).name}` }).click()]);
    expect(file.suggestedFilename()).toBe(sampleFor(materials[0]).name);
    await shot(talentBureau, 'talent-2-materials-seen-by-official');
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
  }, 240_000);
  it('专精特新企业国际注册奖励: declarations typed as a list, data sharing borne out, 审核, 公示, payment and the reward decision', async () => {
    // 市经信局's roster, 市药监局's licence and 北京海关's declarations for a product of the demo
    // enterprise, named afresh each run (one open case per product).
    const applicantUser = DEMO_USERS.find((u) => u.userId === 'pharma-applicant')!;
    const creditCode = applicantUser.applicantId!;
    const product = `注射用康华单抗${Date.now() % 100000}`;
    const year = Number(daysAgo(0).slice(0, 4));
    const put = async (path: string, body: unknown) => expect((await departments('PUT', path, body)).status).toBe(200);
    await put(`/economy-it/specialized-enterprises/${creditCode}/national-little-giant`, { name: '北京康华生物医药有限公司', listYear: year - 1, validUntil: `${year + 2}-06-30` });
    await put(`/medical-products/production-licences/${creditCode}/${encodeURIComponent(product)}`, { licenceNumber: '京T2021000123', productType: 'drug', issuedOn: '2021-03-01', validUntil: `${year + 3}-02-28`, status: 'valid' });
    const declarations = [`0100${Date.now()}`.slice(0, 18).padEnd(18, '7'), `0200${Date.now()}`.slice(0, 18).padEnd(18, '3')];
    for (const [i, number] of declarations.entries()) {
      await put(`/customs/export-declarations/${number}`, { creditCode, productName: product, market: 'US', declaredOn: daysAgo(200 - 90 * i), amountYuan: 1_250_000 });
    }

    const pharma = await consoleAs(browser, 'pharma-applicant');
    await pharma.getByTestId('new-specialized-rewards').click();
    await field(pharma, '企业名称').fill('北京康华生物医药有限公司');
    await field(pharma, '产品名称').fill(product);
    await choose(pharma, '产品类别', '药品');
    await choose(pharma, '注册机构', '美国食品药品监督管理局（FDA）');
    await field(pharma, '注册证号').fill('BLA 761345');
    await field(pharma, '注册日期').fill(daysAgo(300));
    await pharma.keyboard.press('Tab');
    // A list field takes one number after another; a malformed one is refused beside the field.
    await field(pharma, '出口报关单号').fill('12345');
    await pharma.keyboard.press('Enter');
    await pharma.getByTestId('submit').click();
    await errorBeside(pharma, '出口报关单号').waitFor();
    expect(await errorBeside(pharma, '出口报关单号').textContent()).toContain('18 位数字的报关单号');
    await shot(pharma, 'rewards-1-form-error');
    await pharma.locator('.field-exportDeclarations .ant-select-selection-item-remove').first().click();
    for (const number of declarations) {
      await field(pharma, '出口报关单号').fill(number);
      await pharma.keyboard.press('Enter');
    }
    await pharma.getByTestId('submit').click();
    await pharma.waitForURL(/#\/cases\//);
    const caseId = caseIdOf(pharma.url());

    const economyIt = await consoleAs(browser, 'economy-it-officer');
    await fromInbox(economyIt, caseId);
    await decide(economyIt, '审核', 'approve', '注册、生产与出口均经核实，符合第12项奖励条件');
    await stepDone(economyIt, '审核');
    await shot(economyIt, 'rewards-2-economy-it-approved');

    // 公示 runs 6 s on the test stack, then 市财政局 pays and the decision is published.
    await openCase(pharma, caseId, 'rewarded', 90_000);
    // The notices load beside the case: wait for the decision to be listed.
    await pharma.waitForFunction(() => document.querySelector('[data-testid=notices]')?.textContent?.includes('奖励决定书'), undefined, { timeout: 30_000 });
    const notices = await pharma.getByTestId('notices').textContent();
    expect(notices).toContain('专精特新企业国际注册奖励决定书');
    expect(notices).toContain('专精特新企业国际注册奖励公示');
    // The departments' records in its own words: no key, no value code, no other process's label.
    const shared = await pharma.getByTestId('shared-data').innerText();
    for (const words of ['名单级别：国家级专精特新"小巨人"企业', '许可状态', '有效', '产品类别', '药品', '出口市场', '美国', '出口金额合计（元）', '报关金额（元）', '首笔出口日期']) expect(shared).toContain(words);
    for (const wrong of ['roster.', 'licence.', 'exportSales.', 'national-little-giant', '全部研究开发费用', '补贴金额']) expect(shared).not.toContain(wrong);
    // Each criterion named, under a title of its own process's.
    expect(await pharma.getByTestId('criteria-title').textContent()).toBe('奖励条件核验（自动比对）');
    const criteria = await pharma.locator('.ant-table-row').filter({ has: pharma.locator('[data-passed]') }).evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));
    expect(criteria).toHaveLength(5);
    expect(criteria.filter((name) => !/[\u4e00-\u9fff]/.test(name))).toEqual([]);
    // The conclusion says how much.
    expect(await pharma.getByTestId('conclusion').textContent()).toMatch(/^全额奖励（\d{4}年度，核定奖励 [\d,]+ 元）$/);
    // The timeline says who received what from whom.
    const lines = await pharma.locator('[data-testid=timeline] .timeline-entry').allInnerTexts();
    expect(lines.some((l) => /系统 收到北京海关共享数据：出口至美国的报关记录/.test(l))).toBe(true);
    await shot(pharma, 'rewards-3-rewarded');
  }, 240_000);
});
