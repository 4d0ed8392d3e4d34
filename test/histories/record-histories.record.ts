import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { ensureTemporalCli } from '../../infra/temporal-cli';
import { join } from 'node:path';
import { talentApplication } from '../../infra/talent-application';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { provisionalYear } from '../../libs/calendar';
import type { HighTechApplication } from '../../libs/processes/high-tech/high-tech.contract';
import { highTechCertification } from '../../workflows/high-tech.workflow';
import { agencyStaff, applicant, as, expert, supervisor } from '../support/actors';
import { awaitCase, fileHighTech } from '../support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from '../support/enterprises';
import { api, departments, eventually, idempotencyKey, uniqueCreditCode } from '../support/http';
import { loadRewardEnterprise } from '../support/reward-products';
import { rewardLedgerId } from '../../libs/processes/specialized-rewards/ledger.contract';
import { decodeHistoryPayloads } from '../../libs/temporal';
import { testDataConverter, testPayloadCodec } from '../support/workflow-env';
import { uploadTalentMaterials } from '../support/materials';

/**
 * npm run histories:record — plays one complete case of each process through the API on the real
 * stack and saves each workflow's history under test/histories/. The replay test replays them
 * against the current workflow code in every CI run: a change that would break a running case
 * fails there, and must be made with `patched`.
 */
const zgc = as(agencyStaff('zgc', 'zgc-reviewer'));
const step = (c: any, name: string) => c.steps.find((s: any) => s.name === name);
const ok = async (a: Promise<{ status: number; body: any }>) => {
  const r = await a;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/**
 * The history as the Temporal CLI exports it (the JSON the UI and replayers read), with its
 * payloads decrypted: the stack's key is new each run, and a saved history must replay in any
 * later one. The cases are made-up test data, so nothing personal is written to the repository.
 */
async function save(name: string, workflowId: string): Promise<void> {
  const cli = await ensureTemporalCli();
  const json = execFileSync(cli, ['workflow', 'show', '--workflow-id', workflowId, '--address', process.env.TEMPORAL_ADDRESS!, '--output', 'json'], { maxBuffer: 64 << 20 }).toString();
  const history = await decodeHistoryPayloads(historyFromJSON(JSON.parse(json)), testPayloadCodec());
  writeFileSync(join(__dirname, `${name}.json`), JSON.stringify({ workflowId, history: JSON.parse(historyToJSON(history)) }));
}

it('records a high-tech fast-path case', async () => {
  const enterprise = await loadEnterprise(eligibleEnterprise());
  const me = as(applicant(enterprise.creditCode));
  const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
  await awaitCase(me, id, (c) => c.status === 'certified' && c.timeline.filter((e: any) => e.action === 'notified').length === 2, 'certification');
  await save('high-tech-fast-path', id);
});

it('records a high-tech normal-path case, with a correction, the panel, joint review and 公示', async () => {
  const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
  const me = as(applicant(enterprise.creditCode));
  const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
  let c = await awaitCase(me, id, (x) => x.status === 'acceptance' && x.steps.length === 1, 'acceptance');
  await ok(zgc.post(`/steps/${c.steps[0].id}/decision`, { decision: 'accept' }));
  c = await awaitCase(me, id, (x) => step(x, '形式审查'), 'formal review');
  await ok(zgc.post(`/steps/${step(c, '形式审查').id}/decision`, { decision: 'return', reason: '材料不全', correctionItems: ['补充立项报告'] }));
  await awaitCase(me, id, (x) => x.status === 'awaiting-applicant', 'the notice');
  await ok(me.post(`/cases/${id}/corrections`, { responses: [{ item: '补充立项报告', response: '已补充' }] }));
  c = await awaitCase(me, id, (x) => step(x, '形式审查')?.round === 2, 'the reopened review');
  await ok(zgc.post(`/steps/${step(c, '形式审查').id}/decision`, { decision: 'approve' }));
  c = await awaitCase(me, id, (x) => step(x, '专家评审')?.panel, 'the panel');
  for (const m of step(c, '专家评审').panel.members) await ok(as(expert(m.userId, m.name)).post(`/steps/${step(c, '专家评审').id}/score`, { score: 80, opinion: '同意' }));
  c = await awaitCase(me, id, (x) => x.status === 'joint-review' && x.steps.filter((s: any) => s.name.startsWith('联合审查')).length === 2, 'joint review');
  await ok(as(agencyStaff('finance')).post(`/steps/${step(c, '联合审查（市财政局）').id}/decision`, { decision: 'approve' }));
  await ok(as(agencyStaff('tax')).post(`/steps/${step(c, '联合审查（北京市税务局）').id}/decision`, { decision: 'approve' }));
  await awaitCase(me, id, (x) => x.status === 'certified' && x.timeline.filter((e: any) => e.action === 'notified').length === 2, 'certification', 60_000);
  await save('high-tech-normal-path', id);
});

it('records a listing case with a finding, review, issuance and subsidies', async () => {
  const creditCode = uniqueCreditCode();
  await departments('PUT', `/zgc/unicorns/${creditCode}`, { name: '北京测试独角兽科技有限公司', zhongguancun: true, listedInLibraryOn: '2024-05-10' });
  await departments('PUT', `/ecology/compliance-records/${creditCode}`, { findings: [{ id: 'HB-1', date: '2024-03-12', summary: '废气排放超标' }] });
  const me = as(applicant(creditCode));
  const filed = await ok(me.post('/cases/listing', { creditCode, enterpriseName: '北京测试独角兽科技有限公司', exchange: 'BSE', sponsor: '中信建投证券', district: '海淀区' }, { 'Idempotency-Key': idempotencyKey() }));
  const id = filed.id;
  let c = await awaitCase(me, id, (x) => step(x, '专人对接') && step(x, '合规核查（市生态环境局）') && step(x, '辅导验收（北京证监局）'), 'the parallel start');
  await ok(as(agencyStaff('finance-regulator')).post(`/steps/${step(c, '专人对接').id}/liaison`, { name: '王对接', phone: '010-55550001' }));
  await ok(as(agencyStaff('ecology')).post(`/steps/${step(c, '合规核查（市生态环境局）').id}/decision`, { decision: 'confirm', reason: '已整改' }));
  await ok(as(agencyStaff('csrc')).post(`/steps/${step(c, '辅导验收（北京证监局）').id}/decision`, { decision: 'approve' }));
  c = await awaitCase(me, id, (x) => step(x, '上市审核（北交所）'), 'the exchange review');
  await ok(as(agencyStaff('bse')).post(`/steps/${step(c, '上市审核（北交所）').id}/decision`, { decision: 'approve' }));
  c = await awaitCase(me, id, (x) => step(x, '市级上市补贴'), 'the municipal subsidy');
  await ok(as(agencyStaff('finance')).post(`/steps/${step(c, '市级上市补贴').id}/subsidy`, { amountYuan: 3_000_000 }));
  c = await awaitCase(me, id, (x) => step(x, '区级上市补贴（海淀区）'), 'the district subsidy');
  await ok(as(agencyStaff('district')).post(`/steps/${step(c, '区级上市补贴（海淀区）').id}/subsidy`, { amountYuan: 3_000_000 }));
  await awaitCase(me, id, (x) => x.status === 'completed', 'completion');
  await save('listing', id);
});

it('records a 两证联办 case with one consolidated correction and the housing branch', async () => {
  const employer = await loadEnterprise(eligibleEnterprise());
  const me = as(applicant(employer.creditCode));
  const application = { ...talentApplication(employer, { position: '首席科学家' }, { workResidencePermit: false, talentHousing: true }), materials: await uploadTalentMaterials(me) };
  const { id } = await ok(me.post('/cases/talent-permits', application, { 'Idempotency-Key': idempotencyKey() }));
  let c = await awaitCase(me, id, (x) => step(x, '人才资格预审（市人才局）'), 'the pre-review');
  await ok(as(agencyStaff('talent-bureau')).post(`/steps/${step(c, '人才资格预审（市人才局）').id}/decision`, { decision: 'approve' }));
  c = await awaitCase(me, id, (x) => step(x, '来华工作许可审查（市人社局）') && step(x, '居留许可预审（市公安局）'), 'the parallel review');
  await ok(as(agencyStaff('hr-social-security')).post(`/steps/${step(c, '来华工作许可审查（市人社局）').id}/decision`, { decision: 'return', reason: '缺材料', correctionItems: ['学位认证'] }));
  await ok(as(agencyStaff('public-security')).post(`/steps/${step(c, '居留许可预审（市公安局）').id}/decision`, { decision: 'return', reason: '缺材料', correctionItems: ['住宿登记'] }));
  await awaitCase(me, id, (x) => x.status === 'awaiting-applicant', 'the notice');
  const notice = ((await me.get(`/cases/${id}/notices`)).body as any[]).find((d) => d.kind === 'correction-notice');
  await ok(me.post(`/cases/${id}/corrections`, { responses: notice.body.items.map((item: string) => ({ item, response: '已补充' })) }));
  c = await awaitCase(me, id, (x) => step(x, '来华工作许可审查（市人社局）').round === 2 && step(x, '居留许可预审（市公安局）').round === 2, 'the reopened review');
  await ok(as(agencyStaff('hr-social-security')).post(`/steps/${step(c, '来华工作许可审查（市人社局）').id}/decision`, { decision: 'approve' }));
  await ok(as(agencyStaff('public-security')).post(`/steps/${step(c, '居留许可预审（市公安局）').id}/decision`, { decision: 'approve' }));
  c = await awaitCase(me, id, (x) => x.status === 'permits-issued', 'the permits');
  const housing = await eventually('the housing step', async () => c.steps.find((s: any) => s.agency === 'housing'));
  await ok(as(agencyStaff('housing')).post(`/steps/${housing.id}/decision`, { decision: 'approve', reason: '永丰基地' }));
  await awaitCase(me, id, (x) => x.status === 'completed', 'completion');
  await save('talent-permits', id);
});

it('records a 专精特新 reward case with a correction at 审核, the ledger\'s grant, an objection during 公示 and the payment', async () => {
  const economyIt = as(agencyStaff('economy-it'));
  const { creditCode, applications } = await loadRewardEnterprise([{ name: '回放测试单抗' }]);
  const me = as(applicant(creditCode));
  const { id } = await ok(me.post('/cases/specialized-rewards', applications[0], { 'Idempotency-Key': idempotencyKey() }));
  let c = await awaitCase(me, id, (x) => step(x, '审核')?.status === 'open', 'the review');
  await ok(economyIt.post(`/steps/${step(c, '审核').id}/decision`, { decision: 'return', reason: '材料不全', correctionItems: ['补充FDA注册证书译本'] }));
  await awaitCase(me, id, (x) => x.status === 'awaiting-applicant', 'the notice');
  await ok(me.post(`/cases/${id}/corrections`, { responses: [{ item: '补充FDA注册证书译本', response: '已补充' }] }));
  c = await awaitCase(me, id, (x) => step(x, '审核')?.round === 2 && step(x, '审核').status !== 'waiting-applicant', 'the reopened review');
  await ok(economyIt.post(`/steps/${step(c, '审核').id}/decision`, { decision: 'approve' }));
  await awaitCase(me, id, (x) => x.status === 'public-notice', '公示');
  await ok(api('POST', `/public-notices/${id}/objections`, { name: '王五', contact: '13700000000', reason: '销售记录存疑' }));
  c = await awaitCase(me, id, (x) => step(x, '异议核查'), 'the objection review');
  await ok(economyIt.post(`/steps/${step(c, '异议核查').id}/decision`, { decision: 'approve', reason: '经核查，销售记录属实' }));
  const rewarded = await awaitCase(me, id, (x) => x.status === 'rewarded' && x.artefacts.length === 1, 'the reward');
  await save('specialized-rewards', id);
  // The enterprise's yearly ledger, still running (it closes at the year's end): the reservation and its commit.
  await save('specialized-rewards-ledger', rewardLedgerId(creditCode, rewarded.details.grant.year));
});

it('records a high-tech case whose 受理 clock crosses next year while that year is loaded', async () => {
  const boss = as(supervisor());
  const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
  const me = as(applicant(enterprise.creditCode));
  const officialYears = ((await boss.get('/calendar/years')).body as any[]).map(({ year, version, title, documentNumber, holidays, makeUpWorkdays }) => ({ year, version, title, documentNumber, holidays, makeUpWorkdays }));
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  try {
    // Started as the API would, but with a 受理 window of 500 working days, so the clock runs through next year.
    const handle = await new Client({ connection, dataConverter: testDataConverter() }).workflow.start(highTechCertification, {
      taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'approvals',
      workflowId: `high-tech-calendar-${randomUUID()}`,
      args: [{ application: applicationFor(enterprise) as HighTechApplication, options: { acceptanceWindowDays: 500 }, calendar: { officialYears } }],
    });
    const id = handle.workflowId;
    const c = await awaitCase(me, id, (x) => x.projected && x.steps.length === 1, 'the 受理 step');
    await ok(boss.post(`/cases/${id}/extensions`, { clockId: c.steps[0].id, days: 10, reason: '需组织现场核查' }));
    const nextYear = Number(c.filedAt.slice(0, 4)) + 1;
    const december = [1, 2, 3, 4, 5, 6, 7].map((d) => `${nextYear}-12-0${d}`).find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1)!;
    await ok(
      boss.put(`/calendar/years/${nextYear}`, {
        title: `测试用${nextYear}年节假日安排（非真实通知）`,
        holidays: [...provisionalYear(nextYear).holidays, { name: '测试假日', from: december, to: december }],
        makeUpWorkdays: [],
      }),
    );
    await awaitCase(me, id, (x) => x.timeline.some((e: any) => e.action === 'due-date-moved'), 'the moved due date');
    await ok(me.post(`/cases/${id}/withdraw`, { reason: '暂不申请' }));
    await handle.result();
    await save('high-tech-calendar-load', id);
  } finally {
    await connection.close();
  }
});
