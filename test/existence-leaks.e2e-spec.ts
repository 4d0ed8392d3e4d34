import { randomUUID } from 'node:crypto';
import { ApiUser, agencyStaff, applicant, as, expert, tokenFor } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { idempotencyKey, uniqueCreditCode } from './support/http';

/** The answer exactly as it comes over the wire: status, content type and the body's bytes. */
async function raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${process.env.API_URL}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}
const bearer = (user: ApiUser) => ({ authorization: `Bearer ${tokenFor(user.actor)}` });

/** Every case- and step-scoped call, with a body that would pass validation. */
const CASE_CALLS: Array<[string, string, unknown?, Record<string, string>?]> = [
  ['GET', '/cases/{id}'],
  ['GET', '/cases/{id}', undefined, { 'if-none-match': 'W/"v1"', prefer: 'wait=1' }],
  ['GET', '/cases/{id}/timeline'],
  ['GET', '/cases/{id}/notices'],
  ['GET', '/cases/{id}/documents/{id}.d1'],
  ['GET', '/cases/{id}/documents/{id}.d1/pdf'],
  ['GET', '/cases/{id}/compliance-bundle'],
  ['GET', '/cases/{id}/compliance-bundle/pdf'],
  ['POST', '/cases/{id}/corrections', { responses: [{ item: '补充材料', response: '已上传' }] }],
  ['POST', '/cases/{id}/withdraw', { reason: '暂不申请' }],
];
const STEP_CALLS: Array<[string, string, unknown?]> = [
  ['POST', '/steps/{id}.1/claim'],
  ['POST', '/steps/{id}.1/release', { reason: '交回' }],
  ['POST', '/steps/{id}.1/decision', { decision: 'accept' }],
  ['POST', '/steps/{id}.1/exclusions', { kind: 'expert-review', expectedDays: 1 }],
  ['POST', '/steps/{id}.1/exclusions/end'],
  ['POST', '/steps/{id}.1/liaison', { name: '王对接', phone: '010-55550000' }],
  ['POST', '/steps/{id}.1/subsidy', { amountYuan: 1 }],
  ['POST', '/steps/{id}.1/score', { score: 80, opinion: '同意' }],
];

async function caseAtAcceptance() {
  const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
  const owner = as(applicant(enterprise.creditCode));
  const { id } = await fileHighTech(applicationFor(enterprise), undefined, owner);
  await awaitCase(owner, id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'acceptance');
  return { owner, id };
}

describe('a case that is not yours answers exactly as one that does not exist', () => {
  it('on every case- and step-scoped call, for an applicant, an agency and an expert without a stake', async () => {
    const { owner, id } = await caseAtAcceptance();
    const missing = `high-tech-${randomUUID()}`;
    const parties = {
      otherApplicant: as(applicant(uniqueCreditCode())),
      otherAgency: as(agencyStaff('tax', 'leak-tax')),
      expert: as(expert('expert-1')),
    };
    const differences: string[] = [];
    let compared = 0;
    for (const [party, user] of Object.entries(parties)) {
      for (const [method, template, body, headers] of [...CASE_CALLS, ...STEP_CALLS]) {
        const ask = (caseId: string) => raw(method, template.replaceAll('{id}', caseId), body ?? (method === 'POST' ? {} : undefined), { ...bearer(user), ...headers });
        const [theirs, none] = [await ask(id), await ask(missing)];
        compared += 1;
        if (JSON.stringify(theirs) !== JSON.stringify(none)) differences.push(`${party} ${method} ${template}: ${theirs.status} ${theirs.body} ≠ ${none.status} ${none.body}`);
        // A stake-less party never gets past the door: 404 (no such case), or 403 for a call its role may never make.
        if (![403, 404].includes(theirs.status)) differences.push(`${party} ${method} ${template}: ${theirs.status}`);
      }
    }
    expect(differences).toEqual([]);
    expect(compared).toBe(3 * (CASE_CALLS.length + STEP_CALLS.length));

    // The answer names no id, and says the same whether the case is someone else's or nobody's.
    const answer = await raw('GET', `/cases/${id}`, undefined, bearer(parties.otherApplicant));
    expect([answer.status, JSON.parse(answer.body)]).toEqual([404, { statusCode: 404, error: 'Not Found', code: 'case.notFound', message: '案件不存在', params: {} }]);
    const step = await raw('POST', `/steps/${id}.1/claim`, {}, bearer(parties.otherAgency));
    expect([step.status, JSON.parse(step.body)]).toEqual([404, { statusCode: 404, error: 'Not Found', code: 'step.notFound', message: '环节不存在', params: {} }]);

    // Nothing they tried changed the case, and its owner still sees it.
    const after = await owner.get(`/cases/${id}`);
    expect([after.status, after.body.status, after.body.steps[0].status]).toEqual([200, 'acceptance', 'open']);
  });
});

describe('an objection to anything but a case in 公示', () => {
  it('answers alike for a case of another process, a case not in 公示 and a missing one', async () => {
    const { id: notInNotice } = await caseAtAcceptance();
    const creditCode = uniqueCreditCode();
    const listing = await as(applicant(creditCode)).post(
      '/cases/listing',
      { creditCode, enterpriseName: '北京测试独角兽科技有限公司', exchange: 'BSE', sponsor: '中信建投证券', district: '海淀区' },
      { 'Idempotency-Key': idempotencyKey() },
    );
    expect(listing.status).toBe(201);
    const objection = { name: '张三', contact: '13800000000', reason: '该企业研发人员实际不足申报人数' };
    const answers = await Promise.all([notInNotice, listing.body.id, `high-tech-${randomUUID()}`].map((caseId) => raw('POST', `/public-notices/${caseId}/objections`, objection)));
    expect(answers[0]).toEqual({ status: 404, type: expect.stringContaining('application/json'), body: JSON.stringify({ statusCode: 404, error: 'Not Found', code: 'publicNotice.notFound', message: '没有正在公示的该案件', params: {} }) });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });
});
