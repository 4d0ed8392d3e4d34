import { Client, Connection } from '@temporalio/client';
import { uploadTalentMaterials } from './support/materials';
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { ReadModelActivities } from '../activities/read-model.activities';
import type { CaseProjection } from '../libs/domain';
import { PersonalDataSeal, readModelDataSourceOptions } from '../libs/persistence';
import { talentApplication } from '../infra/talent-application';
import { ENGINE_DOCUMENT_KINDS } from '../libs/domain';
import { REGISTERED } from '../libs/processes';
import { ApiUser, agencyStaff, applicant, as, supervisor, tokenFor } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { api, departments, eventually, idempotencyKey, uniqueCreditCode } from './support/http';
import { readPdf } from './support/pdf';
import { loadRewardEnterprise } from './support/reward-products';
import { testDataConverter } from './support/workflow-env';

/**
 * Every kind of document the processes issue, as the PDF a person downloads: its 文号 and the
 * enterprise's name are in its text, its QR code opens the public verification page of that
 * 文号, and the verification — by number and by the file itself — answers genuine; revoked once
 * what it certifies is revoked; unknown for the same file with one byte changed.
 */
const zgc = as(agencyStaff('zgc', 'zgc-reviewer'));
const boss = as(supervisor());
const stepNamed = (c: any, name: string) => c.steps.find((s: any) => s.name === name);

async function ok(answer: Promise<{ status: number; body: any }>) {
  const a = await answer;
  expect([a.status, a.body?.message]).toEqual([200, undefined]);
  return a.body;
}

/**
 * Each call on its own connection: reading a PDF with pdf.js holds this process's event loop for
 * seconds, past the server's keep-alive, and a pooled connection the server has meanwhile closed
 * would fail the next call (ECONNRESET) for a reason that is the test's, not the API's.
 */
const CLOSE = { connection: 'close' };

/** GET as `user`, the body as bytes. */
async function download(user: ApiUser, path: string) {
  const response = await fetch(`${process.env.API_URL}${path}`, { headers: { ...CLOSE, authorization: `Bearer ${tokenFor(user.actor)}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function verifyFile(bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'document.pdf');
  const response = await fetch(`${process.env.API_URL}/verify`, { method: 'POST', body: form, headers: CLOSE });
  return { status: response.status, body: (await response.json()) as any };
}

async function verifyNumber(number: string) {
  const response = await fetch(`${process.env.API_URL}/verify?number=${encodeURIComponent(number)}`, { headers: CLOSE });
  return { status: response.status, body: (await response.json()) as any };
}

/** What a case's documents are, once its projection has them numbered. */
async function documentsOf(user: ApiUser, caseId: string, kinds: string[]) {
  return eventually(`documents ${kinds.join(', ')} on ${caseId}`, async () => {
    const docs = (await user.get(`/cases/${caseId}/notices`)).body as any[];
    return kinds.every((k) => docs.some((d) => d.kind === k && d.number)) ? docs : undefined;
  });
}

/** The kinds checked so far, each with its case and PDF, for the revocation and the final tally. */
const checked = new Map<string, { caseId: string; number: string; pdf: Buffer }>();

/**
 * Downloads the document's PDF as `user` and checks what a reader and a verifier see. Returns
 * the PDF for further checks.
 */
async function checkPdf(user: ApiUser, caseId: string, doc: any, enterpriseName: string): Promise<Buffer> {
  // Registered as it was issued: the worker made the PDF and kept its SHA-256 before anyone asked for it.
  const registered = await eventually(`the PDF of ${doc.kind} ${doc.number} registered at issue`, async () => {
    const { rows: [row] } = await readModel.query(`SELECT sha256 FROM document_files WHERE document_id = $1`, [doc.id]);
    return row?.sha256 as string | undefined;
  });
  const path = `/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(doc.id)}/pdf`;
  const first = await download(user, path);
  expect([doc.kind, first.status, first.headers.get('content-type')]).toEqual([doc.kind, 200, 'application/pdf']);
  expect([doc.kind, createHash('sha256').update(first.bytes).digest('hex')]).toEqual([doc.kind, registered]);
  // Saved under its Chinese name: title and 文号.
  expect(first.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`${doc.title}（${doc.number}）.pdf`).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
  // The same file, byte for byte, on every download.
  const again = await download(user, path);
  expect(again.bytes.equals(first.bytes)).toBe(true);

  const read = await readPdf(first.bytes);
  expect([doc.kind, read.text.includes(doc.number), read.text.includes(enterpriseName)]).toEqual([doc.kind, true, true]);
  // No codes where a reader expects Chinese (the test officials' names end in their user ids: zgc 工作人员 zgc-reviewer).
  expect([doc.kind, read.text.replace(/工作人员 [a-z-]+/g, '').match(/\b[a-z]+(-[a-z]+)+\b|[a-z]+[A-Z][A-Za-z]*/g)]).toEqual([doc.kind, null]);
  const verifyUrl = `${process.env.API_URL}/console/#/verify/${encodeURIComponent(doc.number)}`;
  expect([doc.kind, read.qrCodes]).toEqual([doc.kind, [verifyUrl]]);

  const byNumber = await verifyNumber(decodeURIComponent(verifyUrl.split('/verify/')[1]));
  expect([doc.kind, byNumber.status, byNumber.body.result]).toEqual([doc.kind, 200, 'genuine']);
  expect(byNumber.body.document).toMatchObject({ number: doc.number, kind: doc.kind, title: doc.title, enterpriseName });
  expect(byNumber.body.message).toMatch(/^真实有效/);
  const byFile = await verifyFile(first.bytes);
  expect([doc.kind, byFile.status, byFile.body.result, byFile.body.document?.number]).toEqual([doc.kind, 200, 'genuine', doc.number]);
  const altered = Buffer.from(first.bytes);
  altered[Math.floor(altered.length / 2)] ^= 0x01;
  const unknown = await verifyFile(altered);
  expect([doc.kind, unknown.status, unknown.body.result, unknown.body.document]).toEqual([doc.kind, 200, 'unknown', undefined]);
  expect(unknown.body.message).toMatch(/^无法核验/);

  checked.set(doc.kind, { caseId, number: doc.number, pdf: first.bytes });
  return first.bytes;
}

let connection: Connection;
let temporal: Client;
let readModel: PgClient;
beforeAll(async () => {
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  temporal = new Client({ connection, dataConverter: testDataConverter() });
  readModel = new PgClient({ connectionString: process.env.DATABASE_URL });
  await readModel.connect();
});
afterAll(async () => {
  await connection?.close();
  await readModel?.end();
});

describe('issued documents as PDFs with 文号 and a verifiable QR code', () => {
  it('numbers each department’s documents in its own yearly sequence, once: 京科〔year〕n号', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const me = as(applicant(enterprise.creditCode));
    const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
    const atAcceptance = await awaitCase(me, id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'acceptance');
    await ok(zgc.post(`/steps/${atAcceptance.steps[0].id}/decision`, { decision: 'accept' }));
    const review = stepNamed(await awaitCase(me, id, (c) => c.status === 'formal-review' && stepNamed(c, '形式审查'), 'formal review'), '形式审查');
    await ok(boss.post(`/cases/${id}/extensions`, { reason: '需组织专家论证，经负责人批准延长十日' }));
    await ok(zgc.post(`/steps/${review.id}/exclusions`, { kind: 'expert-review', expectedDays: 10, note: '组织专家评审' }));
    await ok(zgc.post(`/steps/${review.id}/decision`, { decision: 'return', reason: '材料不全', correctionItems: ['补充2025年度研发费用专项审计报告'] }));
    const docs = await documentsOf(me, id, ['acceptance-notice', 'extension-notice', 'exclusion-notice', 'correction-notice']);

    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const sequence = docs.map((d) => d.number.match(new RegExp(`^京科〔${year}〕(\\d+)号$`))?.[1]);
    expect(sequence.every(Boolean)).toBe(true);
    // Issued one after another by 市科委: numbers rise in that order, none given twice.
    const numbers = sequence.map(Number);
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    expect(new Set(numbers).size).toBe(numbers.length);

    for (const doc of docs) await checkPdf(me, id, doc, enterprise.name);
    // The agency and the supervisor may download it too; another applicant is told the case does not exist.
    expect((await download(zgc, `/cases/${id}/documents/${docs[0].id}/pdf`)).status).toBe(200);
    expect((await download(boss, `/cases/${id}/documents/${docs[0].id}/pdf`)).status).toBe(200);
    expect((await download(as(applicant(uniqueCreditCode())), `/cases/${id}/documents/${docs[0].id}/pdf`)).status).toBe(404);
    expect((await download(me, `/cases/${id}/documents/${id}.d99/pdf`)).status).toBe(404);
    await ok(me.post(`/cases/${id}/withdraw`, { reason: '撤回申请' }));
  }, 90_000);

  it('a refusal notice', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const me = as(applicant(enterprise.creditCode));
    const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
    const atAcceptance = await awaitCase(me, id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'acceptance');
    await ok(zgc.post(`/steps/${atAcceptance.steps[0].id}/decision`, { decision: 'refuse', reason: '申请事项不属于本机关职权范围' }));
    const [refusal] = (await documentsOf(me, id, ['refusal-notice'])).filter((d) => d.kind === 'refusal-notice');
    await checkPdf(me, id, refusal, enterprise.name);
  }, 60_000);

  it('a certificate: genuine, then revoked once the spot check revokes it; the revocation notice itself genuine', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const me = as(applicant(enterprise.creditCode));
    const caseId = `high-tech-documents-${randomUUID()}`;
    // Every fast-path approval drawn for the spot check: the share is 100 % for this case.
    const handle = await temporal.workflow.start('highTechCertification', {
      taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'approvals',
      workflowId: caseId,
      args: [{ application: applicationFor(enterprise), options: { spotCheckPercent: 100 }, filedBy: applicant(enterprise.creditCode) }],
    });
    await awaitCase(me, caseId, (c) => c.status === 'certified' && stepNamed(c, '事后抽查'), 'the spot check');
    const [certificate] = (await documentsOf(me, caseId, ['certificate'])).filter((d) => d.kind === 'certificate');
    const pdf = await checkPdf(me, caseId, certificate, enterprise.name);
    // Typed with a keyboard's brackets and spaces: the same number.
    const typed = certificate.number.replace('〔', ' [').replace('〕', '] ');
    expect((await verifyNumber(typed)).body.result).toBe('genuine');

    const step = await eventually('the spot check in 市科委 inbox', async () => ((await zgc.get('/inbox')).body as any[]).find((s) => s.caseId === caseId));
    await ok(zgc.post(`/steps/${step.id}/decision`, { decision: 'reject', reason: '虚报境内研发费用' }));
    expect((await handle.result()).status).toBe('revoked');

    const revoked = await eventually('the revocation', async () => {
      const v = (await verifyNumber(certificate.number)).body;
      return v.result === 'revoked' ? v : undefined;
    });
    expect(revoked.message).toMatch(/^已撤销/);
    expect(revoked.document).toMatchObject({ number: certificate.number, enterpriseName: enterprise.name, revokedReason: '虚报境内研发费用' });
    expect((await verifyFile(pdf)).body.result).toBe('revoked');
    // The file downloaded before is still the file downloaded now.
    expect((await download(me, `/cases/${caseId}/documents/${certificate.id}/pdf`)).bytes.equals(pdf)).toBe(true);

    const [notice] = (await documentsOf(me, caseId, ['revocation-notice'])).filter((d) => d.kind === 'revocation-notice');
    await checkPdf(me, caseId, notice, enterprise.name);
  }, 90_000);

  it('即报即审: the compliance report (一键下载: the 12 answers in one PDF, kept), the listing approval and the subsidy decisions', async () => {
    const creditCode = uniqueCreditCode();
    const name = '北京文书独角兽科技有限公司';
    expect((await departments('PUT', `/zgc/unicorns/${creditCode}`, { name, zhongguancun: false, listedInLibraryOn: '2024-05-10' })).status).toBe(200);
    const me = as(applicant(creditCode));
    const filed = await me.post('/cases/listing', { creditCode, enterpriseName: name, exchange: 'BSE', sponsor: '中信建投证券', district: '海淀区' }, { 'Idempotency-Key': idempotencyKey() });
    expect(filed.status).toBe(201);
    const caseId = filed.body.id as string;
    const regulator = as(agencyStaff('finance-regulator'));
    const liaison = await eventually('the liaison step', async () => ((await regulator.get('/inbox')).body as any[]).find((s) => s.caseId === caseId));
    await ok(regulator.post(`/steps/${liaison.id}/liaison`, { name: '王对接', phone: '010-55550001' }));
    const withReport = await awaitCase(me, caseId, (c) => c.details?.report, 'the compliance report');

    // 一键下载: one PDF with every department's answer, the same file each time, verifiable.
    const bundle = await download(me, `/cases/${caseId}/compliance-bundle/pdf`);
    expect([bundle.status, bundle.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect((await download(me, `/cases/${caseId}/compliance-bundle/pdf`)).bytes.equals(bundle.bytes)).toBe(true);
    const read = await readPdf(bundle.bytes);
    for (const department of withReport.details.compliance) expect(read.text).toContain(department.departmentName);
    expect(read.text).toContain(withReport.details.report.code);
    const [report] = (await documentsOf(me, caseId, ['compliance-report'])).filter((d) => d.kind === 'compliance-report');
    expect(report.number).toMatch(/^京政服〔\d{4}〕\d+号$/);
    const pdf = await checkPdf(me, caseId, report, name);
    expect(pdf.equals(bundle.bytes)).toBe(true);

    const csrcStep = stepNamed(await awaitCase(me, caseId, (c) => stepNamed(c, '辅导验收（北京证监局）'), 'guidance'), '辅导验收（北京证监局）');
    await ok(as(agencyStaff('csrc')).post(`/steps/${csrcStep.id}/decision`, { decision: 'approve' }));
    const bseStep = stepNamed(await awaitCase(me, caseId, (c) => stepNamed(c, '上市审核（北交所）'), 'the exchange review'), '上市审核（北交所）');
    await ok(as(agencyStaff('bse')).post(`/steps/${bseStep.id}/decision`, { decision: 'approve' }));
    const listed = await awaitCase(me, caseId, (c) => c.status === 'listed' && stepNamed(c, '市级上市补贴'), 'listing');
    await ok(as(agencyStaff('finance')).post(`/steps/${stepNamed(listed, '市级上市补贴').id}/subsidy`, { amountYuan: 3_000_000 }));
    const docs = await documentsOf(me, caseId, ['listing-approval', 'subsidy-decision']);
    const approval = docs.find((d) => d.kind === 'listing-approval');
    expect(approval.number).toMatch(/^北证〔\d{4}〕\d+号$/);
    await checkPdf(me, caseId, approval, name);
    const subsidy = docs.find((d) => d.kind === 'subsidy-decision');
    expect(subsidy.number).toMatch(/^京财〔\d{4}〕\d+号$/);
    await checkPdf(me, caseId, subsidy, name);
  }, 90_000);

  it('两证联办: the decision notice, addressed to the employer, with nothing of the talent in the verification', async () => {
    const employer = await loadEnterprise(eligibleEnterprise());
    const me = as(applicant(employer.creditCode));
    const filing = talentApplication({ creditCode: employer.creditCode, name: employer.name });
    const filed = await me.post('/cases/talent-permits', { ...filing, requests: { workResidencePermit: false, talentHousing: false }, materials: await uploadTalentMaterials(me) }, { 'Idempotency-Key': idempotencyKey() });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    const talentBureau = as(agencyStaff('talent-bureau'));
    let c = await awaitCase(me, id, (x) => stepNamed(x, '人才资格预审（市人才局）'), 'the pre-review');
    await ok(talentBureau.post(`/steps/${stepNamed(c, '人才资格预审（市人才局）').id}/decision`, { decision: 'approve' }));
    c = await awaitCase(me, id, (x) => stepNamed(x, '来华工作许可审查（市人社局）') && stepNamed(x, '居留许可预审（市公安局）'), 'the permit review');
    await ok(as(agencyStaff('hr-social-security')).post(`/steps/${stepNamed(c, '来华工作许可审查（市人社局）').id}/decision`, { decision: 'approve' }));
    await ok(as(agencyStaff('public-security')).post(`/steps/${stepNamed(c, '居留许可预审（市公安局）').id}/decision`, { decision: 'approve' }));
    await awaitCase(me, id, (x) => x.status === 'completed', 'the permits');
    const [decision] = (await documentsOf(me, id, ['decision-notice'])).filter((d) => d.kind === 'decision-notice');
    await checkPdf(me, id, decision, employer.name);
    const verified = JSON.stringify((await verifyNumber(decision.number)).body);
    for (const personal of [filing.talent.name, filing.talent.passportNumber, filing.talent.dateOfBirth]) expect(verified).not.toContain(personal);
  }, 90_000);

  it('专精特新: the acceptance notice, the grant, the 公示 and the reward decision', async () => {
    const { creditCode, name, applications } = await loadRewardEnterprise([{ name: '文书单抗注射液' }]);
    const me = as(applicant(creditCode));
    const filed = await me.post('/cases/specialized-rewards', applications[0], { 'Idempotency-Key': idempotencyKey() });
    expect(filed.status).toBe(201);
    const caseId = filed.body.id as string;
    const review = stepNamed(await awaitCase(me, caseId, (x) => x.status === 'review' && stepNamed(x, '审核')?.status === 'open', 'review'), '审核');
    await ok(as(agencyStaff('economy-it', 'economy-it-reviewer')).post(`/steps/${review.id}/decision`, { decision: 'approve', reason: '材料真实，符合奖励条件' }));
    await awaitCase(me, caseId, (x) => x.status === 'rewarded' && x.artefacts.length === 1, 'the reward', 40_000);
    const docs = await documentsOf(me, caseId, ['acceptance-notice', 'reward-grant', 'public-notice', 'reward-decision']);
    for (const doc of docs) {
      expect(doc.number).toMatch(/^京经信〔\d{4}〕\d+号$/);
      await checkPdf(me, caseId, doc, name);
    }
  }, 90_000);

  it('has checked a PDF of every kind of document the processes issue', () => {
    const kinds = new Set([...Object.keys(ENGINE_DOCUMENT_KINDS), ...REGISTERED.flatMap((p) => Object.keys(p.documentKinds))]);
    expect([...kinds].filter((k) => !checked.has(k))).toEqual([]);
  });

  it('refuses a verification without a number or a file, or with a file that is not a PDF, naming the field', async () => {
    const none = await api('GET', '/verify?number=%20');
    expect([none.status, none.body.errors?.[0]?.field, none.body.errors?.[0]?.rule]).toEqual([400, 'number', 'isNotEmpty']);
    const notPdf = await verifyFile(Buffer.from('hello, this is not a PDF'));
    expect([notPdf.status, notPdf.body.errors?.[0]?.field, notPdf.body.errors?.[0]?.rule, notPdf.body.message]).toEqual([400, 'file', 'isPdf', '文件不是 PDF 文件']);
    const empty = await fetch(`${process.env.API_URL}/verify`, { method: 'POST', body: new FormData() });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as any).errors[0]).toMatchObject({ field: 'file', rule: 'isDefined' });
    expect((await verifyNumber('京科〔1999〕1号')).body).toEqual({ result: 'unknown', message: expect.stringMatching(/^无法核验/) });
    // Past the upload limit (VERIFY_UPLOAD_MAX_BYTES, 10 MB by default): 413, read no further.
    const huge = Buffer.concat([Buffer.from('%PDF-1.3\n'), Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await verifyFile(huge);
    expect([tooLarge.status, tooLarge.body.errors?.[0]?.field, tooLarge.body.errors?.[0]?.rule]).toEqual([413, 'file', 'maxSize']);
  });
});

/** The projection gives 文号, in the transaction that first writes a document: a retry never numbers it again, concurrent cases never share one. */
describe('文号 from the read-model projection', () => {
  let dataSource: DataSource;
  let readModel: ReadModelActivities;
  beforeAll(async () => {
    dataSource = await new DataSource(readModelDataSourceOptions(process.env.DATABASE_URL!)).initialize();
    readModel = new ReadModelActivities(dataSource, PersonalDataSeal.fromSettings({ TEMPORAL_PAYLOAD_KEY: process.env.TEMPORAL_PAYLOAD_KEY! }));
  });
  afterAll(async () => dataSource?.destroy());

  // A year no other test numbers in, so its counter starts here at 1.
  const year = randomInt(2200, 3000);
  const projection = (caseId: string, documents: number): CaseProjection => ({
    snapshot: { id: caseId, process: 'listing', status: 'verifying', applicantId: '91110108MA01XQ4T72', title: '北京文号测试科技有限公司', version: 1, filedAt: `${year}-03-04T01:00:00.000Z`, application: { enterpriseName: '北京文号测试科技有限公司' } } as CaseProjection['snapshot'],
    timeline: [],
    documents: Array.from({ length: documents }, (_, i) => ({ id: `${caseId}.d${i + 1}`, kind: 'acceptance-notice', title: '受理通知书', issuedAt: `${year}-03-04T0${i + 1}:00:00.000Z`, body: { agency: 'customs', acceptedOn: `${year}-03-04T01:00:00.000Z` } })),
  });
  const numbersOf = async (caseId: string) =>
    ((await dataSource.query(`SELECT number FROM documents WHERE case_id = $1 ORDER BY id`, [caseId])) as Array<{ number: string }>).map((r) => r.number);

  it('numbers a case’s documents once: a retried projection finds them numbered, and concurrent cases get distinct numbers in one sequence', async () => {
    const first = `listing-numbers-${randomUUID()}`;
    await readModel.project(projection(first, 2));
    expect(await numbersOf(first)).toEqual([`北京关〔${year}〕1号`, `北京关〔${year}〕2号`]);
    // The activity retried (its first attempt committed, then timed out): nothing changes.
    await readModel.project(projection(first, 2));
    await readModel.repair(projection(first, 2));
    expect(await numbersOf(first)).toEqual([`北京关〔${year}〕1号`, `北京关〔${year}〕2号`]);

    const others = Array.from({ length: 8 }, () => `listing-numbers-${randomUUID()}`);
    await Promise.all(others.map((id) => readModel.project(projection(id, 1))));
    const given = (await Promise.all(others.map(numbersOf))).flat();
    expect(given.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `北京关〔${year}〕${i + 3}号`).sort());

    // A document written before documents had numbers gets one when first downloaded, from the same counter.
    const older = `listing-numbers-${randomUUID()}`;
    await readModel.project(projection(older, 0));
    await dataSource.query(`INSERT INTO documents (id, case_id, kind, title, issued_at, body) VALUES ($1, $2, 'acceptance-notice', '受理通知书', $3, $4)`, [
      `${older}.d1`,
      older,
      `${year}-03-05T01:00:00.000Z`,
      { agency: 'customs' },
    ]);
    const pdf = await download(boss, `/cases/${older}/documents/${older}.d1/pdf`);
    expect([pdf.status, await numbersOf(older)]).toEqual([200, [`北京关〔${year}〕11号`]]);
    expect((await readPdf(pdf.bytes)).text).toContain(`北京关〔${year}〕11号`);

    // Verifiable by number at once: addressed to the enterprise, from 北京海关.
    const verified = (await verifyNumber(`北京关(${year})3号`)).body;
    expect(verified).toMatchObject({ result: 'genuine', document: { agencyName: '北京海关', enterpriseName: '北京文号测试科技有限公司', issuedOn: `${year}-03-04` } });
  });
});
