import { Client, Connection } from '@temporalio/client';
import { randomInt, randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { talentApplication } from '../infra/talent-application';
import { beijingDate, lastDayOfYears } from '../libs/domain';
import { recertificationOpensOn } from '../libs/processes/high-tech/high-tech.contract';
import { applicant, as } from './support/actors';
import { awaitCase } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { departments, eventually, idempotencyKey, uniqueCreditCode } from './support/http';
import { testDataConverter } from './support/workflow-env';
import { uploadTalentMaterials } from './support/materials';

/**
 * One open case per subject and process (issue 14): filings for an enterprise (or, for 两证联办,
 * a talent at one employer) that has a case under way are refused with 409 naming that case,
 * atomically, however many arrive at once; a certified enterprise is refused a new certification
 * until its certificate's last year of validity. Retries under the same Idempotency-Key are
 * answered as before.
 */

const daysAgo = (n: number) => beijingDate(new Date(Date.now() - n * 86_400_000));
/** The date `n` years before today (Beijing), as the register would show an old issue date. */
const yearsAgo = (n: number) => {
  const [y, m, d] = beijingDate(new Date()).split('-').map(Number);
  return new Date(Date.UTC(y - n, m - 1, d)).toISOString().slice(0, 10);
};
const statusesOf = (answers: Array<{ status: number }>) => answers.map((a) => a.status).sort((a, b) => a - b);

let db: PgClient;
let connection: Connection;
let temporal: Client;
beforeAll(async () => {
  db = new PgClient({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  temporal = new Client({ connection, dataConverter: testDataConverter() });
});
afterAll(async () => {
  await db?.end();
  await connection?.close();
});

describe('one enterprise, one high-tech case at a time', () => {
  it('certifies an enterprise once when it files twenty times at once, each time under another key', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const me = as(applicant(enterprise.creditCode));
    const keys = Array.from({ length: 20 }, () => idempotencyKey());

    const answers = await Promise.all(keys.map((key) => me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': key })));

    expect(statusesOf(answers)).toEqual([201, ...Array(19).fill(409)]);
    const winner = answers.find((a) => a.status === 201)!;
    const caseId = winner.body.id as string;
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.openCase).toEqual({ id: caseId });
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'creditCode', rule: 'oneOpenCase', code: 'filing.oneOpenCase', message: refused.body.message })]);
      expect(refused.body.message).toBe(`该企业已有在办的高新技术企业认定申请（案件 ${caseId}），办结前不能再次申请`);
    }
    // No case was made under any refused key.
    const refusedKey = keys[answers.findIndex((a) => a.status === 409)];
    expect((await me.get(`/cases/high-tech-${refusedKey}`)).status).toBe(404);

    // The winner's own retry is still the same case, 200, whatever the claim says.
    const winnerKey = keys[answers.indexOf(winner)];
    const retried = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': winnerKey });
    expect([retried.status, retried.body.id]).toEqual([200, caseId]);

    const certified = await awaitCase(me, caseId, (c) => c.status === 'certified' && c.timeline.filter((e: any) => e.action === 'notified').length === 2, 'certification and both notices');
    const { number, validUntil } = certified.certificate;

    // One certificate, one tax record, one district listing, each in its department's own service.
    expect((await departments('GET', `/zgc/certificates?creditCode=${enterprise.creditCode}`)).body.map((c: any) => c.number)).toEqual([number]);
    expect((await departments('GET', `/tax/preferential-status/${enterprise.creditCode}`)).body.map((t: any) => t.certificateNumber)).toEqual([number]);
    expect((await departments('GET', `/district/cultivation-list/${enterprise.creditCode}`)).body.map((d: any) => d.certificateNumber)).toEqual([number]);

    // Certified, the case has ended; now the certificate is what refuses the next filing.
    const again = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': idempotencyKey() });
    expect(again.status).toBe(409);
    expect(again.body.certificate).toEqual({ number, validUntil, recertificationFrom: recertificationOpensOn(validUntil) });
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'creditCode', rule: 'validCertificate', code: 'filing.validCertificate', message: again.body.message })]);
    expect(again.body.message).toBe(
      `该企业持有有效的高新技术企业证书 ${number}（有效期至 ${validUntil}），证书有效期最后一年内（${recertificationOpensOn(validUntil)} 起）方可申请重新认定`,
    );
    // And a retry of the certified case is still that case.
    const retriedLater = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': winnerKey });
    expect([retriedLater.status, retriedLater.body.id, retriedLater.body.status]).toEqual([200, caseId, 'certified']);
  });

  it('lets the enterprise file again once its open case has ended, and still answers a retry of the ended one', async () => {
    // Below designated size: off the fast path, the case waits for 受理.
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const me = as(applicant(enterprise.creditCode));
    const firstKey = idempotencyKey();
    const first = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': firstKey });
    expect(first.status).toBe(201);
    await awaitCase(me, first.body.id, (c) => c.status === 'acceptance', 'acceptance');

    const second = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': idempotencyKey() });
    expect([second.status, second.body.openCase]).toEqual([409, { id: first.body.id }]);

    expect((await me.post(`/cases/${first.body.id}/withdraw`, { reason: '材料准备不足，撤回重报' })).status).toBe(200);
    await awaitCase(me, first.body.id, (c) => c.status === 'withdrawn', 'the withdrawal');

    const retried = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': firstKey });
    expect([retried.status, retried.body.id, retried.body.status]).toEqual([200, first.body.id, 'withdrawn']);
    const third = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': idempotencyKey() });
    expect(third.status).toBe(201);
    expect(third.body.id).not.toBe(first.body.id);
  });
});

describe('re-certification (重新认定) in the certificate’s last year of validity', () => {
  /** An enterprise certified years ago, as the public register (the read model) holds it. */
  async function certifiedOn(issuedOn: string) {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const number = `GR${issuedOn.slice(0, 4)}11${randomInt(90_000, 100_000)}`;
    const validUntil = lastDayOfYears(issuedOn, 3);
    await db.query(
      `INSERT INTO public_register (kind, number, case_id, process, title, issuer, holder_name, holder_credit_code, issued_on, valid_from, valid_until, basis, status, details, version)
       VALUES ('certificate', $1, $2, 'high-tech', '高新技术企业证书', 'zgc', $3, $4, $5, $5, $6, '《高新技术企业认定管理办法》', 'valid', $7, 1)`,
      [number, `high-tech-earlier-${randomUUID()}`, enterprise.name, enterprise.creditCode, issuedOn, validUntil, { techField: enterprise.techField }],
    );
    return { enterprise, number, validUntil, me: as(applicant(enterprise.creditCode)) };
  }

  it('refuses a filing while more than a year of validity remains, naming the certificate and the first day it may be filed', async () => {
    const { enterprise, number, validUntil, me } = await certifiedOn(daysAgo(400));
    const answer = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': idempotencyKey() });
    expect(answer.status).toBe(409);
    expect(answer.body.certificate).toEqual({ number, validUntil, recertificationFrom: recertificationOpensOn(validUntil) });
    // The refused filing holds nothing: the next is refused for the certificate too, not for an open case.
    const next = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': idempotencyKey() });
    expect([next.status, next.body.errors?.[0]?.rule]).toEqual([409, 'validCertificate']);
  });

  it('refuses it the day before the last year begins, and takes it on that day', async () => {
    const dayBefore = await certifiedOn(beijingDate(new Date(Date.parse(yearsAgo(2)) + 86_400_000)));
    expect(recertificationOpensOn(dayBefore.validUntil)).toBe(beijingDate(new Date(Date.now() + 86_400_000)));
    const refused = await dayBefore.me.post('/cases/high-tech', applicationFor(dayBefore.enterprise), { 'Idempotency-Key': idempotencyKey() });
    expect([refused.status, refused.body.certificate?.number]).toEqual([409, dayBefore.number]);

    const firstDay = await certifiedOn(yearsAgo(2));
    expect(recertificationOpensOn(firstDay.validUntil)).toBe(beijingDate(new Date()));
    const filed = await firstDay.me.post('/cases/high-tech', applicationFor(firstDay.enterprise), { 'Idempotency-Key': idempotencyKey() });
    expect(filed.status).toBe(201);
  });

  it('does not count a certificate that has expired or been revoked', async () => {
    const expired = await certifiedOn(yearsAgo(4));
    expect((await expired.me.post('/cases/high-tech', applicationFor(expired.enterprise), { 'Idempotency-Key': idempotencyKey() })).status).toBe(201);
    const revoked = await certifiedOn(daysAgo(100));
    await db.query(`UPDATE public_register SET status = 'revoked', revoked_on = $2, revoked_reason = '虚报境内研发费用' WHERE kind = 'certificate' AND number = $1`, [revoked.number, daysAgo(1)]);
    expect((await revoked.me.post('/cases/high-tech', applicationFor(revoked.enterprise), { 'Idempotency-Key': idempotencyKey() })).status).toBe(201);
  });
});

describe('one 两证联办 per talent and employer', () => {
  const passportNumber = () => `E${randomInt(10_000_000, 100_000_000)}`;

  it('opens one case for five filings at once, naming it without the passport, and keeps no passport in clear', async () => {
    const employer = await loadEnterprise(eligibleEnterprise());
    const me = as(applicant(employer.creditCode));
    const passport = passportNumber();
    // Each filing with its own uploads: an upload is filed once.
    const filings = await Promise.all(Array.from({ length: 5 }, async () => ({ ...talentApplication({ creditCode: employer.creditCode, name: employer.name }, { passportNumber: passport }), materials: await uploadTalentMaterials(me) })));

    const answers = await Promise.all(filings.map((filing) => me.post('/cases/talent-permits', filing, { 'Idempotency-Key': idempotencyKey() })));

    expect(statusesOf(answers)).toEqual([201, 409, 409, 409, 409]);
    const caseId = answers.find((a) => a.status === 201)!.body.id;
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.openCase).toEqual({ id: caseId });
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'talent.passportNumber', rule: 'oneOpenCase', code: 'filing.oneOpenCase', message: refused.body.message })]);
      expect(refused.body.message).toContain(`${passport.slice(0, 2)}****${passport.slice(-2)}`);
      expect(JSON.stringify(refused.body)).not.toContain(passport);
    }
    const { rows } = await db.query(`SELECT * FROM subject_claims WHERE case_id = $1`, [caseId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].subject).toMatch(/^t1:[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(rows)).not.toContain(passport);
    expect(JSON.stringify(rows)).not.toContain(passport.slice(1));

    // Another talent of the same employer, or the same passport number issued by another country, is another subject.
    const another = { ...talentApplication({ creditCode: employer.creditCode, name: employer.name }, { passportNumber: passportNumber() }), materials: await uploadTalentMaterials(me) };
    expect((await me.post('/cases/talent-permits', another, { 'Idempotency-Key': idempotencyKey() })).status).toBe(201);
    const otherCountry = { ...talentApplication({ creditCode: employer.creditCode, name: employer.name }, { passportNumber: passport, nationality: 'FRA' }), materials: await uploadTalentMaterials(me) };
    expect((await me.post('/cases/talent-permits', otherCountry, { 'Idempotency-Key': idempotencyKey() })).status).toBe(201);
  });

  it('lets another employer file for the same talent', async () => {
    const passport = passportNumber();
    for (const employer of [await loadEnterprise(eligibleEnterprise()), await loadEnterprise(eligibleEnterprise())]) {
      const me = as(applicant(employer.creditCode));
      const filing = { ...talentApplication({ creditCode: employer.creditCode, name: employer.name }, { passportNumber: passport }), materials: await uploadTalentMaterials(me) };
      const filed = await me.post('/cases/talent-permits', filing, { 'Idempotency-Key': idempotencyKey() });
      expect(filed.status).toBe(201);
    }
  });
});

describe('one listing case per enterprise', () => {
  it('opens one case for five filings at once, and another once that one is refused', async () => {
    // Not in the unicorn library: refused at once, which ends the case.
    const creditCode = uniqueCreditCode();
    const me = as(applicant(creditCode));
    const filing = { creditCode, enterpriseName: '北京测试独角兽科技有限公司', exchange: 'BSE', sponsor: '中信建投证券', district: '海淀区' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => me.post('/cases/listing', filing, { 'Idempotency-Key': idempotencyKey() })));
    expect(statusesOf(answers)).toEqual([201, 409, 409, 409, 409]);
    const caseId = answers.find((a) => a.status === 201)!.body.id;
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.openCase.id)).toEqual([caseId, caseId, caseId, caseId]);
    expect(answers.find((a) => a.status === 409)!.body.message).toContain('已有在办的上市即报即审申请');

    await awaitCase(me, caseId, (c) => c.status === 'refused', 'the refusal');
    expect((await me.post('/cases/listing', filing, { 'Idempotency-Key': idempotencyKey() })).status).toBe(201);
  });
});

describe('a claim left behind', () => {
  it('is taken over when its case never started, once the grace period has passed', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const me = as(applicant(enterprise.creditCode));
    // The API stopped between claiming the enterprise and starting the workflow.
    const orphan = `high-tech-orphan-${randomUUID()}`;
    await db.query(`INSERT INTO subject_claims (case_id, process, subject) VALUES ($1, 'high-tech', $2)`, [orphan, enterprise.creditCode]);

    const meanwhile = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': idempotencyKey() });
    expect([meanwhile.status, meanwhile.body.openCase]).toEqual([409, { id: orphan }]);

    await db.query(`UPDATE subject_claims SET claimed_at = now() - interval '2 minutes' WHERE case_id = $1`, [orphan]);
    const filed = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': idempotencyKey() });
    expect(filed.status).toBe(201);
    expect((await db.query(`SELECT 1 FROM subject_claims WHERE case_id = $1`, [orphan])).rows).toEqual([]);
  });

  it('is released when its workflow ended without saying so (terminated by an operator)', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const me = as(applicant(enterprise.creditCode));
    const first = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': idempotencyKey() });
    await awaitCase(me, first.body.id, (c) => c.status === 'acceptance', 'acceptance');
    await temporal.workflow.getHandle(first.body.id).terminate('operator: filed in error');

    const again = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': idempotencyKey() });
    expect(again.status).toBe(201);
    const { rows } = await db.query(`SELECT released_at FROM subject_claims WHERE case_id = $1`, [first.body.id]);
    expect(rows[0].released_at).toEqual(expect.any(Date));
    await eventually('the new case projected', async () => ((await me.get(`/cases/${again.body.id}`)).body.projected ? true : undefined));
  });
});
