import { INestApplication } from '@nestjs/common';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Client as PgClient } from 'pg';
import { startDepartments } from '../apps/departments/src/departments.bootstrap';
import { DEPARTMENTS_AUDIENCE, ServiceTokenSigner } from '../libs/auth/service-token';
import { departmentsConfigFrom } from '../libs/config';
import { supervisor, tokenFor } from './support/actors';
import { departmentsHeaders, uniqueCreditCode } from './support/http';

/**
 * Issue 14: the departments' services answered anyone — a certificate issued, a 失信 mark recorded
 * and a passport number read without any credential. Every call now carries a service token the
 * departments verify, in every mode; only /health is public.
 */

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: text ? (JSON.parse(text) as any) : undefined };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const now = () => Math.floor(Date.now() / 1000);

/** Credentials a caller might try instead of a valid one, each of which must get 401. */
function badCredentials(): Array<[string, Record<string, string>]> {
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const ours = process.env.DEPARTMENTS_SERVICE_PRIVATE_KEY!;
  return [
    ['no credential', {}],
    ['a token signed with another key (forged)', bearer(new ServiceTokenSigner('approvals-worker', stranger).token())],
    ['an expired token', bearer(jwt.sign({ iat: now() - 300 }, ours, { algorithm: 'RS256', issuer: 'approvals-worker', subject: 'approvals-worker', audience: DEPARTMENTS_AUDIENCE, expiresIn: 60 }))],
    ['a token for another audience', bearer(jwt.sign({}, ours, { algorithm: 'RS256', issuer: 'approvals-worker', subject: 'approvals-worker', audience: 'beijing-approvals', expiresIn: 60 }))],
    ['a user token of the API', bearer(tokenFor(supervisor()))],
    ['an unsigned token (alg none)', bearer(jwt.sign({ iss: 'approvals-worker', sub: 'approvals-worker', aud: DEPARTMENTS_AUDIENCE, exp: now() + 60 }, '', { algorithm: 'none' }))],
    ['a Basic credential', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
  ];
}

function certificateRequest(caseId: string) {
  return { caseId, creditCode: uniqueCreditCode(), enterpriseName: '北京伪造科技有限公司', techField: 'integrated-circuits', issuedOn: '2026-01-05', validUntil: '2028-12-31', basis: '京政办发〔2022〕19号' };
}

function workPermitRequest(caseId: string, passportNumber = 'C4XK29T71') {
  return {
    caseId,
    holderName: 'Anna Schmidt',
    passportNumber,
    nationality: 'DEU',
    employerCreditCode: uniqueCreditCode(),
    position: '首席算法科学家',
    validFrom: '2026-03-02',
    validUntil: '2027-12-31',
  };
}

let departmentsDb: PgClient;
beforeAll(async () => {
  departmentsDb = new PgClient({ connectionString: process.env.DEPARTMENTS_DATABASE_URL });
  await departmentsDb.connect();
});
afterAll(async () => {
  await departmentsDb?.end();
});

const rows = async (sql: string, params: unknown[]) => (await departmentsDb.query(sql, params)).rows;

describe.each([
  ['test', 'the stack the tests run on'],
  ['development', 'npm start'],
  ['production', 'NODE_ENV=production'],
] as const)('the departments in %s mode (%s)', (mode, _how) => {
  let base: string;
  let app: INestApplication | undefined;
  const quiet: jest.SpyInstance[] = [];

  beforeAll(async () => {
    if (mode === 'test') {
      base = process.env.DEPARTMENTS_URL!;
      return;
    }
    // Their own departments' service in that mode, on the stack's database; its start-up and refusal logs kept out of the test output.
    quiet.push(jest.spyOn(process.stdout, 'write').mockImplementation(() => true));
    const started = await startDepartments(departmentsConfigFrom({ ...process.env, NODE_ENV: mode, DEPARTMENTS_PORT: '0', DEPARTMENTS_DEV_ENDPOINTS: undefined }));
    app = started.app;
    base = started.url;
  });
  afterAll(async () => {
    await app?.close();
    for (const spy of quiet) spy.mockRestore();
  });

  it('answer /health without a credential (the API’s readiness probe)', async () => {
    expect((await call(base, 'GET', '/health')).status).toBe(200);
  });

  it('issue no certificate to a caller without a valid service token', async () => {
    for (const [what, headers] of badCredentials()) {
      const caseId = `forged-${randomUUID()}`;
      const answer = await call(base, 'POST', '/zgc/certificates', certificateRequest(caseId), headers);
      expect([what, answer.status]).toEqual([what, 401]);
      expect(await rows('SELECT number FROM zgc.certificates WHERE case_id = $1', [caseId])).toEqual([]);
    }
    // The same request, signed, is issued: the refusal was the credential's.
    const caseId = `signed-${randomUUID()}`;
    expect((await call(base, 'POST', '/zgc/certificates', certificateRequest(caseId), departmentsHeaders())).status).toBe(201);
    expect(await rows('SELECT number FROM zgc.certificates WHERE case_id = $1', [caseId])).toHaveLength(1);
  });

  it('record no 失信 mark for a caller without a valid service token', async () => {
    const creditCode = uniqueCreditCode();
    for (const [what, headers] of badCredentials()) {
      const answer = await call(base, 'POST', '/zgc/credit-marks', { creditCode, caseId: `forged-${randomUUID()}`, reason: '虚报境内研发费用' }, headers);
      expect([what, answer.status]).toEqual([what, 401]);
    }
    expect((await call(base, 'GET', `/zgc/credit-marks/${creditCode}`, undefined, departmentsHeaders())).body).toEqual([]);
    expect((await call(base, 'GET', `/zgc/credit-marks/${creditCode}`)).status).toBe(401);
  });

  it('show a permit (and its holder’s passport) to no caller without a valid service token', async () => {
    const issued = await call(base, 'POST', '/hr-social-security/work-permits', workPermitRequest(`talent-${randomUUID()}`), departmentsHeaders());
    expect(issued.status).toBe(201);
    for (const [what, headers] of badCredentials()) {
      const answer = await call(base, 'GET', `/hr-social-security/work-permits/${issued.body.number}`, undefined, headers);
      expect([what, answer.status]).toEqual([what, 401]);
      expect(answer.text).not.toContain('C4XK29T71');
      expect(answer.text).not.toContain('Anna');
    }
  });

  it('keep the record-loading and fault endpoints behind the same check, and out of production', async () => {
    const creditCode = uniqueCreditCode();
    const registration = { name: '北京测试科技有限公司', registeredOn: '2018-05-20', province: '北京市', district: '海淀区', businessType: 'production' };
    for (const [what, headers] of badCredentials()) {
      expect([what, (await call(base, 'PUT', `/market-supervision/registrations/${creditCode}`, registration, headers)).status]).toEqual([what, 401]);
      expect([what, (await call(base, 'POST', '/dev/faults', { department: 'tax', count: 1 }, headers)).status]).toEqual([what, 401]);
    }
    const signed = departmentsHeaders();
    const loaded = await call(base, 'PUT', `/market-supervision/registrations/${creditCode}`, registration, signed);
    const faults = await call(base, 'GET', '/dev/faults', undefined, signed);
    if (mode === 'production') {
      expect([loaded.status, faults.status]).toEqual([404, 404]);
    } else {
      expect([loaded.status, faults.status]).toEqual([200, 200]);
    }
  });
});

describe('faults planned for the departments', () => {
  it('are met by signed callers only: a call without a credential gets its 401 and leaves the fault in place', async () => {
    const base = process.env.DEPARTMENTS_URL!;
    const creditCode = uniqueCreditCode();
    const path = `/statistics/enterprise-scale/${creditCode}/2025`;
    expect((await call(base, 'POST', '/dev/faults', { department: 'statistics', count: 1, status: 503, creditCode }, departmentsHeaders())).status).toBe(204);
    expect((await call(base, 'GET', path)).status).toBe(401);
    expect((await call(base, 'GET', path, undefined, departmentsHeaders())).status).toBe(503);
    expect((await call(base, 'GET', path, undefined, departmentsHeaders())).status).toBe(404);
  });
});

describe('permits as the departments answer them', () => {
  const base = () => process.env.DEPARTMENTS_URL!;

  it.each([
    ['市人社局 work permit', '/hr-social-security/work-permits', (caseId: string) => workPermitRequest(caseId, 'E7730415')],
    ['出入境 residence permit', '/public-security/residence-permits', (caseId: string) => {
      const { position: _position, ...person } = workPermitRequest(caseId, 'E7730415');
      return { ...person, workPermitNumber: 'WP2026123456' };
    }],
    ['市人才局 工作居住证', '/talent-bureau/work-residence-permits', (caseId: string) => {
      const { position: _position, nationality: _nationality, ...person } = workPermitRequest(caseId, 'E7730415');
      return person;
    }],
  ])('show the %s holder’s passport number masked, on issue and on lookup', async (_what, path, request) => {
    const caseId = `talent-${randomUUID()}`;
    const issued = await call(base(), 'POST', path, request(caseId), departmentsHeaders());
    expect([issued.status, issued.body.passportNumber]).toEqual([201, 'E7****15']);
    const found = await call(base(), 'GET', `${path}/${issued.body.number}`, undefined, departmentsHeaders());
    expect([found.status, found.body.passportNumber, found.body.holderName]).toEqual([200, 'E7****15', 'Anna Schmidt']);
    expect(found.text).not.toContain('E7730415');
    // The department's own register keeps the number whole: only its answers mask it.
    expect(await rows(`SELECT passport_number FROM ${path.split('/')[1].replace(/-/g, '_')}.${path.split('/')[2].replace(/-/g, '_')} WHERE case_id = $1`, [caseId])).toEqual([
      { passport_number: 'E7730415' },
    ]);
  });

  it('are numbered unguessably: the same format, but no number says what the next one is', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      const caseId = `talent-${randomUUID()}`;
      const issued = await call(base(), 'POST', '/hr-social-security/work-permits', workPermitRequest(caseId), departmentsHeaders());
      expect(issued.status).toBe(201);
      // A retry for the same case finds the same permit, not a new number.
      expect((await call(base(), 'POST', '/hr-social-security/work-permits', workPermitRequest(caseId), departmentsHeaders())).body.number).toBe(issued.body.number);
      numbers.push(issued.body.number);
    }
    for (const n of numbers) expect(n).toMatch(/^WP2026\d{6}$/);
    const serials = numbers.map((n) => Number(n.slice(-6)));
    // A sequence issues these eight within a few numbers of each other; drawn at random over a
    // million they lie that close together with a probability of about 1e-13.
    expect(Math.max(...serials) - Math.min(...serials)).toBeGreaterThan(10_000);
  });
});
