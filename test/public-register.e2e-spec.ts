import 'reflect-metadata';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ReadModelActivities } from '../activities/read-model.activities';
import { talentApplication } from '../infra/talent-application';
import type { CaseSnapshot } from '../libs/domain';
import { PersonalDataSeal, READ_MODEL_MIGRATIONS, migrateReadModel, readModelDataSourceOptions } from '../libs/persistence';
import { agencyStaff, applicant, as } from './support/actors';
import { awaitCase, awaitDecision, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { api, idempotencyKey } from './support/http';
import { uploadTalentMaterials } from './support/materials';

const step = (c: any, name: string) => c.steps.find((s: any) => s.name === name);
const decide = async (user: ReturnType<typeof as>, stepId: string, body: Record<string, unknown>) => {
  const answer = await user.post(`/steps/${stepId}/decision`, body);
  expect([answer.status, answer.body?.message]).toEqual([200, undefined]);
};

/**
 * One public register for everything a case issues: certificates, 合规一码通 reports and the
 * permits of 两证联办, each verifiable by kind and number, none naming a person.
 */
describe('the public register', () => {
  it('holds both permits of 两证联办 and the 工作居住证, bound to the employer, with nothing of the talent', async () => {
    const employer = await loadEnterprise(eligibleEnterprise());
    const me = as(applicant(employer.creditCode));
    const filing = talentApplication({ creditCode: employer.creditCode, name: employer.name });
    const filed = await me.post('/cases/talent-permits', { ...filing, requests: { workResidencePermit: true, talentHousing: false }, materials: await uploadTalentMaterials(me) }, { 'Idempotency-Key': idempotencyKey() });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    const talentBureau = as(agencyStaff('talent-bureau'));
    let c = await awaitCase(me, id, (x) => step(x, '人才资格预审（市人才局）'), 'the pre-review');
    await decide(talentBureau, step(c, '人才资格预审（市人才局）').id, { decision: 'approve' });
    c = await awaitCase(me, id, (x) => step(x, '来华工作许可审查（市人社局）') && step(x, '北京市工作居住证（市人才局）'), 'the permit review');
    await decide(as(agencyStaff('hr-social-security')), step(c, '来华工作许可审查（市人社局）').id, { decision: 'approve' });
    await decide(as(agencyStaff('public-security')), step(c, '居留许可预审（市公安局）').id, { decision: 'approve' });
    await decide(talentBureau, step(c, '北京市工作居住证（市人才局）').id, { decision: 'approve' });
    const done = await awaitCase(me, id, (x) => x.status === 'completed', 'the permits');

    const { workPermit, residencePermit } = done.details.permits;
    const housingPermit = done.details.branches[0].result;
    expect(done.artefacts.map((a: any) => [a.kind, a.number, a.title]).sort()).toEqual(
      [
        ['permit', workPermit.number, '外国人来华工作许可'],
        ['permit', residencePermit.number, '外国人居留许可'],
        ['permit', housingPermit.number, '北京市工作居住证'],
      ].sort(),
    );
    for (const permit of [workPermit, residencePermit, housingPermit]) {
      const verified = await api('GET', `/verify/permit/${permit.number}`);
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({
        kind: 'permit',
        number: permit.number,
        holder: { name: employer.name, creditCode: employer.creditCode },
        validFrom: permit.validFrom,
        validUntil: permit.validUntil,
        status: 'valid',
      });
      const answer = JSON.stringify(verified.body);
      for (const personal of [filing.talent.name, filing.talent.passportNumber, filing.talent.dateOfBirth, filing.talent.position]) expect(answer).not.toContain(personal);
    }
    const unknown = await api('GET', `/verify/permit/${workPermit.number}0`);
    expect([unknown.status, unknown.body.message]).toEqual([404, '公开登记簿中没有该编号']);
  });

  it('answers a certificate the same at its own address and the register’s, and lists it on the case', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const me = as(applicant(enterprise.creditCode));
    const decided = await awaitDecision((await fileHighTech(applicationFor(enterprise), undefined, me)).id, me);
    expect(decided.status).toBe('certified');
    const { number } = decided.certificate;
    const legacy = (await api('GET', `/verify/certificates/${number}`)).body;
    const entry = (await api('GET', `/verify/certificate/${number}`)).body;
    expect(entry).toMatchObject({
      kind: 'certificate',
      title: '高新技术企业证书',
      issuer: 'zgc',
      holder: { name: legacy.enterpriseName, creditCode: legacy.creditCode },
      issuedOn: legacy.issuedOn,
      validUntil: legacy.validUntil,
      status: legacy.status,
      basis: legacy.basis,
      details: { techField: enterprise.techField },
    });
    expect(decided.artefacts).toEqual([entry]);
    expect((await api('GET', '/verify/no-such-kind/GR20990000000')).status).toBe(404);
  });
});

/** A projection the previous release scheduled, retried by this one after an upgrade, still reaches the register. */
describe('a projection in the previous release’s shape', () => {
  it('puts its certificate and its compliance report in the register, as the old tables had them', async () => {
    const dataSource = await new DataSource(readModelDataSourceOptions(process.env.DATABASE_URL!)).initialize();
    try {
      const readModel = new ReadModelActivities(dataSource, PersonalDataSeal.fromSettings({ TEMPORAL_PAYLOAD_KEY: process.env.TEMPORAL_PAYLOAD_KEY! }));
      const number = `GR20251${randomInt(1_000_000, 10_000_000)}`;
      const code = `HG${randomBytes(8).toString('hex').toUpperCase()}`;
      const snapshot = {
        id: `high-tech-legacy-${randomUUID()}`,
        process: 'high-tech',
        status: 'certified',
        applicantId: '91110108MA01XQ4T72',
        title: '北京芯算科技有限公司',
        version: 3,
        filedAt: '2025-03-04T05:06:07.089Z',
        application: {},
        certificate: { number, creditCode: '91110108MA01XQ4T72', enterpriseName: '北京芯算科技有限公司', techField: 'integrated-circuits', issuedOn: '2025-03-04', validUntil: '2099-12-31', basis: '京政办发〔2022〕19号', status: 'valid' },
        complianceReport: { code, creditCode: '91110108MA01XQ4T72', enterpriseName: '北京芯算科技有限公司', issuedAt: '2025-03-04T17:00:00.000Z', entries: [{ departmentName: '市税务局', status: 'clean', findings: [] }], status: 'valid' },
      } as unknown as CaseSnapshot;
      await readModel.project({ snapshot, timeline: [] });
      expect((await api('GET', `/verify/certificates/${number}`)).body).toEqual({
        number,
        enterpriseName: '北京芯算科技有限公司',
        creditCode: '91110108MA01XQ4T72',
        techField: '集成电路',
        issuedOn: '2025-03-04',
        validUntil: '2099-12-31',
        basis: '京政办发〔2022〕19号',
        status: 'valid',
      });
      expect((await api('GET', `/verify/compliance/${code}`)).body).toEqual({
        code,
        enterpriseName: '北京芯算科技有限公司',
        creditCode: '91110108MA01XQ4T72',
        issuedAt: '2025-03-04T17:00:00.000Z',
        status: 'valid',
        results: [{ department: '市税务局', result: 'clean', findings: [] }],
      });
      expect((await api('GET', `/verify/compliance-report/${code}`)).body.issuedOn).toBe('2025-03-05');
    } finally {
      await dataSource.destroy();
    }
  });
});

/** The migration moves the certificates and compliance reports in, enters the permits issued so far, and gives them back on the way down. */
describe('the public register migration', () => {
  const name = `register_${randomBytes(4).toString('hex')}`;
  const server = process.env.DATABASE_URL!.replace(/\/[^/]*$/, '');
  const url = `${server}/${name}`;
  const before = READ_MODEL_MIGRATIONS.findIndex((m) => m.name === 'PublicRegister1764920000000');
  let sql: Client;

  beforeAll(async () => {
    const admin = new Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const old = new DataSource({ ...readModelDataSourceOptions(url), migrations: READ_MODEL_MIGRATIONS.slice(0, before) });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    await old.destroy();
    sql = new Client({ connectionString: url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    const admin = new Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('carries every entry across, and back', async () => {
    await sql.query(`INSERT INTO certificates VALUES ('GR20251100001', 'high-tech-a', '91110108MA01XQ4T72', '北京芯算科技有限公司', 'integrated-circuits', '2025-03-01', '2028-02-29', '京政办发〔2022〕19号', 'revoked', '2025-06-01', '虚报', 7)`);
    await sql.query(
      `INSERT INTO compliance_reports VALUES ('HG0001', 'listing-a', '91110105MA02LK8P3N', '北京云桥科技有限公司', '2025-05-01T17:00:00Z', '[{"departmentName":"市生态环境局","status":"clean","findings":[]}]', 'superseded', 'HG0002', 4)`,
    );
    const permits = {
      workPermit: { number: 'WP2025000001', kind: 'work-permit', holderName: 'Anna Schmidt', passportNumber: 'enc:v1:…', validFrom: '2025-04-01', validUntil: '2027-03-31' },
      residencePermit: { number: 'RP2025000001', kind: 'residence-permit', holderName: 'Anna Schmidt', passportNumber: 'enc:v1:…', validFrom: '2025-04-01', validUntil: '2027-03-31' },
    };
    const branches = [{ kind: 'work-residence-permit', status: 'granted', result: { number: 'GJ2025000001', kind: 'work-residence-permit', holderName: 'Anna Schmidt', validFrom: '2025-04-02', validUntil: '2027-04-01' } }];
    await sql.query(
      `INSERT INTO cases (id, process, status, applicant_id, title, version, filed_at, application, assessment)
       VALUES ('talent-permits-a', 'talent-permits', 'completed', '91110108MA01XQ4T72', '北京芯算科技有限公司 · 工程师', 9, now(), $1, $2)`,
      [{ employerName: '北京芯算科技有限公司', employerCreditCode: '91110108MA01XQ4T72' }, { permits, branches }],
    );

    await migrateReadModel(url);
    const { rows } = await sql.query(
      `SELECT kind, number, holder_name, holder_credit_code, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, to_char(valid_until, 'YYYY-MM-DD') AS valid_until, status, superseded_by, details, version
         FROM public_register ORDER BY kind, number`,
    );
    expect(rows).toEqual([
      { kind: 'certificate', number: 'GR20251100001', holder_name: '北京芯算科技有限公司', holder_credit_code: '91110108MA01XQ4T72', issued_on: '2025-03-01', valid_until: '2028-02-29', status: 'revoked', superseded_by: null, details: { techField: 'integrated-circuits' }, version: 7 },
      // Issued at 01:00 on 2 May in Beijing.
      { kind: 'compliance-report', number: 'HG0001', holder_name: '北京云桥科技有限公司', holder_credit_code: '91110105MA02LK8P3N', issued_on: '2025-05-02', valid_until: null, status: 'superseded', superseded_by: 'HG0002', details: { entries: [{ departmentName: '市生态环境局', status: 'clean', findings: [] }] }, version: 4 },
      { kind: 'permit', number: 'GJ2025000001', holder_name: '北京芯算科技有限公司', holder_credit_code: '91110108MA01XQ4T72', issued_on: '2025-04-02', valid_until: '2027-04-01', status: 'valid', superseded_by: null, details: { permit: 'work-residence-permit' }, version: 9 },
      { kind: 'permit', number: 'RP2025000001', holder_name: '北京芯算科技有限公司', holder_credit_code: '91110108MA01XQ4T72', issued_on: '2025-04-01', valid_until: '2027-03-31', status: 'valid', superseded_by: null, details: { permit: 'residence-permit' }, version: 9 },
      { kind: 'permit', number: 'WP2025000001', holder_name: '北京芯算科技有限公司', holder_credit_code: '91110108MA01XQ4T72', issued_on: '2025-04-01', valid_until: '2027-03-31', status: 'valid', superseded_by: null, details: { permit: 'work-permit' }, version: 9 },
    ]);
    expect(JSON.stringify(rows)).not.toContain('Anna');
    expect((await sql.query(`SELECT to_regclass('certificates') AS c, to_regclass('compliance_reports') AS r`)).rows[0]).toEqual({ c: null, r: null });

    // Back to before the public register: undo it and every migration that came after it.
    const db = await new DataSource(readModelDataSourceOptions(url)).initialize();
    try {
      const after = READ_MODEL_MIGRATIONS.length - READ_MODEL_MIGRATIONS.findIndex((m) => m.name === 'PublicRegister1764920000000');
      for (let i = 0; i < after; i += 1) await db.undoLastMigration({ transaction: 'each' });
    } finally {
      await db.destroy();
    }
    expect((await sql.query(`SELECT number, status, revoked_reason, tech_field FROM certificates`)).rows).toEqual([{ number: 'GR20251100001', status: 'revoked', revoked_reason: '虚报', tech_field: 'integrated-circuits' }]);
    expect((await sql.query(`SELECT code, status, superseded_by, entries FROM compliance_reports`)).rows).toEqual([
      { code: 'HG0001', status: 'superseded', superseded_by: 'HG0002', entries: [{ departmentName: '市生态环境局', status: 'clean', findings: [] }] },
    ]);
  });
});
