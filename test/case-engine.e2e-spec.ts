import { signToken } from '../libs/auth';
import { agencyStaff, applicant, as, supervisor, tokenFor } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { api, eventually } from './support/http';

const zgc = as(agencyStaff('zgc', 'zgc-reviewer'));
const zgcColleague = as(agencyStaff('zgc', 'zgc-director'));
const tax = as(agencyStaff('tax'));
const finance = as(agencyStaff('finance'));
const boss = as(supervisor());

/** Files an application that misses the fast path (below designated size), so 市科委 must accept it. */
async function fileForNormalReview() {
  const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
  const me = as(applicant(enterprise.creditCode));
  const filed = await fileHighTech(applicationFor(enterprise), undefined, me);
  const atAcceptance = await awaitCase(me, filed.id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'the acceptance step');
  return { enterprise, me, caseId: filed.id as string, acceptanceStep: atAcceptance.steps[0] };
}

/** The step as an agency sees it in its inbox, once the read model has it in the wanted state. */
async function inInbox(user: ReturnType<typeof as>, stepId: string, ready: (s: any) => boolean = () => true) {
  return eventually(`step ${stepId} in ${user.actor.agency}'s inbox`, async () => {
    const inbox = await user.get('/inbox');
    const step = inbox.body.find((s: any) => s.id === stepId);
    return step && ready(step) ? step : undefined;
  });
}

/** Accepts the application and returns the formal-review step that opens next. */
async function acceptAndOpenReview(caseId: string, acceptanceStepId: string, me: ReturnType<typeof as>) {
  expect((await zgc.post(`/steps/${acceptanceStepId}/decision`, { decision: 'accept' })).status).toBe(200);
  const inReview = await awaitCase(me, caseId, (c) => c.status === 'formal-review' && c.steps.length === 2, 'formal review');
  return inReview.steps[1];
}

describe('identity and roles', () => {
  it('answers 401 without a token, with a forged one, an expired one, or alg none', async () => {
    expect((await api('GET', '/cases')).status).toBe(401);
    expect((await api('GET', '/cases', undefined, { authorization: 'Bearer not.a.token' })).status).toBe(401);
    const expired = tokenFor(supervisor(), -10);
    expect((await api('GET', '/cases', undefined, { authorization: `Bearer ${expired}` })).status).toBe(401);
    const unsigned = [{ alg: 'none', typ: 'JWT' }, { sub: 'x', name: 'x', role: 'supervisor', iss: process.env.AUTH_JWT_ISSUER, aud: process.env.AUTH_JWT_AUDIENCE }]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .join('.');
    expect((await api('GET', '/cases', undefined, { authorization: `Bearer ${unsigned}.` })).status).toBe(401);
    const otherAudience = signToken(supervisor(), { privateKey: process.env.AUTH_DEV_PRIVATE_KEY!, issuer: process.env.AUTH_JWT_ISSUER!, audience: 'some-other-system' });
    const wrongAudience = await api('GET', '/cases', undefined, { authorization: `Bearer ${otherAudience}` });
    // Refused without saying which audience was expected.
    expect([wrongAudience.status, wrongAudience.body]).toEqual([401, { statusCode: 401, error: 'wrong_audience', code: 'auth.wrongAudience', message: '令牌不是签发给本系统的', params: {} }]);
  });

  it('logs in a seeded demo user in development and knows who they are', async () => {
    const users = await api('GET', '/auth/dev-users');
    expect(users.body.map((u: any) => u.role)).toEqual(expect.arrayContaining(['applicant', 'agency', 'supervisor']));
    const login = await api('POST', '/auth/dev-login', { userId: 'zgc-reviewer' });
    expect(login.status).toBe(201);
    const me = await api('GET', '/auth/me', undefined, { authorization: `Bearer ${login.body.token}` });
    expect(me.body).toMatchObject({ userId: 'zgc-reviewer', role: 'agency', agency: 'zgc' });
    expect((await api('POST', '/auth/dev-login', { userId: 'nobody' })).status).toBe(404);
  });

  it('refuses filing for another enterprise (403)', async () => {
    const mine = eligibleEnterprise();
    const theirs = eligibleEnterprise();
    const answer = await as(applicant(mine.creditCode)).post('/cases/high-tech', applicationFor(theirs), { 'Idempotency-Key': `other-${theirs.creditCode}` });
    expect(answer.status).toBe(403);
  });
});

describe('a step decided by its agency', () => {
  it('walks acceptance and formal review: claimed, decided, with dated notices and an audit trail', async () => {
    const { me, caseId, acceptanceStep } = await fileForNormalReview();
    expect(acceptanceStep).toMatchObject({ name: '受理', agency: 'zgc', status: 'open', colour: 'green' });

    const inbox = await inInbox(zgc, acceptanceStep.id);
    expect(inbox.dueOn).toBe(acceptanceStep.dueOn);
    const claimed = await zgc.post(`/steps/${acceptanceStep.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'claimed', assignee: { userId: 'zgc-reviewer' } });
    // A colleague cannot take over a claimed step.
    expect((await zgcColleague.post(`/steps/${acceptanceStep.id}/claim`)).status).toBe(409);

    const review = await acceptAndOpenReview(caseId, acceptanceStep.id, me);
    expect(review).toMatchObject({ name: '形式审查', agency: 'zgc', status: 'open' });

    const notices = await me.get(`/cases/${caseId}/notices`);
    const acceptanceNotice = notices.body.find((d: any) => d.kind === 'acceptance-notice');
    expect(acceptanceNotice).toMatchObject({ title: '受理通知书', body: { deemed: false } });
    expect((await me.get(`/cases/${caseId}/documents/${acceptanceNotice.id}`)).body.id).toBe(acceptanceNotice.id);

    const approved = await zgc.post(`/steps/${review.id}/decision`, { decision: 'approve', reason: '材料齐全' });
    expect(approved.status).toBe(200);
    // Formal review passed: the expert panel comes next.
    const done = await awaitCase(me, caseId, (c) => c.status === 'expert-review', 'the end of formal review');
    expect(done.clock).toMatchObject({ label: '审批办理时限', limitDays: 20, statutoryDays: 20 });
    const decided = done.timeline.filter((e: any) => e.action === 'step-decided');
    expect(decided.map((e: any) => [e.actor, e.role, e.agency, e.detail.decision])).toEqual([
      ['zgc-reviewer', 'agency', 'zgc', 'accept'],
      ['zgc-reviewer', 'agency', 'zgc', 'approve'],
    ]);
    // A decided step can no longer change.
    expect((await zgc.post(`/steps/${review.id}/decision`, { decision: 'reject', reason: 'x' })).status).toBe(409);
  });

  it('refuses the wrong agency, the applicant and a stranger, and never shows them the case, nor that it exists', async () => {
    const { me, caseId, acceptanceStep } = await fileForNormalReview();
    // 税务局 has no step on this case: to it the case does not exist.
    const wrongAgency = await tax.post(`/steps/${acceptanceStep.id}/decision`, { decision: 'accept' });
    expect([wrongAgency.status, wrongAgency.body.message]).toEqual([404, '环节不存在']);
    expect((await me.post(`/steps/${acceptanceStep.id}/decision`, { decision: 'accept' })).status).toBe(403);
    expect((await tax.get(`/cases/${caseId}`)).status).toBe(404);
    const stranger = as(applicant(eligibleEnterprise().creditCode));
    expect((await stranger.get(`/cases/${caseId}`)).body).toEqual({ statusCode: 404, error: 'Not Found', code: 'case.notFound', message: '案件不存在', params: {} });
    expect((await stranger.get(`/cases/${caseId}/notices`)).status).toBe(404);
    expect((await stranger.post(`/cases/${caseId}/withdraw`, { reason: '暂不申请' })).status).toBe(404);
    expect((await stranger.get('/cases')).body.map((c: any) => c.id)).not.toContain(caseId);
    expect((await tax.get('/inbox')).body.map((s: any) => s.id)).not.toContain(acceptanceStep.id);
    expect((await me.get('/cases')).body.map((c: any) => c.id)).toContain(caseId);
    expect((await zgc.get('/cases')).body.map((c: any) => c.id)).toContain(caseId);
  });

  it('requires a reason to reject, and a decision the step allows (400)', async () => {
    const { me, caseId, acceptanceStep } = await fileForNormalReview();
    const review = await acceptAndOpenReview(caseId, acceptanceStep.id, me);
    const noReason = await zgc.post(`/steps/${review.id}/decision`, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ code: 'decision.reasonRequired', message: '不同意须填写理由（reason）', errors: [{ field: 'reason', rule: 'isNotEmpty' }] });
    expect((await zgc.post(`/steps/${review.id}/decision`, { decision: 'accept' })).status).toBe(400);
    expect((await zgc.post(`/steps/${review.id}/decision`, { decision: 'maybe' })).status).toBe(400);

    expect((await zgc.post(`/steps/${review.id}/decision`, { decision: 'reject', reason: '研发费用归集不符合要求' })).status).toBe(200);
    const rejected = await awaitCase(me, caseId, (c) => c.status === 'rejected', 'the rejection');
    expect(rejected.steps[1]).toMatchObject({ decision: 'reject', reason: '研发费用归集不符合要求' });
    const notice = (await me.get(`/cases/${caseId}/notices`)).body.find((d: any) => d.kind === 'decision-notice');
    expect(notice.body.reason).toBe('研发费用归集不符合要求');
  });

  it('answers an action its process does not take (listing’s liaison or subsidy on a high-tech step) 409, changing nothing', async () => {
    const { me, caseId, acceptanceStep } = await fileForNormalReview();
    for (const [action, body] of [['liaison', { name: '王对接', phone: '010-55550000' }], ['subsidy', { amountYuan: 1 }]] as const) {
      const answer = await zgc.post(`/steps/${acceptanceStep.id}/${action}`, body);
      // Refused by the registry before the workflow is asked, naming the process and the actions it does take.
      const label = action === 'liaison' ? '指定专人' : '拨付补贴';
      expect([answer.status, answer.body.error, answer.body.code, answer.body.message]).toEqual([409, 'InvalidState', 'action.notOfProcess', `「${label}」（${action}）不是高新技术企业认定的操作；该事项可用的有：score（专家评分）`]);
    }
    const c = await me.get(`/cases/${caseId}`);
    expect([c.body.status, c.body.steps[0].status]).toEqual(['acceptance', 'open']);
  });
});

describe('corrections (一次性告知)', () => {
  it('asks for every item at once, pauses the clock, and resumes the same step when the applicant answers', async () => {
    const { me, caseId, acceptanceStep } = await fileForNormalReview();
    const review = await acceptAndOpenReview(caseId, acceptanceStep.id, me);
    const items = ['补充2025年度研发费用专项审计报告', '补充知识产权证明材料'];
    expect((await zgc.post(`/steps/${review.id}/decision`, { decision: 'return', reason: '材料不全' })).status).toBe(400);
    expect((await zgc.post(`/steps/${review.id}/decision`, { decision: 'return', reason: '材料不全', correctionItems: items })).status).toBe(200);

    const waiting = await awaitCase(me, caseId, (c) => c.status === 'awaiting-applicant' && c.steps[1].status === 'waiting-applicant', 'the correction notice');
    expect(waiting.clock).toMatchObject({ paused: true });
    expect(waiting.steps[1].paused).toBe(true);
    const notice = (await me.get(`/cases/${caseId}/notices`)).body.find((d: any) => d.kind === 'correction-notice');
    expect(notice).toMatchObject({ title: '补正材料通知书（一次性告知）', body: { items } });

    // Every item must be answered; the agency cannot answer for the applicant.
    const partial = await me.post(`/cases/${caseId}/corrections`, { responses: [{ item: items[0], response: '已上传' }] });
    expect(partial.status).toBe(400);
    expect(partial.body.message).toContain(items[1]);
    expect((await zgc.post(`/cases/${caseId}/corrections`, { responses: items.map((item) => ({ item, response: 'x' })) })).status).toBe(403);

    const answered = await me.post(`/cases/${caseId}/corrections`, { responses: items.map((item) => ({ item, response: '已上传补正材料' })) });
    expect(answered.status).toBe(200);
    const resumed = await awaitCase(me, caseId, (c) => c.status === 'formal-review' && c.steps[1].round === 2, 'the reopened step');
    // The reviewer who returned it gets it back.
    expect(resumed.steps[1]).toMatchObject({ id: review.id, status: 'claimed', assignee: { userId: 'zgc-reviewer' }, paused: false });
    expect(resumed.clock.paused).toBe(false);
    expect(resumed.clock.ledger.pauses).toEqual([expect.objectContaining({ reason: 'awaiting-applicant', to: expect.any(String) })]);
    expect(resumed.timeline.map((e: any) => e.action)).toEqual(expect.arrayContaining(['correction-requested', 'correction-answered', 'step-reopened']));
    // The official who asked reads each answer on the case's timeline.
    const seenByReviewer = (await zgc.get(`/cases/${caseId}`)).body;
    expect(seenByReviewer.timeline.find((e: any) => e.action === 'correction-answered').detail.responses).toEqual(items.map((item) => ({ item, response: '已上传补正材料' })));
    expect((await me.post(`/cases/${caseId}/corrections`, { responses: items.map((item) => ({ item, response: 'again' })) })).status).toBe(409);
  });
});

describe('supervision', () => {
  it('urges (督办) an agency, shown in its inbox; only a supervisor may', async () => {
    const { caseId, acceptanceStep } = await fileForNormalReview();
    expect((await zgc.post(`/steps/${acceptanceStep.id}/urge`, { note: 'x' })).status).toBe(403);
    expect((await boss.post(`/steps/${acceptanceStep.id}/urge`, { note: '请于本周内完成受理' })).status).toBe(200);
    const step = await inInbox(zgc, acceptanceStep.id, (s) => s.urges.length === 1);
    expect(step.urges[0]).toMatchObject({ note: '请于本周内完成受理', by: { userId: 'supervisor-1' } });
    const timeline = (await boss.get(`/cases/${caseId}/timeline`)).body;
    expect(timeline.find((e: any) => e.action === 'urged')).toMatchObject({ actor: 'supervisor-1', role: 'supervisor', reason: '请于本周内完成受理' });
  });

  it('reassigns an open step to another agency competent for its kind: the old one can no longer decide it, the new one can', async () => {
    const { me, caseId, acceptanceStep } = await fileForNormalReview();
    // 受理 is 市科委's alone.
    const notCompetent = await boss.post(`/steps/${acceptanceStep.id}/reassign`, { agency: 'finance', reason: '职责调整' });
    expect([notCompetent.status, notCompetent.body.errors]).toEqual([400, [expect.objectContaining({ field: 'agency', rule: 'agencyTakesStepKind' })]]);
    const review = await acceptAndOpenReview(caseId, acceptanceStep.id, me);
    expect((await boss.post(`/steps/${review.id}/reassign`, { agency: 'finance' })).status).toBe(400);
    expect((await boss.post(`/steps/${review.id}/reassign`, { agency: 'finance', reason: '职责调整' })).status).toBe(200);
    await inInbox(finance, review.id);
    // 市科委 still has its decided 受理 on the case: it is told the step is not its own.
    const notMine = await zgc.post(`/steps/${review.id}/decision`, { decision: 'approve' });
    expect([notMine.status, notMine.body.code]).toEqual([403, 'step.otherAgency']);
    expect((await finance.post(`/steps/${review.id}/decision`, { decision: 'approve' })).status).toBe(200);
    await awaitCase(me, caseId, (c) => c.status === 'expert-review', 'expert review');
    const reassigned = (await boss.get(`/cases/${caseId}/timeline`)).body.find((e: any) => e.action === 'reassigned');
    expect(reassigned).toMatchObject({ reason: '职责调整', detail: { from: 'zgc', to: 'finance' } });
  });

  it('extends the decision clock by 10 working days, telling the applicant why', async () => {
    const { me, caseId, acceptanceStep } = await fileForNormalReview();
    await acceptAndOpenReview(caseId, acceptanceStep.id, me);
    const before = (await me.get(`/cases/${caseId}`)).body.clock.dueOn;
    expect((await me.post(`/cases/${caseId}/extensions`, { reason: 'x' })).status).toBe(403);
    expect((await boss.post(`/cases/${caseId}/extensions`, { days: 16, reason: 'x' })).status).toBe(400);
    const extended = await boss.post(`/cases/${caseId}/extensions`, { reason: '需组织专家论证，经负责人批准延长十日' });
    expect(extended.status).toBe(200);
    const after = await awaitCase(me, caseId, (c) => c.clock.extensionDays === 10, 'the extension');
    expect(after.clock.dueOn > before).toBe(true);
    const notice = (await me.get(`/cases/${caseId}/notices`)).body.find((d: any) => d.kind === 'extension-notice');
    expect(notice.body).toMatchObject({ days: 10, reason: '需组织专家论证，经负责人批准延长十日', newDueOn: after.clock.dueOn });
  });

  it('excludes an expert-review period from the limit (Art. 45) and tells the applicant how long', async () => {
    const { me, caseId, acceptanceStep } = await fileForNormalReview();
    const review = await acceptAndOpenReview(caseId, acceptanceStep.id, me);
    expect((await tax.post(`/steps/${review.id}/exclusions`, { kind: 'expert-review', expectedDays: 10 })).status).toBe(404);
    expect((await zgc.post(`/steps/${review.id}/exclusions`, { kind: 'lunch', expectedDays: 10 })).status).toBe(400);
    expect((await zgc.post(`/steps/${review.id}/exclusions`, { kind: 'expert-review', expectedDays: 10, note: '组织专家评审' })).status).toBe(200);
    const paused = await awaitCase(me, caseId, (c) => c.clock.paused, 'the pause');
    expect(paused.clock.ledger.pauses[0]).toMatchObject({ reason: 'expert-review', note: '组织专家评审' });
    const notice = (await me.get(`/cases/${caseId}/notices`)).body.find((d: any) => d.kind === 'exclusion-notice');
    expect(notice.body).toMatchObject({ kind: 'expert-review', expectedDays: 10 });
    expect((await zgc.post(`/steps/${review.id}/exclusions/end`)).status).toBe(200);
    await awaitCase(me, caseId, (c) => !c.clock.paused, 'the resumption');
  });

  it('counts open steps per process, agency and colour', async () => {
    const { acceptanceStep } = await fileForNormalReview();
    await inInbox(zgc, acceptanceStep.id);
    const overview = await boss.get('/supervision/overview');
    expect(overview.status).toBe(200);
    const row = overview.body.steps.find((r: any) => r.process === 'high-tech' && r.agency === 'zgc');
    expect(row).toMatchObject({ agencyName: '市科委、中关村管委会' });
    expect(row.green + row.yellow + row.red).toBe(row.total);
    expect(row.green).toBeGreaterThanOrEqual(1);
    expect((await zgc.get('/supervision/overview')).status).toBe(403);
    expect((await boss.get('/supervision/overdue')).status).toBe(200);
    expect((await boss.get('/supervision/escalations')).status).toBe(200);
  });
});

describe('withdrawal', () => {
  it('closes open steps and ends the case as withdrawn', async () => {
    const { me, caseId, acceptanceStep } = await fileForNormalReview();
    expect((await me.post(`/cases/${caseId}/withdraw`, { reason: '暂不申请' })).status).toBe(200);
    const withdrawn = await awaitCase(me, caseId, (c) => c.status === 'withdrawn', 'the withdrawal');
    expect(withdrawn.steps[0]).toMatchObject({ id: acceptanceStep.id, status: 'cancelled' });
    expect(withdrawn.timeline.find((e: any) => e.action === 'withdrawn')).toMatchObject({ role: 'applicant', reason: '暂不申请' });
    expect((await zgc.get('/inbox')).body.map((s: any) => s.id)).not.toContain(acceptanceStep.id);
    expect((await zgc.post(`/steps/${acceptanceStep.id}/decision`, { decision: 'accept' })).status).toBe(409);
    expect((await me.post(`/cases/${caseId}/withdraw`, {})).status).toBe(409);
  });
});
