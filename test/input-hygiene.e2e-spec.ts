import { Client } from 'pg';
import { verifyAuditChain } from '../infra/audit-verify';
import { ASTRAL_SAMPLE, ApiOperation, OpenApi, UNSTORABLE_SAMPLES, VANISHING_KEYS, objectPaths, operationsOf, roleForPath, setPath, stringFields, wtf8Percent } from '../infra/openapi-walk';
import { talentApplication } from '../infra/talent-application';
import { fieldPathLabel } from '../libs/i18n/labels';
import { PROCESS_CODES } from '../libs/processes';
import { agencyStaff, applicant, as, expert, supervisor, tokenFor } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { api, departments, idempotencyKey, uniqueCreditCode } from './support/http';

/**
 * Input that would freeze a case or break the audit chain is refused at the door, everywhere:
 * the operations, their body schemas and their parameters are read from the published OpenAPI
 * document, so a new endpoint or field is covered without editing this file.
 */

const BAD = UNSTORABLE_SAMPLES.map(({ label, text, what }) => [label, text, what] as const);
const GOOD = ASTRAL_SAMPLE;

type Schema = OpenApi;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('input Postgres cannot store, deep nesting, vanishing keys: refused at the door', () => {
  let db: Client;
  let spec: Schema;
  let operations: ApiOperation[];
  const me = uniqueCreditCode();
  const employer = { creditCode: me, name: '北京云桥科技有限公司' };
  const tokens = {
    applicant: tokenFor(applicant(me)),
    agency: tokenFor(agencyStaff('zgc')),
    supervisor: tokenFor(supervisor()),
    expert: tokenFor(expert('hygiene-expert')),
  };
  /** Complete, valid bodies: with a bad string in one field, only the hygiene check stands between it and a new case. */
  const validBodies: Record<string, Record<string, unknown>> = {
    'POST /cases/high-tech': applicationFor(eligibleEnterprise({ creditCode: me })),
    'POST /cases/listing': { creditCode: me, enterpriseName: employer.name, exchange: 'BSE', sponsor: '中信证券', district: '海淀区' },
    'POST /cases/talent-permits': talentApplication(employer) as unknown as Record<string, unknown>,
  };


  // Path parameters get a well-formed value, so that the body, not the path, is what is judged.
  const concrete = (path: string) => path.replace('{year}', '2033').replace(/\{[^}]+\}/g, 'hygiene-target-0001');
  function send(op: ApiOperation, body: unknown, path = concrete(op.path), query = '') {
    const headers: Record<string, string> = { authorization: `Bearer ${tokens[roleForPath(op.path, op.method)]}`, 'Idempotency-Key': `hygiene-${idempotencyKey()}` };
    return api(op.method, `${path}${query}`, op.method === 'GET' ? undefined : JSON.stringify(body), headers);
  }

  /** Rows a mistake in this file could have written: cases of its enterprise, and their timeline and documents. */
  const written = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM cases WHERE applicant_id = $1)::int AS cases,
                (SELECT count(*) FROM timeline_entries WHERE case_id IN (SELECT id FROM cases WHERE applicant_id = $1) OR case_id LIKE '%hygiene-target%')::int AS timeline,
                (SELECT count(*) FROM documents WHERE case_id IN (SELECT id FROM cases WHERE applicant_id = $1) OR case_id LIKE '%hygiene-target%')::int AS documents`,
        [me],
      )
    ).rows[0];

  beforeAll(async () => {
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    spec = (await api('GET', '/docs-json')).body;
    operations = operationsOf(spec);
  });
  afterAll(async () => db?.end());

  it('refuses such text in every string field of every body, naming the field, and writes nothing', async () => {
    const before = await written();
    const missed: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => o.body)) {
      const base = validBodies[`${op.method} ${op.path}`] ?? {};
      for (const field of stringFields(spec, op.body)) {
        for (const [label, bad, what] of BAD) {
          const answer = await send(op, setPath(clone(base), field, `北京${bad}云桥`));
          checked += 1;
          const named = answer.status === 400 && answer.body.errors?.some((e: Schema) => e.field === field && e.rule === 'storableText' && e.message === `${fieldPathLabel(field) ?? `${field} `}含有无法存储的字符（${what}）`);
          if (!named) missed.push(`${op.method} ${op.path} ${field} with ${label}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`);
        }
        // A valid astral character is text like any other: never refused as unstorable.
        const fine = await send(op, setPath({}, field, `北京${GOOD}云桥`));
        if (fine.status >= 500 || fine.body?.errors?.some((e: Schema) => e.rule === 'storableText')) missed.push(`${op.method} ${op.path} ${field} refused ${GOOD}: ${fine.status}`);
      }
    }
    expect(missed).toEqual([]);
    // The schema walk reaches nested objects and arrays of them (else this test would check little).
    const fields = operations.filter((o) => o.body).flatMap((o) => stringFields(spec, o.body).map((f) => `${o.path} ${f}`));
    expect(fields).toEqual(
      expect.arrayContaining(['/cases/high-tech enterpriseName', '/cases/talent-permits talent.name', '/cases/talent-permits materials.0.kind', '/cases/{id}/corrections responses.0.item', '/steps/{id}/decision correctionItems.0', '/public-notices/{caseId}/objections reason']),
    );
    expect(checked).toBeGreaterThanOrEqual(100);
    expect(await written()).toEqual(before);
  });

  it('refuses such text in body keys, naming where', async () => {
    const missed: string[] = [];
    for (const op of operations.filter((o) => o.body)) {
      for (const [label, bad] of BAD) {
        const answer = await send(op, { ...(validBodies[`${op.method} ${op.path}`] ?? {}), [`键${bad}`]: 1 });
        const named = answer.status === 400 && answer.body.errors?.some((e: Schema) => e.field.startsWith('键\\u') && e.rule === 'storableText');
        if (!named) missed.push(`${op.method} ${op.path} key with ${label}: ${answer.status}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('refuses such text in every path and query parameter, naming it', async () => {
    const before = await written();
    const missed: string[] = [];
    for (const op of operations) {
      for (const param of op.parameters) {
        for (const [label, bad] of BAD) {
          const encoded = wtf8Percent(`bj${bad}yq`);
          const answer =
            param.in === 'path'
              ? await send(op, {}, concrete(op.path.replace(`{${param.name}}`, encoded)))
              : await send(op, {}, undefined, `?${param.name}=${encoded}`);
          const field = param.in === 'path' ? 'path' : param.name;
          if (!(answer.status === 400 && answer.body.errors?.some((e: Schema) => e.field === field && e.rule === 'storableText'))) {
            missed.push(`${op.method} ${op.path} ${param.in} ${param.name} with ${label}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`);
          }
        }
        // Free text only: an enumeration or a formatted string (a date) refuses an emoji for being no such value.
        if (param.in === 'query' && param.schema?.type === 'string' && !param.schema.enum && !param.schema.format) {
          const fine = await send(op, {}, undefined, `?${param.name}=${wtf8Percent(GOOD)}`);
          if (fine.status !== 200) missed.push(`${op.method} ${op.path} query ${param.name} refused ${GOOD}: ${fine.status}`);
        }
      }
    }
    expect(missed).toEqual([]);
    expect(operations.flatMap((o) => o.parameters).length).toBeGreaterThanOrEqual(20);
    expect(await written()).toEqual(before);
  });

  it('refuses __proto__, constructor, prototype and any unknown key in every body, at every level, naming it', async () => {
    const before = await written();
    const missed: string[] = [];
    for (const op of operations.filter((o) => o.body)) {
      for (const at of objectPaths(spec, op.body)) {
        for (const key of VANISHING_KEYS) {
          const field = at ? `${at}.${key}` : key;
          const answer = await send(op, setPath(clone(validBodies[`${op.method} ${op.path}`] ?? {}), field, { admin: true }));
          if (!(answer.status === 400 && answer.body.errors?.some((e: Schema) => e.field === field && e.rule === 'whitelistValidation'))) {
            missed.push(`${op.method} ${op.path} ${field}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`);
          }
        }
      }
    }
    expect(missed).toEqual([]);
    expect(await written()).toEqual(before);
  });

  it('refuses a body nested 6,000 levels deep (under 64 KB) with 400 naming the rule, not 500', async () => {
    const deep = `{"creditCode":"${me}","techField":"integrated-circuits","rdExpenses":${'['.repeat(6000)}${']'.repeat(6000)}}`;
    expect(deep.length).toBeLessThan(64 * 1024);
    const answer = await as(applicant(me)).post('/cases/high-tech', deep, { 'Idempotency-Key': idempotencyKey() });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: 'body', rule: 'maxDepth', code: 'validation.maxDepth', params: { field: 'body', max: 32 }, message: 'body 嵌套超过 32 层' }]);
    // Every operation with a body, and the departments' services too.
    for (const op of operations.filter((o) => o.body)) expect((await send(op, JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`))).status).toBe(400);
    const department = await departments('PUT', `/zgc/enterprises/${me}`, `{"name":${'['.repeat(6000)}${']'.repeat(6000)}}`);
    expect(department.status).toBe(400);
    expect(department.body.errors).toEqual([expect.objectContaining({ rule: 'maxDepth' })]);
  });

  it('accepts an astral character, stores it exactly, and the audit chain verifies', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise({ name: '北京😀云桥科技有限公司' }));
    const user = as(applicant(enterprise.creditCode));
    const { id } = await fileHighTech(applicationFor(enterprise, { enterpriseName: '北京😀云桥科技有限公司' }), undefined, user);
    const c = await awaitCase(user, id, (x) => x.projected && x.status !== 'verifying', 'a decision');
    expect(c.application.enterpriseName).toBe('北京😀云桥科技有限公司');
    expect((await verifyAuditChain(process.env.DATABASE_URL!, id)).broken).toEqual([]);
  });

  it('refuses such text sent to the departments’ services too', async () => {
    const answer = await departments('PUT', `/market-supervision/registrations/${me}`, {
      name: '北京\ud800云桥',
      registeredOn: '2018-05-20',
      province: '北京市',
      district: '海淀区',
      businessType: 'production',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'name', rule: 'storableText', message: '名称含有无法存储的字符（孤立代理项 U+D800）' })]);
  });
});

describe('integer parameters have bounds', () => {
  const user = as(supervisor());

  it.each([
    ['offset=99999999999999999999', 'offset', 'offset 必须是 0 到 100,000 之间的整数'],
    ['offset=100001', 'offset', 'offset 必须是 0 到 100,000 之间的整数'],
    ['offset=-1', 'offset', 'offset 必须是 0 到 100,000 之间的整数'],
    ['limit=0', 'limit', 'limit 必须是 1 到 200 之间的整数'],
    ['limit=201', 'limit', 'limit 必须是 1 到 200 之间的整数'],
    ['limit=abc', 'limit', 'limit 必须是 1 到 200 之间的整数'],
    ['limit=1.5', 'limit', 'limit 必须是 1 到 200 之间的整数'],
    ['limit=1e2', 'limit', 'limit 必须是 1 到 200 之间的整数'],
    ['limit=', 'limit', 'limit 必须是 1 到 200 之间的整数'],
    ['limit=5&limit=6', 'limit', 'limit 必须是 1 到 200 之间的整数'],
    ['process=nope', 'process', `process 必须是 ${PROCESS_CODES.join('、')} 之一`],
  ])('GET /cases?%s → 400 naming %s and its bounds', async (query, field, message) => {
    const answer = await user.get(`/cases?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field, message })]);
    expect(answer.body.message).toBe(message);
  });

  it('answers the bounds themselves, and the defaults', async () => {
    expect((await user.get('/cases?limit=200&offset=100000')).status).toBe(200);
    expect((await user.get('/cases?limit=1&offset=0&process=high-tech&status=certified')).status).toBe(200);
    expect((await user.get('/cases')).status).toBe(200);
  });

  it('refuses an unknown query parameter on a list, as an unknown body field is', async () => {
    const answer = await user.get('/cases?sort=name');
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'sort', rule: 'whitelistValidation' })]);
  });

  it('bounds a year in the departments’ paths (an int column) with 400, not 500', async () => {
    const answer = await departments('GET', `/tax/rd-expenses/${uniqueCreditCode()}/99999999999`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'year', message: '年度必须是 1 到 9999 之间的整数' })]);
  });
});
