import { DemoClient, DemoUser, beijingTime, fileAnew, say, until } from './demo-client';

const UNICORN = '91110108MA03UN1C8W';
const step = (c: any, name: string) => c.steps.find((s: any) => s.name === name);
const RESULT: Record<string, string> = { clean: '无违法违规', confirmed: '有处罚记录（已核实）', cleared: '经核查已消除', 'under-review': '核查中', pending: '待答复' };

async function caseOf(user: DemoUser, id: string, ready: (c: any) => boolean, what: string): Promise<any> {
  return until(what, async () => {
    const c = await user.get(`/cases/${id}`);
    return ready(c) ? c : undefined;
  });
}

/**
 * 即报即审 as the roles play it: a unicorn files; 市金融监管局 names a liaison; 市政务服务中心's
 * twelve compliance queries come back (one finding, confirmed by its department); the report is
 * downloaded and verified by its code; 证监局 and 北交所 approve and issuance is recorded at once;
 * 市财政局 and the district grant their subsidies within the limits.
 */
export async function demo(client: DemoClient): Promise<void> {
  const [me, regulator, ecology, csrc, bse, finance, district] = await Promise.all(
    ['unicorn-applicant', 'regulator-officer', 'ecology-officer', 'csrc-officer', 'bse-officer', 'finance-officer', 'district-officer'].map((u) => client.login(u)),
  );
  const filing = await fileAnew(
    me,
    '/cases/listing',
    { creditCode: UNICORN, enterpriseName: '北京星河智能科技有限公司', exchange: 'BSE', sponsor: '中信建投证券股份有限公司', district: '海淀区' },
    `demo-${Date.now().toString(36)}`,
  );
  if (!('filed' in filing)) throw new Error('a listing filing is never refused for a certificate');
  const { filed } = filing;
  say(me.name, `申请北交所上市即报即审 → 案件 ${filed.id}`);

  let c = await caseOf(me, filed.id, (x) => step(x, '专人对接'), 'the liaison step');
  say('市科委', `在独角兽企业服务库中（中关村企业：${c.details.unicorn.zhongguancun ? '是' : '否'}）`);
  await regulator.post(`/steps/${step(c, '专人对接').id}/liaison`, { name: '钱处长', phone: '010-55550001' });
  say(regulator.name, '专人对接：钱处长 010-55550001');

  c = await caseOf(me, filed.id, (x) => x.details?.compliance.every((e: any) => e.status !== 'pending'), 'the twelve compliance answers');
  for (const e of c.details.compliance) say(`  ${e.departmentName}`, RESULT[e.status] ?? e.status);
  const finding = c.details.compliance.find((e: any) => e.status === 'under-review');
  if (finding) {
    await ecology.post(`/steps/${finding.stepId}/decision`, { decision: 'confirm', reason: '处罚已执行，已整改完毕' });
    say(ecology.name, `核实：${finding.findings[0].summary}（处罚已执行，已整改完毕）`);
  }
  c = await caseOf(me, filed.id, (x) => x.details?.report, 'the compliance report');
  const bundle = await me.get(`/cases/${filed.id}/compliance-bundle`);
  say(me.name, `一键下载合规证明：${bundle.results.length} 个部门，合规一码通 ${bundle.code}`);
  const verified = await client.call('GET', `/verify/compliance/${bundle.code}`);
  say('第三方核验', `${verified.code}：${verified.enterpriseName}，出具于 ${beijingTime(verified.issuedAt)}，状态 ${verified.status}`);

  await csrc.post(`/steps/${step(c, '辅导验收（北京证监局）').id}/decision`, { decision: 'approve', reason: '辅导验收通过' });
  say(csrc.name, '辅导验收通过');
  c = await caseOf(me, filed.id, (x) => step(x, '上市审核（北交所）'), 'the exchange review');
  await bse.post(`/steps/${step(c, '上市审核（北交所）').id}/decision`, { decision: 'approve', reason: '审核通过' });
  say(bse.name, '上市审核通过');
  c = await caseOf(me, filed.id, (x) => x.status === 'listed' && step(x, '市级上市补贴'), 'issuance');
  say('系统', '审过即发：发行注册即时记录');
  if (c.details.unicorn.zhongguancun) say('北京市税务局', '已标记股权激励递延纳税（中关村企业）');

  const municipal = step(c, '市级上市补贴');
  try {
    await finance.post(`/steps/${municipal.id}/subsidy`, { amountYuan: 3_000_001 });
  } catch (error) {
    const answer = (error as Error).message.replace(/^[^{]*/, '');
    say(finance.name, `3,000,001 元被拒（400）：${JSON.parse(answer).message}`);
  }
  await finance.post(`/steps/${municipal.id}/subsidy`, { amountYuan: 3_000_000 });
  say(finance.name, '市级上市补贴 3,000,000 元');
  c = await caseOf(me, filed.id, (x) => step(x, '区级上市补贴（海淀区）'), 'the district subsidy step');
  await district.post(`/steps/${step(c, '区级上市补贴（海淀区）').id}/subsidy`, { amountYuan: 3_500_000 });
  say(district.name, '区级上市补贴 3,500,000 元（不低于市级）');
  c = await caseOf(me, filed.id, (x) => x.status === 'completed', 'completion');
  console.log(`\nresult: ${c.id} ${c.status}; compliance code ${bundle.code}; subsidies ${c.details.subsidies.map((s: any) => s.amountYuan).join(' + ')} yuan`);
}
