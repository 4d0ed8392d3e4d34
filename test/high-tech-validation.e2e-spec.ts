import { fieldPathLabel } from '../libs/i18n/labels';
import { applicant, as, supervisor } from './support/actors';
import { applicationFor, eligibleEnterprise } from './support/enterprises';
import { api, idempotencyKey } from './support/http';

const valid = applicationFor(eligibleEnterprise());
const user = as(applicant(valid.creditCode));

/** Files with a fresh key and checks the 400 names the field and rule, and that no case exists. */
async function expectRefused(body: unknown, field: string, rule: string) {
  const key = idempotencyKey();
  const answer = await user.post('/cases/high-tech', body, { 'Idempotency-Key': key });
  expect(answer.status).toBe(400);
  expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  // The message names the field as the form labels it (the JSON path stays in errors[].field); the path only where there is no label.
  const label = fieldPathLabel(field);
  expect(answer.body.message).toContain(label ?? field);
  if (label) expect(answer.body.message).not.toContain(field);
  // Asked as a supervisor, who may see any case: there is none.
  expect((await as(supervisor()).get(`/cases/high-tech-${key}`)).status).toBe(404);
  return answer.body;
}

describe('malformed or incomplete applications', () => {
  it.each([
    ['a missing credit code', { ...valid, creditCode: undefined }, 'creditCode', 'isCreditCode'],
    ['a credit code with a wrong check character', { ...valid, creditCode: valid.creditCode.slice(0, 17) + (valid.creditCode[17] === '0' ? '1' : '0') }, 'creditCode', 'isCreditCode'],
    ['an empty enterprise name', { ...valid, enterpriseName: '' }, 'enterpriseName', 'isNotEmpty'],
    ['an unknown field', { ...valid, techField: 'blockchain' }, 'techField', 'isIn'],
    ['R&D expenses as a string', { ...valid, rdExpenses: '8000000' }, 'rdExpenses', 'isObject'],
    ['a fractional amount', { ...valid, rdExpenses: { ...valid.rdExpenses, totalYuan: 10.5 } }, 'rdExpenses.totalYuan', 'isInt'],
    ['a negative amount', { ...valid, rdExpenses: { ...valid.rdExpenses, domesticYuan: -1 } }, 'rdExpenses.domesticYuan', 'min'],
    ['domestic above total', { ...valid, rdExpenses: { ...valid.rdExpenses, domesticYuan: 20_000_000 } }, 'rdExpenses.domesticYuan', 'domesticNotAboveTotal'],
    ['an unknown top-level field', { ...valid, approved: true }, 'approved', 'whitelistValidation'],
    ['an unknown nested field', { ...valid, rdExpenses: { ...valid.rdExpenses, bonus: 1 } }, 'rdExpenses.bonus', 'whitelistValidation'],
  ])('refuses %s with 400 naming the field, and creates no case', async (_label, body, field, rule) => {
    await expectRefused(body, field, rule);
  });

  it('names every broken field at once', async () => {
    const body = await expectRefused({ creditCode: 'x', techField: 'x' }, 'creditCode', 'isCreditCode');
    const body2 = await expectRefused({ creditCode: 'x', techField: 'x', enterpriseName: '', rdExpenses: 5 }, 'techField', 'isIn');
    expect(body.errors.map((e: any) => e.field)).toEqual(['creditCode', 'techField']);
    expect(body2.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['creditCode', 'enterpriseName', 'techField', 'rdExpenses']));
  });

  it('refuses a NUL character anywhere, naming where, before a case could stick on it', async () => {
    const body = await expectRefused({ ...valid, enterpriseName: '北京\u0000公司' }, 'enterpriseName', 'storableText');
    expect(body.message).toBe('企业名称含有无法存储的字符（空字符 U+0000）');
    expect((await user.get('/cases/%00')).status).toBe(400);
  });

  it('refuses a body that is not JSON', async () => {
    const answer = await user.post('/cases/high-tech', '{"creditCode": ', { 'Idempotency-Key': idempotencyKey() });
    expect(answer.status).toBe(400);
  });

  it('refuses a filing without an Idempotency-Key header', async () => {
    const answer = await user.post('/cases/high-tech', valid);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
  });

  it('refuses an oversized body with 413', async () => {
    const answer = await user.post('/cases/high-tech', { ...valid, enterpriseName: 'x'.repeat(100_000) }, { 'Idempotency-Key': idempotencyKey() });
    expect(answer.status).toBe(413);
  });
});

describe('service endpoints', () => {
  it('reports readiness (Postgres, Temporal, a worker polling, the departments) and liveness', async () => {
    const ready = { status: 'ok', checks: { postgres: 'up', temporal: 'up', worker: 'up', departments: 'up' }, checkedAt: expect.any(String) };
    for (const path of ['/health', '/health/ready']) {
      const answer = await api('GET', path);
      expect([answer.status, answer.body]).toEqual([200, ready]);
    }
    expect(await api('GET', '/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('publishes OpenAPI with the filing endpoint and its Idempotency-Key header', async () => {
    const answer = await api('GET', '/docs-json');
    expect(answer.status).toBe(200);
    const post = answer.body.paths['/cases/high-tech'].post;
    expect(post.parameters.map((p: any) => p.name)).toContain('Idempotency-Key');
    expect(Object.keys(answer.body.components.schemas)).toEqual(expect.arrayContaining(['HighTechApplicationDto', 'CaseView']));
  });
});
