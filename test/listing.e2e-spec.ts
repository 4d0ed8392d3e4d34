import { COMPLIANCE_DEPARTMENTS } from '../libs/domain';
import { agencyStaff, applicant, as, supervisor } from './support/actors';
import { awaitCase } from './support/cases';
import { api, departments, eventually, http, idempotencyKey, uniqueCreditCode } from './support/http';

const regulator = as(agencyStaff('finance-regulator'));
const csrc = as(agencyStaff('csrc'));
const bse = as(agencyStaff('bse'));
const finance = as(agencyStaff('finance'));
const district = as(agencyStaff('district'));
const ecology = as(agencyStaff('ecology'));

const step = (c: any, name: string) => c.steps.find((s: any) => s.name === name);
const entry = (c: any, department: string) => c.details?.compliance?.find((e: any) => e.department === department);

async function put(path: string, body: unknown) {
  const answer = await departments('PUT', path, body);
  if (answer.status !== 200) throw new Error(`PUT ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** A unicorn in 市科委's library, with the compliance findings given per department. */
async function unicorn(options: { zhongguancun?: boolean; findings?: Record<string, Array<{ id: string; date: string; summary: string }>> } = {}) {
  const creditCode = uniqueCreditCode();
  await put(`/zgc/unicorns/${creditCode}`, { name: '北京测试独角兽科技有限公司', zhongguancun: options.zhongguancun ?? true, listedInLibraryOn: '2024-05-10' });
  for (const [department, findings] of Object.entries(options.findings ?? {})) await put(`/${department}/compliance-records/${creditCode}`, { findings });
  return creditCode;
}

async function fileListing(creditCode: string) {
  const me = as(applicant(creditCode));
  const filed = await me.post(
    '/cases/listing',
    { creditCode, enterpriseName: '北京测试独角兽科技有限公司', exchange: 'BSE', sponsor: '中信建投证券', district: '海淀区' },
    { 'Idempotency-Key': idempotencyKey() },
  );
  expect([filed.status, filed.body.message]).toEqual([201, undefined]);
  return { me, caseId: filed.body.id as string };
}

async function ok(answer: Promise<{ status: number; body: any }>) {
  const a = await answer;
  expect([a.status, a.body?.message]).toEqual([200, undefined]);
  return a.body;
}

describe('即报即审 listing support', () => {
  it('refuses an enterprise that is not in the unicorn library, with the reason', async () => {
    const { me, caseId } = await fileListing(uniqueCreditCode());
    const refused = await awaitCase(me, caseId, (c) => c.status === 'refused', 'the refusal');
    const notice = ((await me.get(`/cases/${caseId}/notices`)).body as any[]).find((d) => d.kind === 'refusal-notice');
    expect(notice.body.reason).toContain('独角兽企业服务库');
    expect(refused.steps).toEqual([]);
  });

  it('runs liaison, twelve compliance queries in parallel, a finding, review and issuance, then the subsidies', async () => {
    const creditCode = await unicorn({ findings: { ecology: [{ id: 'HB-2024-031', date: '2024-03-12', summary: '废气排放超标' }] } });
    // Every department answers 1.5 s late: twelve in a row would take 18 s, in parallel about 1.5 s.
    for (const department of COMPLIANCE_DEPARTMENTS) {
      expect((await departments('POST', '/dev/faults', { department, count: 1, status: 200, delayMs: 1500, creditCode })).status).toBe(204);
    }
    const { me, caseId } = await fileListing(creditCode);

    // 专人对接: the liaison step is in 市金融监管局's inbox; the named liaison shows on the case.
    const liaisonStep = await eventually('the liaison step', async () => ((await regulator.get('/inbox')).body as any[]).find((s) => s.caseId === caseId));
    expect(liaisonStep).toMatchObject({ name: '专人对接', agency: 'finance-regulator' });
    await ok(regulator.post(`/steps/${liaisonStep.id}/liaison`, { name: '王对接', phone: '010-55550001' }));

    const answered = await awaitCase(me, caseId, (c) => c.details?.compliance.every((e: any) => e.status !== 'pending'), 'all twelve answers');
    expect(answered.details.liaison).toMatchObject({ name: '王对接', phone: '010-55550001' });
    const sent = new Date(answered.timeline.find((e: any) => e.action === 'compliance-queries-sent').at).getTime();
    const answers = answered.timeline.filter((e: any) => e.action === 'compliance-answered').map((e: any) => new Date(e.at).getTime() - sent);
    expect(answers).toHaveLength(12);
    expect(Math.min(...answers)).toBeGreaterThanOrEqual(1400); // each waited its 1.5 s …
    expect(Math.max(...answers)).toBeLessThan(6000); // … at the same time, not one after another

    // The ecology bureau's finding is a step for it to confirm or clear.
    expect(entry(answered, 'ecology').status).toBe('under-review');
    const findingStep = await eventually('the finding in the ecology inbox', async () => ((await ecology.get('/inbox')).body as any[]).find((s) => s.caseId === caseId));
    expect((await ecology.post(`/steps/${findingStep.id}/decision`, { decision: 'confirm' })).status).toBe(400);
    await ok(ecology.post(`/steps/${findingStep.id}/decision`, { decision: 'confirm', reason: '已于2024年4月整改完毕，处罚已执行' }));

    // 一键下载 and 合规一码通.
    const withReport = await awaitCase(me, caseId, (c) => c.details?.report, 'the compliance report');
    const download = await http('api', 'GET', `/cases/${caseId}/compliance-bundle`, undefined, { authorization: `Bearer ${(await import('./support/actors')).tokenFor(applicant(creditCode))}` });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(`compliance-${withReport.details.report.code}.json`);
    expect(download.body.results).toHaveLength(12);
    const verified = await api('GET', `/verify/compliance/${withReport.details.report.code}`);
    expect(verified.body).toMatchObject({ status: 'valid', creditCode, issuedAt: withReport.details.report.issuedAt });
    expect(verified.body.results.find((r: any) => r.department === '市生态环境局')).toMatchObject({ result: 'confirmed', conclusion: '已于2024年4月整改完毕，处罚已执行' });
    expect(verified.body.results.filter((r: any) => r.result === 'clean')).toHaveLength(11);

    // 北京证监局 guides, 北交所 reviews; issuance is recorded at once (审过即发).
    const guidance = step(await awaitCase(me, caseId, (c) => step(c, '辅导验收（北京证监局）'), 'guidance'), '辅导验收（北京证监局）');
    await ok(csrc.post(`/steps/${guidance.id}/decision`, { decision: 'approve' }));
    const bseStep = step(await awaitCase(me, caseId, (c) => step(c, '上市审核（北交所）'), 'the exchange review'), '上市审核（北交所）');
    await ok(bse.post(`/steps/${bseStep.id}/decision`, { decision: 'approve' }));
    const listed = await awaitCase(me, caseId, (c) => c.status === 'listed' && step(c, '市级上市补贴'), 'listing');
    const approvedAt = new Date(step(listed, '上市审核（北交所）').decidedAt).getTime();
    const issuedAt = new Date(listed.timeline.find((e: any) => e.action === 'issuance-recorded').at).getTime();
    expect(issuedAt - approvedAt).toBeLessThan(1000);

    // A Zhongguancun enterprise is flagged to the tax bureau.
    await eventually('the tax flag', async () => ((await departments('GET', `/tax/stock-incentive-deferrals/${creditCode}`)).body as any[]).find((f) => f.caseId === caseId));

    // Subsidies: municipal up to 3,000,000; district not below the municipal amount.
    const municipal = step(listed, '市级上市补贴');
    const tooMuch = await finance.post(`/steps/${municipal.id}/subsidy`, { amountYuan: 3_000_001 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.message).toBe('补贴金额（元）不能超过 3,000,000 元（市级上市补贴每家企业最高300万元）');
    // The district has no step on the case yet: to it the case does not exist.
    expect((await district.post(`/steps/${municipal.id}/subsidy`, { amountYuan: 1 })).status).toBe(404);
    await ok(finance.post(`/steps/${municipal.id}/subsidy`, { amountYuan: 3_000_000 }));
    const districtStep = step(await awaitCase(me, caseId, (c) => step(c, '区级上市补贴（海淀区）'), 'the district subsidy'), '区级上市补贴（海淀区）');
    expect((await district.post(`/steps/${districtStep.id}/subsidy`, { amountYuan: 2_999_999 })).status).toBe(400);
    await ok(district.post(`/steps/${districtStep.id}/subsidy`, { amountYuan: 3_000_000 }));
    const done = await awaitCase(me, caseId, (c) => c.status === 'completed', 'completion');
    expect(done.details.subsidies.map((s: any) => [s.level, s.amountYuan])).toEqual([
      ['municipal', 3_000_000],
      ['district', 3_000_000],
    ]);
  });

  it('retries a department that is down without holding the others back, showing it pending meanwhile', async () => {
    const creditCode = await unicorn({ zhongguancun: false });
    expect((await departments('POST', '/dev/faults', { department: 'secrecy', count: 3, status: 503, creditCode })).status).toBe(204);
    const { me, caseId } = await fileListing(creditCode);

    const waiting = await awaitCase(me, caseId, (c) => c.details?.compliance.filter((e: any) => e.status === 'clean').length === 11, 'eleven answers');
    expect(entry(waiting, 'secrecy').status).toBe('pending');
    expect(waiting.details.report).toBeUndefined();

    const recovered = await awaitCase(me, caseId, (c) => c.details?.report, 'the recovery and the report', 30_000);
    expect(entry(recovered, 'secrecy').status).toBe('clean');
    expect(recovered.timeline.filter((e: any) => e.action === 'compliance-answered')).toHaveLength(12);
  });

  it('marks an older report superseded by a newer one, and a withdrawn case’s report revoked', async () => {
    const creditCode = await unicorn({ zhongguancun: false });
    const first = await fileListing(creditCode);
    const firstCase = await awaitCase(first.me, first.caseId, (c) => c.details?.report && step(c, '辅导验收（北京证监局）'), 'the first report');
    const firstCode = firstCase.details.report.code;
    // One listing case at a time: while the first is open a second filing is refused, naming it.
    const meanwhile = await first.me.post('/cases/listing', { creditCode, enterpriseName: '北京测试独角兽科技有限公司', exchange: 'BSE', sponsor: '中信建投证券', district: '海淀区' }, { 'Idempotency-Key': idempotencyKey() });
    expect([meanwhile.status, meanwhile.body.openCase]).toEqual([409, { id: first.caseId }]);
    // 证监局 rejects the first; its report stays valid until a newer one replaces it.
    await ok(csrc.post(`/steps/${step(firstCase, '辅导验收（北京证监局）').id}/decision`, { decision: 'reject', reason: '辅导期未满' }));
    await awaitCase(first.me, first.caseId, (c) => c.status === 'rejected', 'the rejection');
    expect((await api('GET', `/verify/compliance/${firstCode}`)).body.status).toBe('valid');
    const second = await fileListing(creditCode);
    const secondCode = (await awaitCase(second.me, second.caseId, (c) => c.details?.report, 'the second report')).details.report.code;

    expect((await api('GET', `/verify/compliance/${firstCode}`)).body).toMatchObject({ status: 'superseded', supersededBy: secondCode });
    expect((await api('GET', `/verify/compliance/${secondCode}`)).body.status).toBe('valid');

    expect((await second.me.post(`/cases/${second.caseId}/withdraw`, { reason: '推迟上市计划' })).status).toBe(200);
    await eventually('the revocation', async () => ((await api('GET', `/verify/compliance/${secondCode}`)).body.status === 'revoked' ? true : undefined));
    expect((await api('GET', '/verify/compliance/HG0000000000000000')).status).toBe(404);
  });
});

describe('a department down past the configured limit', () => {
  it('raises a visible incident for supervisors, closes it when the department answers, and loses nothing', async () => {
    const creditCode = await unicorn({ zhongguancun: false });
    // 市应急管理局 fails five times in a row: retried after 1, 2, 4, 8 s … the case waits ~15 s.
    expect((await departments('POST', '/dev/faults', { department: 'emergency', count: 5, status: 503, creditCode })).status).toBe(204);
    const { me, caseId } = await fileListing(creditCode);
    const boss = as(supervisor());

    const incident = await eventually('the incident', async () => ((await boss.get('/supervision/incidents')).body as any[]).find((i) => i.caseId === caseId && i.open), 15_000);
    expect(incident).toMatchObject({ department: 'emergency', departmentName: '市应急管理局', what: '合规查询' });
    expect((await as(agencyStaff('zgc')).get('/supervision/incidents')).status).toBe(403);

    const recovered = await awaitCase(me, caseId, (c) => c.details?.report, 'the recovery', 60_000);
    expect(entry(recovered, 'emergency').status).toBe('clean');
    expect(recovered.timeline.map((e: any) => e.action)).toEqual(expect.arrayContaining(['department-incident', 'department-recovered']));
    const closed = ((await boss.get('/supervision/incidents')).body as any[]).find((i) => i.id === incident.id);
    expect(closed.open).toBe(false);
  });
});
