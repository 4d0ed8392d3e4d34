import { messages } from '../libs/i18n';
import { agencyStaff, applicant, as, supervisor } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { api, idempotencyKey } from './support/http';

/**
 * Every error answer carries a stable code, its parameters and its message in the language asked
 * for — Chinese unless the request prefers English — whoever refuses: the validation pipe, the
 * auth guard, a service, the workflow's validator, Nest's router, Express's body parser.
 */
const zgc = as(agencyStaff('zgc', 'zgc-catalogue'));
const EN = { 'accept-language': 'en-US,en;q=0.9' };
/** What the API used to say in English: none of it may reach a Chinese answer again. */
const OLD_ENGLISH = [/reason is required/, /this call is for/, /must be/, /is required/, /not found/i, /already claimed/, /may not act/, /Cannot (GET|POST)/, /Internal server error/, /Unexpected token/];

async function atFormalReview() {
  const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
  const me = as(applicant(enterprise.creditCode));
  const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
  const c = await awaitCase(me, id, (x) => x.status === 'acceptance' && x.steps.length === 1, 'acceptance');
  expect((await zgc.post(`/steps/${c.steps[0].id}/decision`, { decision: 'accept' })).status).toBe(200);
  const review = await awaitCase(me, id, (x) => x.status === 'formal-review' && x.steps.length === 2, 'formal review');
  return { me, caseId: id as string, enterprise, review: review.steps[1] };
}

describe('errors by the catalogue', () => {
  it('answers a field rule in Chinese by default and in English when asked, with its code and parameters', async () => {
    const me = as(applicant(eligibleEnterprise().creditCode));
    const body = { creditCode: 'x', techField: 'integrated-circuits', rdExpenses: { year: 2025, domesticYuan: 1, totalYuan: 1e14 } };
    const zh = await me.post('/cases/high-tech', body, { 'Idempotency-Key': idempotencyKey() });
    expect(zh.status).toBe(400);
    expect(zh.headers.get('content-language')).toBe('zh-CN');
    expect(zh.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'request.invalid' });
    expect(zh.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'creditCode', rule: 'isCreditCode', code: 'validation.isCreditCode', params: { field: 'creditCode' }, message: '统一社会信用代码必须是 18 位，且校验位正确' },
        { field: 'rdExpenses.totalYuan', rule: 'max', code: 'validation.max', params: { field: 'rdExpenses.totalYuan', max: 1e13 }, message: '全部研究开发费用（元）不能大于 10,000,000,000,000' },
      ]),
    );
    expect(zh.body.message).toBe(zh.body.errors.map((e: any) => e.message).join('；'));
    // What the form shows beside each field and in its banner: the field's Chinese label, never its JSON path.
    for (const path of ['creditCode', 'rdExpenses', 'totalYuan', 'techField']) expect(zh.body.message).not.toContain(path);

    const en = await me.post('/cases/high-tech', body, { 'Idempotency-Key': idempotencyKey(), ...EN });
    expect(en.headers.get('content-language')).toBe('en');
    expect(en.body.errors.map((e: any) => [e.code, e.message])).toEqual(
      expect.arrayContaining([
        ['validation.isCreditCode', 'creditCode must be an 18-character 统一社会信用代码 with a valid check character'],
        ['validation.max', 'rdExpenses.totalYuan must not be greater than 10,000,000,000,000'],
      ]),
    );
  });

  it('answers the workflow’s own refusal (a reason is required to reject) by code, naming the field', async () => {
    const { review } = await atFormalReview();
    const zh = await zgc.post(`/steps/${review.id}/decision`, { decision: 'reject' });
    expect([zh.status, zh.body.error, zh.body.code, zh.body.message]).toEqual([400, 'InvalidInput', 'decision.reasonRequired', '不同意须填写理由（reason）']);
    expect(zh.body.errors).toEqual([{ field: 'reason', rule: 'isNotEmpty', code: 'decision.reasonRequired', params: { decision: { label: 'decision', value: 'reject' } }, message: '不同意须填写理由（reason）' }]);
    const en = await zgc.post(`/steps/${review.id}/decision`, { decision: 'reject' }, EN);
    expect(en.body.message).toBe('reason is required to reject');
    const notAllowed = await zgc.post(`/steps/${review.id}/decision`, { decision: 'accept' });
    expect([notAllowed.body.code, notAllowed.body.message]).toEqual(['decision.notAllowed', '形式审查只能作出以下决定：同意、不同意、退回补正']);
  });

  it('answers a role refused, a missing token, an unknown route and malformed JSON by code', async () => {
    const applicantUser = as(applicant(eligibleEnterprise().creditCode));
    const role = await applicantUser.get('/supervision/overview');
    expect([role.status, role.body.code, role.body.message]).toEqual([403, 'auth.roleNotAllowed', '此操作仅限电子监察；您的角色是申请人']);
    expect((await applicantUser.get('/supervision/overview', EN)).body.message).toBe('this call is for supervisor; you are applicant');

    const noToken = await api('GET', '/cases');
    expect([noToken.status, noToken.body.error, noToken.body.code, noToken.body.message]).toEqual([401, 'missing_token', 'auth.missingToken', '缺少令牌（请求头 Authorization: Bearer …）']);
    expect((await api('GET', '/cases', undefined, EN)).body.message).toBe('a bearer token is required (header Authorization: Bearer …)');

    const route = await as(supervisor()).get('/no/such/route');
    expect([route.status, route.body.code, route.body.message]).toEqual([404, 'route.notFound', '接口不存在：GET /no/such/route']);

    const json = await api('POST', '/auth/dev-login', '{"userId": ');
    expect([json.status, json.body.code, json.body.message]).toEqual([400, 'request.badJson', '请求体不是有效的 JSON']);
  });

  it('never lets the old English messages through to a Chinese answer', async () => {
    const { review, caseId } = await atFormalReview();
    const stranger = as(applicant(eligibleEnterprise().creditCode));
    const answers = await Promise.all([
      zgc.post(`/steps/${review.id}/decision`, { decision: 'reject' }),
      zgc.post(`/steps/${review.id}/decision`, { decision: 'return', reason: 'x' }),
      zgc.post(`/steps/${review.id}/decision`, { decision: 'maybe' }),
      zgc.post(`/steps/${review.id}/exclusions`, { kind: 'expert-review', expectedDays: 0 }),
      zgc.post(`/steps/${review.id}/score`, { score: 1, opinion: 'x' }),
      as(supervisor()).post(`/steps/${review.id}/urge`, { note: ' ' }),
      as(supervisor()).post(`/steps/${review.id}/reassign`, { agency: 'ecology', reason: '职责调整' }),
      as(supervisor()).post(`/cases/${caseId}/extensions`, { days: 16, reason: 'x' }),
      as(supervisor()).post(`/cases/${caseId}/extensions`, { clockId: 'no-such-clock', reason: '延长' }),
      stranger.get(`/cases/${caseId}`),
      stranger.post('/cases/high-tech', {}, { 'Idempotency-Key': 'short' }),
      stranger.post('/cases/nothing', {}, { 'Idempotency-Key': idempotencyKey() }),
      api('POST', '/auth/dev-login', { userId: 'nobody' }),
      api('GET', '/verify/certificates/GR2099000000'),
      as(supervisor()).get('/supervision/steps?pageSize=500&list=nope'),
      as(supervisor()).put('/calendar/years/2034', { title: '', holidays: [{ name: '', from: '2034-02-30', to: '2034-01-01' }], makeUpWorkdays: [1] }),
    ]);
    const english: string[] = [];
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      const texts = [answer.body.message, ...(answer.body.errors ?? []).map((e: any) => e.message)];
      expect(messages).toHaveProperty([answer.body.code]);
      for (const text of texts) if (OLD_ENGLISH.some((re) => re.test(text))) english.push(`${answer.status} ${answer.body.code}: ${text}`);
    }
    expect(english).toEqual([]);
  });
});
