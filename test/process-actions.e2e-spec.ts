import { REGISTERED } from '../libs/processes';
import { ApiUser, agencyStaff, applicant, as, expert } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { api, departments, eventually, idempotencyKey, uniqueCreditCode } from './support/http';

/**
 * A process's own actions (专家评分, 指定专人, 拨付补贴, 提出异议) are declared by its definition and
 * routed generically: listed with their forms by GET /processes, served at
 * /steps/{id}/actions/{action} and /public/cases/{caseId}/actions/{action} (and at the short URLs
 * clients have always used), each documented with its own body.
 */
const zgc = as(agencyStaff('zgc', 'zgc-actions'));
const finance = as(agencyStaff('finance', 'finance-actions'));
const tax = as(agencyStaff('tax', 'tax-actions'));
const regulator = as(agencyStaff('finance-regulator', 'regulator-actions'));
const csrc = as(agencyStaff('csrc'));
const bse = as(agencyStaff('bse'));
const district = as(agencyStaff('district'));

const stepNamed = (c: any, name: string) => c.steps.find((s: any) => s.name === name);

async function ok(answer: Promise<{ status: number; body: any }>, status = 200) {
  const a = await answer;
  expect([a.status, a.body?.message]).toEqual([status, undefined]);
  return a.body;
}

/** A high-tech case off the fast path, accepted: 形式审查 open. */
async function highTechInFormalReview() {
  const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
  const me = as(applicant(enterprise.creditCode));
  const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
  const accepting = await awaitCase(me, id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'acceptance');
  await ok(zgc.post(`/steps/${accepting.steps[0].id}/decision`, { decision: 'accept' }));
  const c = await awaitCase(me, id, (x) => x.status === 'formal-review' && stepNamed(x, '形式审查'), 'formal review');
  return { me, caseId: id as string, review: stepNamed(c, '形式审查') };
}

/** A unicorn's listing case, its liaison step in 市金融监管局's inbox. */
async function listingAtLiaison() {
  const creditCode = uniqueCreditCode();
  expect((await departments('PUT', `/zgc/unicorns/${creditCode}`, { name: '北京通用操作科技有限公司', zhongguancun: false, listedInLibraryOn: '2024-05-10' })).status).toBe(200);
  const me = as(applicant(creditCode));
  const filed = await me.post(
    '/cases/listing',
    { creditCode, enterpriseName: '北京通用操作科技有限公司', exchange: 'BSE', sponsor: '中信建投证券', district: '海淀区' },
    { 'Idempotency-Key': idempotencyKey() },
  );
  expect(filed.status).toBe(201);
  const caseId = filed.body.id as string;
  const liaison = await eventually('the liaison step', async () => ((await regulator.get('/inbox')).body as any[]).find((s) => s.caseId === caseId));
  return { me, caseId, liaison };
}

describe("each process's own actions, from the registry", () => {
  it("GET /processes lists each process's actions with Chinese labels, who may call them, where, and their forms", async () => {
    const listed = (await as(applicant(uniqueCreditCode())).get('/processes')).body as any[];
    for (const process of REGISTERED) {
      const view = listed.find((p) => p.code === process.code);
      expect(view.actions.map((a: any) => a.action)).toEqual(process.actions.map((a) => a.action));
      for (const action of view.actions) {
        expect(action.label).toMatch(/[\u4e00-\u9fff]/);
        expect(action.form).toMatchObject({ type: 'object', additionalProperties: false });
        expect(action.form.required.length).toBeGreaterThan(0);
      }
    }
    const action = (code: string, name: string) => listed.find((p) => p.code === code).actions.find((a: any) => a.action === name);
    expect(action('high-tech', 'score')).toMatchObject({
      label: '专家评分',
      on: 'step',
      roles: ['expert'],
      stepKinds: ['expert-panel'],
      call: 'POST /steps/{id}/score',
      genericCall: 'POST /steps/{id}/actions/score',
      form: { required: ['score', 'opinion'], properties: { score: { type: 'integer', minimum: 0, maximum: 100 } } },
    });
    expect(action('high-tech', 'objections')).toMatchObject({ label: '提出异议', on: 'public', roles: [], openWhile: ['public-notice'], genericCall: 'POST /public/cases/{caseId}/actions/objections' });
    expect(action('specialized-rewards', 'objections').form).toEqual(action('high-tech', 'objections').form);
    expect(action('listing', 'liaison')).toMatchObject({ label: '指定专人', roles: ['agency'], stepKinds: ['liaison'], form: { required: ['name', 'phone'] } });
    expect(action('listing', 'subsidy')).toMatchObject({ label: '拨付补贴', roles: ['agency'], stepKinds: ['subsidy'], form: { required: ['amountYuan'] } });
    expect(listed.find((p) => p.code === 'talent-permits').actions).toEqual([]);
  });

  it('documents one operation per action with its body, and not the generic routes', async () => {
    const spec = (await api('GET', '/docs-json')).body;
    for (const generic of ['/steps/{id}/actions/{action}', '/cases/{id}/actions/{action}', '/public/cases/{caseId}/actions/{action}']) expect(spec.paths[generic]).toBeUndefined();
    const body = (path: string) => spec.paths[path]?.post?.requestBody?.content['application/json'].schema.$ref;
    expect(body('/steps/{id}/score')).toBe('#/components/schemas/ScoreDto');
    expect(body('/steps/{id}/liaison')).toBe('#/components/schemas/LiaisonDto');
    expect(body('/steps/{id}/subsidy')).toBe('#/components/schemas/SubsidyDto');
    expect(body('/public-notices/{caseId}/objections')).toBe('#/components/schemas/ObjectionDto');
    expect(spec.paths['/steps/{id}/score'].post.summary).toContain('专家评分');
    expect(spec.paths['/steps/{id}/score'].post.parameters.map((p: any) => p.name)).toEqual(['id']);
    expect(spec.paths['/public-notices/{caseId}/objections'].post.security).toBeUndefined();
    expect(spec.components.schemas.SubsidyDto.required).toEqual(['amountYuan']);
  });

  it('scores through the generic route, then takes an objection during 公示 through the public one', async () => {
    const { me, caseId, review } = await highTechInFormalReview();
    // Not in 公示 yet: answered as for a case that does not exist.
    const early = await api('POST', `/public/cases/${caseId}/actions/objections`, { name: '张三', contact: '13800000000', reason: '早了' });
    expect([early.status, early.body.message]).toEqual([404, '没有正在公示的该案件']);
    await ok(zgc.post(`/steps/${review.id}/decision`, { decision: 'approve' }));
    const c = await awaitCase(me, caseId, (x) => x.status === 'expert-review' && stepNamed(x, '专家评审')?.panel, 'expert review');
    const panel = stepNamed(c, '专家评审');
    const members: ApiUser[] = panel.panel.members.map((m: any) => as(expert(m.userId, m.name)));

    // A bad body is refused naming the field and the rule, before anything else.
    const bad = await members[0].post(`/steps/${panel.id}/actions/score`, { score: 101, opinion: '好' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'score', rule: 'max', message: '评分不能大于 100' })]);
    // An agency may not score: the action names its roles.
    const notExpert = await zgc.post(`/steps/${panel.id}/actions/score`, { score: 80, opinion: '好' });
    expect([notExpert.status, notExpert.body.code]).toEqual([403, 'auth.roleNotAllowed']);
    expect(notExpert.body.message).toContain('评审专家');

    for (const [i, member] of members.entries()) {
      const scored = await ok(member.post(`/steps/${panel.id}/actions/score`, { score: 80 + i, opinion: `评审意见 ${i + 1}` }));
      // Blind review holds on the generic route too: each sees only their own score.
      expect(scored.panel.scores.map((s: any) => s.userId)).toEqual([member.actor.userId]);
    }
    const joint = await awaitCase(me, caseId, (x) => x.status === 'joint-review' && x.steps.filter((s: any) => s.name.startsWith('联合审查')).length === 2, 'joint review');
    await ok(tax.post(`/steps/${stepNamed(joint, '联合审查（北京市税务局）').id}/decision`, { decision: 'approve' }));
    await ok(finance.post(`/steps/${stepNamed(joint, '联合审查（市财政局）').id}/decision`, { decision: 'approve' }));
    await eventually('the case on public notice', async () => ((await api('GET', '/public-notices')).body as any[]).find((n) => n.caseId === caseId));

    const missingField = await api('POST', `/public/cases/${caseId}/actions/objections`, { name: '张三', reason: 'x' });
    expect(missingField.status).toBe(400);
    expect([...new Set(missingField.body.errors.map((e: any) => e.field))]).toEqual(['contact']);
    const lodged = await api('POST', `/public/cases/${caseId}/actions/objections`, { name: '张三', contact: '13800000000', reason: '研发人员实际不足申报人数' });
    expect([lodged.status, lodged.body]).toEqual([201, { id: `${caseId}.o1` }]);
    await awaitCase(me, caseId, (x) => x.status === 'objection-review' && stepNamed(x, '异议核查'), 'the objection review');
  });

  it('names a liaison and grants both subsidies through the generic route', async () => {
    const { me, caseId, liaison } = await listingAtLiaison();
    const badPhone = await regulator.post(`/steps/${liaison.id}/actions/liaison`, { name: '王对接', phone: 'call me' });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.errors).toEqual([expect.objectContaining({ field: 'phone', rule: 'matches' })]);
    expect(badPhone.body.message).toContain('联系电话必须是电话号码');
    await ok(regulator.post(`/steps/${liaison.id}/actions/liaison`, { name: '王对接', phone: '010-55550009' }));
    const answered = await awaitCase(me, caseId, (c) => c.details?.liaison && stepNamed(c, '辅导验收（北京证监局）'), 'the liaison and the guidance step', 60_000);
    expect(answered.details.liaison).toMatchObject({ name: '王对接', phone: '010-55550009' });

    await ok(csrc.post(`/steps/${stepNamed(answered, '辅导验收（北京证监局）').id}/decision`, { decision: 'approve' }));
    const bseStep = stepNamed(await awaitCase(me, caseId, (c) => stepNamed(c, '上市审核（北交所）'), 'the exchange review'), '上市审核（北交所）');
    await ok(bse.post(`/steps/${bseStep.id}/decision`, { decision: 'approve' }));
    const listed = await awaitCase(me, caseId, (c) => c.status === 'listed' && stepNamed(c, '市级上市补贴'), 'listing');
    // The workflow's own rule (municipal at most 3,000,000) still answers through the generic route.
    const tooMuch = await finance.post(`/steps/${stepNamed(listed, '市级上市补贴').id}/actions/subsidy`, { amountYuan: 3_000_001 });
    expect(tooMuch.status).toBe(400);
    await ok(finance.post(`/steps/${stepNamed(listed, '市级上市补贴').id}/actions/subsidy`, { amountYuan: 2_000_000 }));
    const districtStep = stepNamed(await awaitCase(me, caseId, (c) => stepNamed(c, '区级上市补贴（海淀区）'), 'the district subsidy'), '区级上市补贴（海淀区）');
    // The short URL clients have always used is the same action.
    await ok(district.post(`/steps/${districtStep.id}/subsidy`, { amountYuan: 2_000_000 }));
    const done = await awaitCase(me, caseId, (c) => c.status === 'completed', 'completion');
    expect(done.details.subsidies.map((s: any) => [s.level, s.amountYuan])).toEqual([
      ['municipal', 2_000_000],
      ['district', 2_000_000],
    ]);
  });

  it('answers an unknown action with 404 naming it and the actions there are, on every route', async () => {
    const { review } = await highTechInFormalReview();
    const unknown = await zgc.post(`/steps/${review.id}/actions/stamp`, {});
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'action.unknown', errors: [{ field: 'action', rule: 'registeredAction' }] });
    expect(unknown.body.message).toBe('没有名为 stamp 的操作；此处可用的有：score（专家评分）、liaison（指定专人）、subsidy（拨付补贴）');
    const publicly = await api('POST', '/public/cases/whatever/actions/stamp', {});
    expect([publicly.status, publicly.body.message]).toEqual([404, '没有名为 stamp 的操作；此处可用的有：objections（提出异议）']);
    // No process declares a case action yet: every name is unknown there.
    const onCase = await as(applicant(uniqueCreditCode())).post('/cases/whatever/actions/stamp', {});
    expect([onCase.status, onCase.body.code]).toEqual([403, 'auth.roleNotAllowed']);
  });

  it("refuses an action of one process on another process's step, naming the process and its actions", async () => {
    const { review } = await highTechInFormalReview();
    for (const [action, body] of [['liaison', { name: '王对接', phone: '010-55550000' }], ['subsidy', { amountYuan: 1 }]] as const) {
      const refused = await zgc.post(`/steps/${review.id}/actions/${action}`, body);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'action.notOfProcess', params: { action, process: 'high-tech' }, errors: [{ field: 'action', rule: 'actionOfProcess' }] });
      expect(refused.body.message).toContain('不是高新技术企业认定的操作');
      expect(refused.body.message).toContain('score（专家评分）');
    }
    // The listing case's liaison step is no expert's: to an expert it does not exist.
    const { liaison } = await listingAtLiaison();
    const score = await as(expert('expert-1')).post(`/steps/${liaison.id}/actions/score`, { score: 80, opinion: '好' });
    expect([score.status, score.body.message]).toEqual([404, '环节不存在']);
  });

  it('guards the generic routes as the short ones: a token for step and case actions, none for public ones', async () => {
    for (const path of ['/steps/x.1/actions/score', '/steps/x.1/actions/nope', '/cases/x/actions/nope']) expect((await api('POST', path, {})).status).toBe(401);
    expect((await api('POST', '/public/cases/x/actions/objections', { name: 'a', contact: 'b', reason: 'c' })).status).toBe(404);
  });
});
