import { INestApplicationContext } from '@nestjs/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { activityMapFrom } from '../activities';
import { lastDayOfYears } from '../libs/domain';
import { highTechCertification } from '../workflows/high-tech.workflow';
import { ApiUser, agencyStaff, applicant, as, expert } from './support/actors';
import { awaitCase, failedCriteria, fileAndAwaitDecision, fileHighTech } from './support/cases';
import { bundleWorkflows, realActivities, testDataConverter } from './support/workflow-env';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { api, departments, eventually } from './support/http';

const zgc = as(agencyStaff('zgc', 'zgc-reviewer'));
const finance = as(agencyStaff('finance'));
const tax = as(agencyStaff('tax'));

const stepNamed = (c: any, name: string) => c.steps.find((s: any) => s.name === name);

/** An enterprise that misses the fast path (below designated size), filed and accepted: formal review is open. */
async function inFormalReview() {
  const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
  const me = as(applicant(enterprise.creditCode));
  const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
  const atAcceptance = await awaitCase(me, id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'acceptance');
  expect((await zgc.post(`/steps/${atAcceptance.steps[0].id}/decision`, { decision: 'accept' })).status).toBe(200);
  const c = await awaitCase(me, id, (x) => x.status === 'formal-review' && stepNamed(x, '形式审查'), 'formal review');
  return { enterprise, me, caseId: id, review: stepNamed(c, '形式审查') };
}

async function decide(user: ApiUser, stepId: string, body: Record<string, unknown>) {
  const answer = await user.post(`/steps/${stepId}/decision`, body);
  expect([answer.status, answer.body?.message]).toEqual([200, undefined]);
}

/** Every panel member scores, each through their own inbox. */
async function panelScores(me: ApiUser, caseId: string, scores: number[]) {
  const c = await awaitCase(me, caseId, (x) => x.status === 'expert-review' && stepNamed(x, '专家评审')?.panel, 'expert review');
  const step = stepNamed(c, '专家评审');
  expect(step.panel.members).toHaveLength(3);
  for (const [i, member] of step.panel.members.entries()) {
    const user = as(expert(member.userId, member.name));
    const inbox = await eventually('the panel in the expert inbox', async () => ((await user.get('/inbox')).body as any[]).find((s) => s.id === step.id));
    expect(inbox.name).toBe('专家评审');
    const scored = await user.post(`/steps/${step.id}/score`, { score: scores[i], opinion: `评审意见 ${i + 1}` });
    expect(scored.status).toBe(200);
  }
  return step;
}

/** Formal review approved, the panel passes: both joint-review steps open at once. */
async function inJointReview() {
  const started = await inFormalReview();
  await decide(zgc, started.review.id, { decision: 'approve' });
  await panelScores(started.me, started.caseId, [82, 76, 90]);
  const c = await awaitCase(started.me, started.caseId, (x) => x.status === 'joint-review' && x.steps.filter((s: any) => s.name.startsWith('联合审查')).length === 2, 'joint review');
  return { ...started, financeStep: stepNamed(c, '联合审查（市财政局）'), taxStep: stepNamed(c, '联合审查（北京市税务局）') };
}

describe('报备即批准 fast path: certificate and data sharing', () => {
  it('issues a three-year certificate anyone can verify, and tells the tax bureau and the district', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const decided = await fileAndAwaitDecision(applicationFor(enterprise));

    expect(decided).toMatchObject({ status: 'certified', decision: 'approved-on-filing' });
    const cert = decided.certificate;
    expect(cert.number).toMatch(/^GR\d{4}11\d{5}$/);
    expect(cert.validUntil).toBe(lastDayOfYears(cert.issuedOn, 3));
    expect(cert.basis).toContain('报备即批准');

    const verified = await api('GET', `/verify/certificates/${cert.number}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'valid', creditCode: enterprise.creditCode, enterpriseName: enterprise.name, techField: '集成电路' });
    expect((await api('GET', '/verify/certificates/GR20990000000')).status).toBe(404);

    const me = as(applicant(enterprise.creditCode));
    const doc = ((await me.get(`/cases/${decided.id}/notices`)).body as any[]).find((d) => d.kind === 'certificate');
    expect(doc).toMatchObject({ title: '高新技术企业证书', body: { number: cert.number, validUntil: cert.validUntil } });

    const done = await awaitCase(me, decided.id, (c) => c.timeline.filter((e: any) => e.action === 'notified').length === 2, 'both notifications');
    expect(done.timeline.filter((e: any) => e.action === 'notified').map((e: any) => e.agency).sort()).toEqual(['district', 'tax']);
    expect((await departments('GET', `/tax/preferential-status/${enterprise.creditCode}`)).body).toEqual([
      expect.objectContaining({ certificateNumber: cert.number, validUntil: cert.validUntil }),
    ]);
    expect((await departments('GET', `/district/cultivation-list/${enterprise.creditCode}`)).body).toEqual([
      expect.objectContaining({ certificateNumber: cert.number, district: '海淀区' }),
    ]);
  });

  it('asks only for what no department holds: name and R&D expenses come from the departments', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const decided = await fileAndAwaitDecision({ creditCode: enterprise.creditCode, techField: enterprise.techField });
    expect(decided.status).toBe('certified');
    expect(decided.title).toBe(enterprise.name);
    expect(decided.mismatches).toEqual([]);
    expect(decided.sharedData.rdExpenses).toMatchObject({ source: '北京市税务局', record: { domesticYuan: 6_000_000, totalYuan: 10_000_000 } });
    expect(decided.sharedData.registration).toMatchObject({ source: '市市场监管局', record: { name: enterprise.name } });
  });
});

describe('the normal review path', () => {
  it('runs formal review with a correction, the expert panel, parallel joint review and 公示, then certifies', async () => {
    const { enterprise, me, caseId, review } = await inFormalReview();
    // Formal review returns the case once; the applicant corrects; the same step resumes.
    await decide(zgc, review.id, { decision: 'return', reason: '材料不全', correctionItems: ['补充知识产权证明'] });
    await awaitCase(me, caseId, (c) => c.status === 'awaiting-applicant', 'the correction notice');
    expect((await me.post(`/cases/${caseId}/corrections`, { responses: [{ item: '补充知识产权证明', response: '已上传' }] })).status).toBe(200);
    await awaitCase(me, caseId, (c) => c.status === 'formal-review' && stepNamed(c, '形式审查').round === 2, 'the reopened review');
    await decide(zgc, review.id, { decision: 'approve' });

    const panel = await panelScores(me, caseId, [82, 76, 90]);
    // Someone not on the panel may not score: to them the step does not exist.
    const outsider = ['expert-1', 'expert-2', 'expert-3', 'expert-4', 'expert-5'].find((id) => !panel.panel.members.some((m: any) => m.userId === id))!;
    expect((await as(expert(outsider)).post(`/steps/${panel.id}/score`, { score: 100, opinion: 'x' })).status).toBe(404);

    // 市财政局 and 税务局 review at the same time: both steps are open together.
    const joint = await awaitCase(me, caseId, (c) => c.status === 'joint-review' && c.steps.filter((s: any) => s.name.startsWith('联合审查') && s.status === 'open').length === 2, 'parallel joint review');
    await decide(tax, stepNamed(joint, '联合审查（北京市税务局）').id, { decision: 'approve' });
    await decide(finance, stepNamed(joint, '联合审查（市财政局）').id, { decision: 'approve' });

    const notice = await eventually('the case on public notice', async () => ((await api('GET', '/public-notices')).body as any[]).find((n) => n.caseId === caseId));
    expect(notice).toMatchObject({ creditCode: enterprise.creditCode, enterpriseName: enterprise.name });

    const certified = await awaitCase(me, caseId, (c) => c.status === 'certified' && c.certificate, 'certification after 公示', 30_000);
    expect(certified.decision).toBe('certified-after-review');
    expect((await api('GET', `/verify/certificates/${certified.certificate.number}`)).body.status).toBe('valid');
    const actions = certified.timeline.map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['expert-review-completed', 'public-notice-started', 'public-notice-ended', 'certificate-issued']));
    // Expert review and 公示 stood outside the decision clock (Art. 45).
    expect(certified.clock.ledger.pauses.map((p: any) => p.reason)).toEqual(['awaiting-applicant', 'expert-review', 'public-notice']);
  });

  it('rejects when the expert panel scores below the pass mark, with the reason', async () => {
    const { me, caseId, review } = await inFormalReview();
    await decide(zgc, review.id, { decision: 'approve' });
    await panelScores(me, caseId, [60, 55, 72]);
    const rejected = await awaitCase(me, caseId, (c) => c.status === 'rejected', 'the rejection');
    expect(stepNamed(rejected, '专家评审')).toMatchObject({ decision: 'reject', reason: '3/3位专家评分，平均62.3分，低于70分' });
  });

  it('ends joint review when one agency rejects: the other step is cancelled', async () => {
    const { me, caseId, taxStep, financeStep } = await inJointReview();
    // 税务局 sees this case (it has a step here), so it is told plainly the other step is not its own.
    const notMine = await tax.post(`/steps/${financeStep.id}/decision`, { decision: 'approve' });
    expect([notMine.status, notMine.body.message]).toEqual([403, `环节 ${financeStep.id} 不由北京市税务局办理`]);
    await decide(tax, taxStep.id, { decision: 'reject', reason: '研发费用加计扣除存在异常' });
    const rejected = await awaitCase(me, caseId, (c) => c.status === 'rejected' && stepNamed(c, '联合审查（市财政局）').status === 'cancelled', 'the rejection');
    expect(rejected.steps.find((s: any) => s.id === financeStep.id).status).toBe('cancelled');
    const notice = ((await me.get(`/cases/${caseId}/notices`)).body as any[]).find((d) => d.kind === 'decision-notice');
    expect(notice.body.reason).toBe('研发费用加计扣除存在异常');
    expect((await finance.post(`/steps/${financeStep.id}/decision`, { decision: 'approve' })).status).toBe(409);
  });

  it('sends the case back to 市科委 on an objection during 公示; an upheld objection rejects it', async () => {
    const { me, caseId, taxStep, financeStep } = await inJointReview();
    // Not yet in 公示: answered as for a case that does not exist.
    expect((await api('POST', `/public-notices/${caseId}/objections`, { name: '张三', contact: '13800000000', reason: '早了' })).status).toBe(404);
    await decide(tax, taxStep.id, { decision: 'approve' });
    await decide(finance, financeStep.id, { decision: 'approve' });
    await eventually('the case on public notice', async () => ((await api('GET', '/public-notices')).body as any[]).find((n) => n.caseId === caseId));

    expect((await api('POST', `/public-notices/${caseId}/objections`, { name: '张三', contact: '' , reason: 'x' })).status).toBe(400);
    const lodged = await api('POST', `/public-notices/${caseId}/objections`, { name: '张三', contact: '13800000000', reason: '该企业研发人员实际不足申报人数' });
    expect(lodged.status).toBe(201);
    expect(lodged.body.id).toBe(`${caseId}.o1`);

    const back = await awaitCase(me, caseId, (c) => c.status === 'objection-review' && stepNamed(c, '异议核查'), 'the objection review');
    // The objector's contact details are not on the applicant's view of the timeline.
    expect(JSON.stringify(back.timeline)).not.toContain('13800000000');
    await decide(zgc, stepNamed(back, '异议核查').id, { decision: 'reject', reason: '异议属实：研发人员数量不符' });
    const rejected = await awaitCase(me, caseId, (c) => c.status === 'rejected', 'the rejection');
    expect(rejected.certificate).toBeUndefined();
    expect(rejected.timeline.map((e: any) => e.action)).toEqual(expect.arrayContaining(['objection-lodged', 'public-notice-interrupted']));
  });
});

describe('supervision after the fact (item 17)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let activities: INestApplicationContext;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createFromExistingServer({ address: process.env.TEMPORAL_ADDRESS!, namespace: 'default', client: { dataConverter: testDataConverter() } });
    bundle = await bundleWorkflows();
    activities = await realActivities();
  });

  afterAll(async () => {
    await activities?.close();
    await env?.teardown();
  });

  it('draws a fast-path approval for a spot check; a false declaration revokes it, records 失信, and bars the fast path', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const me = as(applicant(enterprise.creditCode));
    const taskQueue = `spot-check-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: activityMapFrom(activities), dataConverter: testDataConverter() });
    const caseId = `high-tech-spot-${randomUUID()}`;

    await worker.runUntil(async () => {
      // Every fast-path approval drawn: the share is 100 % for this case.
      const handle = await env.client.workflow.start(highTechCertification, {
        taskQueue,
        workflowId: caseId,
        args: [{ application: applicationFor(enterprise), options: { spotCheckPercent: 100 }, filedBy: applicant(enterprise.creditCode) }],
      });
      const drawn = await awaitCase(me, caseId, (c) => c.status === 'certified' && stepNamed(c, '事后抽查'), 'the spot check');
      const number = drawn.certificate.number;
      expect((await api('GET', `/verify/certificates/${number}`)).body.status).toBe('valid');

      // 市科委 finds the declared figures false, through the same API an agency uses.
      const step = await eventually('the spot check in 市科委 inbox', async () => ((await zgc.get('/inbox')).body as any[]).find((s) => s.caseId === caseId));
      expect(step.name).toBe('事后抽查');
      await decide(zgc, step.id, { decision: 'reject', reason: '虚报境内研发费用' });
      const result = await handle.result();
      expect(result.status).toBe('revoked');

      const verified = await eventually('the revocation in the register', async () => {
        const v = (await api('GET', `/verify/certificates/${number}`)).body;
        return v.status === 'revoked' ? v : undefined;
      });
      expect(verified.revokedReason).toBe('虚报境内研发费用');
    });

    expect((await departments('GET', `/zgc/credit-marks/${enterprise.creditCode}`)).body).toEqual([expect.objectContaining({ reason: '虚报境内研发费用', caseId })]);

    // The same enterprise files again: no fast path, and the reason says why.
    const again = await fileAndAwaitDecision(applicationFor(enterprise));
    expect(again.status).toBe('acceptance');
    expect(failedCriteria(again)).toEqual(['good-credit']);
    expect(again.criteria.find((c: any) => c.criterion === 'good-credit').reason).toContain('虚报境内研发费用');
  });
});
