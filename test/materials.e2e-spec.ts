import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Client } from 'pg';
import { verifyDownloadChain } from '../infra/audit-verify';
import { talentApplication } from '../infra/talent-application';
import { agencyStaff, applicant, as, supervisor, tokenFor } from './support/actors';
import { awaitCase } from './support/cases';
import { eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { idempotencyKey } from './support/http';
import { download, objectStore, samplePdf, samplePng, sha256, storedKeys, upload, uploadTalentMaterials } from './support/materials';

const PRE_REVIEW = '人才资格预审（市人才局）';
const talentBureau = as(agencyStaff('talent-bureau'));
const boss = as(supervisor());

/** The object's bytes as the store holds them, read with the store's own S3 API. */
async function storedSha256(id: string): Promise<string> {
  const { client, bucket } = objectStore();
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: `materials/${id}` }));
    return sha256(Buffer.from(await object.Body!.transformToByteArray()));
  } finally {
    client.destroy();
  }
}

describe('materials (附件): uploaded to the object store, filed by reference, downloaded on the audit trail', () => {
  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(() => db.end());

  async function employer() {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    return { enterprise, me: as(applicant(enterprise.creditCode)) };
  }

  it('files 两证联办 with its materials: each stored in SeaweedFS with the same SHA-256, each SHA-256 on the timeline', async () => {
    const { enterprise, me } = await employer();
    const photo = samplePng();
    const passport = samplePdf('Anna Schmidt passport C4XK29T71');
    const uploadedPassport = await upload(me, { name: '护照 C4XK29T71.pdf', bytes: passport, type: 'application/pdf' }, { process: 'talent-permits', kind: 'passport-copy' });
    expect([uploadedPassport.status, uploadedPassport.body]).toEqual([
      201,
      expect.objectContaining({ kind: 'passport-copy', name: '护照 C4XK29T71.pdf', size: passport.length, contentType: 'application/pdf', sha256: sha256(passport) }),
    ]);
    // The browser said octet-stream: the type kept is what the content is.
    const uploadedPhoto = await upload(me, { name: 'photo.png', bytes: photo, type: 'application/octet-stream' });
    expect(uploadedPhoto.body).toMatchObject({ contentType: 'image/png', sha256: sha256(photo) });
    const rest = (await uploadTalentMaterials(me)).filter((m) => m.kind !== 'passport-copy' && m.kind !== 'photo');
    const materials = [{ kind: 'passport-copy', id: uploadedPassport.body.id }, { kind: 'photo', id: uploadedPhoto.body.id }, ...rest];

    for (const m of materials) {
      const meta = await me.get(`/materials/${m.id}/meta`);
      expect(await storedSha256(m.id)).toBe(meta.body.sha256);
    }

    const filed = await me.post('/cases/talent-permits', { ...talentApplication({ creditCode: enterprise.creditCode, name: enterprise.name }), materials }, { 'Idempotency-Key': idempotencyKey() });
    expect([filed.status, filed.body.message]).toEqual([201, undefined]);
    const c = await awaitCase(me, filed.body.id, (x) => x.timeline.some((e: any) => e.action === 'materials-received'), 'the materials on the timeline');
    const entry = c.timeline.find((e: any) => e.action === 'materials-received');
    expect(entry.detail.materials).toHaveLength(6);
    expect(entry.detail.materials).toContainEqual({ id: uploadedPassport.body.id, kind: 'passport-copy', name: '护照 C4XK29T71.pdf', size: passport.length, contentType: 'application/pdf', sha256: sha256(passport) });
    // A supervisor sees the talent's personal data masked, and with it the passport scan's file name (which carries the number).
    const seenByBoss = (await boss.get(`/cases/${filed.body.id}`)).body;
    expect(JSON.stringify(seenByBoss)).not.toContain('C4XK29T71');
    expect(seenByBoss.timeline.find((e: any) => e.action === 'materials-received').detail.materials).toContainEqual(
      expect.objectContaining({ kind: 'passport-copy', name: '护照复印件.pdf', sha256: sha256(passport) }),
    );
    expect(entry.detail.materials).toContainEqual(expect.objectContaining({ kind: 'photo', sha256: sha256(photo) }));
    // The workflow's input carries references only: no bytes, no URL.
    const application = JSON.stringify(c.application);
    expect(application).toContain(sha256(passport));
    expect(application).not.toMatch(/https?:\/\/|upload:\/\/|JVBERi0/);
  });

  it('lists each process’s materials in GET /processes, as the consoles build their upload controls from it', async () => {
    const { me } = await employer();
    const talent = (await me.get('/processes')).body.find((p: any) => p.code === 'talent-permits');
    expect(talent.materials.filing.map((m: any) => [m.kind, m.name, m.required])).toEqual([
      ['passport-copy', '护照复印件', true],
      ['degree-certificate', '学历学位证书', true],
      ['employment-contract', '劳动合同或聘用意向书', true],
      ['no-criminal-record', '无犯罪记录证明', true],
      ['health-certificate', '体检证明', true],
      ['photo', '近期证件照片', true],
    ]);
    expect(talent.materials.filing[0]).toMatchObject({ contentTypes: ['application/pdf', 'image/png', 'image/jpeg'], personal: true });
    expect(talent.materials.decision.map((m: any) => m.kind)).toEqual(['expert-opinion', 'inspection-record', 'decision-attachment']);
    expect(talent.materials.correction[0]).toMatchObject({ kind: 'correction-material', name: '补正材料', required: false });
  });

  it('refuses a filing without a required material, naming the field and the material', async () => {
    const { enterprise, me } = await employer();
    const materials = (await uploadTalentMaterials(me)).filter((m) => m.kind !== 'passport-copy');
    const answer = await me.post('/cases/talent-permits', { ...talentApplication({ creditCode: enterprise.creditCode, name: enterprise.name }), materials }, { 'Idempotency-Key': idempotencyKey() });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: 'materials', rule: 'requiredMaterials', code: 'material.required', params: { field: 'materials', missing: ['护照复印件'], kinds: ['passport-copy'] }, message: '附件缺少必需的材料：护照复印件' }]);
    const none = await me.post('/cases/talent-permits', talentApplication({ creditCode: enterprise.creditCode, name: enterprise.name }), { 'Idempotency-Key': idempotencyKey() });
    expect([none.status, none.body.errors.map((e: any) => e.field)]).toEqual([400, ['materials']]);
  });

  it('refuses a text file named .pdf, a PNG named .pdf and an oversized photo, leaving nothing in the store or in Postgres', async () => {
    const { me } = await employer();
    const count = async () => Number((await db.query(`SELECT count(*) FROM materials WHERE uploaded_by = $1`, [me.actor.userId])).rows[0].count);
    const before = await storedKeys();
    const rowsBefore = await count();

    const text = await upload(me, { name: '护照复印件.pdf', bytes: Buffer.from('这不是 PDF，只是一段文字。\n'.repeat(50)), type: 'application/pdf' }, { process: 'talent-permits', kind: 'passport-copy' });
    expect([text.status, text.body.errors]).toEqual([415, [expect.objectContaining({ field: 'file', rule: 'unrecognisedType' })]]);
    expect(text.body.message).toBe('文件 护照复印件.pdf 的内容不是可接受的类型（只接受 PDF、PNG、JPEG；类型按文件内容判断，不按文件名）');

    const png = await upload(me, { name: 'degree.pdf', bytes: samplePng(), type: 'application/pdf' });
    expect([png.status, png.body.errors[0].rule, png.body.message]).toEqual([415, 'typeMismatch', '文件 degree.pdf 的内容是 PNG，与文件名后缀 .pdf 不符']);

    const cut = samplePdf();
    const broken = await upload(me, { name: 'contract.pdf', bytes: cut.subarray(0, cut.length - 8) });
    expect([broken.status, broken.body.errors[0].rule]).toEqual([400, 'wholeFile']);

    // 6 MB of a PNG for the photo, which takes 5 MB: refused once the stream passes the limit.
    const big = Buffer.concat([samplePng(), Buffer.alloc(6 * 1024 * 1024, 7)]);
    const oversized = await upload(me, { name: 'photo.png', bytes: big, type: 'image/png' }, { process: 'talent-permits', kind: 'photo' });
    expect([oversized.status, oversized.body.errors[0].rule, oversized.body.message]).toEqual([413, 'maxBytes', '文件 photo.png 超过大小上限 5 MB']);

    // A form that breaks off in the middle of the file (past the first bytes, so writing had begun).
    const head = `--cut\r\nContent-Disposition: form-data; name="file"; filename="cut.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
    const cutOff = await fetch(`${process.env.API_URL}/materials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenFor(me.actor)}`, 'content-type': 'multipart/form-data; boundary=cut' },
      body: Buffer.concat([Buffer.from(head), samplePdf(), Buffer.alloc(16 * 1024, 32)]),
    });
    expect(cutOff.status).toBe(400);

    expect(await storedKeys()).toEqual(before);
    expect(await count()).toBe(rowsBefore);
  });

  it('lets the agency on the case download a material, audits it, and tells another applicant it does not exist', async () => {
    const { enterprise, me } = await employer();
    const degree = samplePdf('学历学位证书');
    const uploaded = await upload(me, { name: '学位证书.pdf', bytes: degree }, { process: 'talent-permits', kind: 'degree-certificate' });
    const materials = [...(await uploadTalentMaterials(me)).filter((m) => m.kind !== 'degree-certificate'), { kind: 'degree-certificate', id: uploaded.body.id }];
    const passportId = materials.find((m) => m.kind === 'passport-copy')!.id;

    // Before it is filed, it is its uploader's alone.
    const other = as(applicant((await loadEnterprise(eligibleEnterprise())).creditCode));
    expect((await download(other, uploaded.body.id)).status).toBe(404);
    expect((await download(talentBureau, uploaded.body.id)).status).toBe(404);

    const filed = await me.post('/cases/talent-permits', { ...talentApplication({ creditCode: enterprise.creditCode, name: enterprise.name }), materials }, { 'Idempotency-Key': idempotencyKey() });
    expect(filed.status).toBe(201);
    await awaitCase(me, filed.body.id, (c) => c.steps.some((s: any) => s.name === PRE_REVIEW), 'the pre-review step');

    const got = await download(talentBureau, uploaded.body.id);
    expect([got.status, got.headers.get('content-type'), sha256(got.bytes), got.headers.get('x-content-sha256')]).toEqual([200, 'application/pdf', sha256(degree), sha256(degree)]);
    expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('学位证书.pdf')}`);

    const trail = await me.get(`/materials/${uploaded.body.id}/downloads`);
    expect(trail.body).toEqual([expect.objectContaining({ actor: talentBureau.actor.userId, role: 'agency', agency: 'talent-bureau' })]);
    const rows = await db.query(`SELECT actor, case_id, sha256, prev_hash, hash FROM material_downloads WHERE material_id = $1`, [uploaded.body.id]);
    expect(rows.rows).toEqual([expect.objectContaining({ actor: talentBureau.actor.userId, case_id: filed.body.id, sha256: sha256(degree) })]);
    // Append-only and chained: the trail cannot be rewritten, and npm run audit:verify checks it.
    await expect(db.query(`DELETE FROM material_downloads WHERE material_id = $1`, [uploaded.body.id])).rejects.toThrow(/append-only/);
    expect((await verifyDownloadChain(process.env.DATABASE_URL!)).broken).toEqual([]);

    // Another applicant: as for a case it may not see, the file does not exist.
    const stranger = await download(other, uploaded.body.id);
    expect([stranger.status, JSON.parse(stranger.bytes.toString()).message]).toEqual([404, '附件不存在']);
    expect((await other.get(`/materials/${uploaded.body.id}/downloads`)).status).toBe(404);

    // A supervisor sees the case with the passport masked: the degree opens, the passport scan does not.
    expect((await download(boss, uploaded.body.id)).status).toBe(200);
    const passport = await download(boss, passportId);
    expect([passport.status, JSON.parse(passport.bytes.toString()).message]).toEqual([403, '该附件是个人证件材料（护照复印件），仅申请人和承办部门可以查看']);
    expect((await download(talentBureau, passportId)).status).toBe(200);
    expect((await download(me, passportId)).status).toBe(200);
  });

  it('files each upload once: another filing naming it is refused, and only its uploader may name it', async () => {
    const { enterprise, me } = await employer();
    const materials = await uploadTalentMaterials(me);
    const application = { ...talentApplication({ creditCode: enterprise.creditCode, name: enterprise.name }), materials };
    const key = idempotencyKey();
    expect((await me.post('/cases/talent-permits', application, { 'Idempotency-Key': key })).status).toBe(201);
    // The same request again under its key is the same case (its files are already its own).
    expect((await me.post('/cases/talent-permits', application, { 'Idempotency-Key': key })).status).toBe(200);

    const second = await employer();
    const theirs = await uploadTalentMaterials(second.me);
    const stolen = theirs.map((m) => (m.kind === 'photo' ? materials.find((x) => x.kind === 'photo')! : m));
    const answer = await second.me.post('/cases/talent-permits', { ...talentApplication({ creditCode: second.enterprise.creditCode, name: second.enterprise.name }), materials: stolen }, { 'Idempotency-Key': idempotencyKey() });
    expect([answer.status, answer.body.errors.map((e: any) => [e.field, e.rule])]).toEqual([400, [[`materials.${stolen.findIndex((m) => m.kind === 'photo')}.id`, 'ownMaterial']]]);
  });

  it('attaches an official’s inspection record to a decision, its SHA-256 on the timeline', async () => {
    const { enterprise, me } = await employer();
    const filed = await me.post('/cases/talent-permits', { ...talentApplication({ creditCode: enterprise.creditCode, name: enterprise.name }), materials: await uploadTalentMaterials(me) }, { 'Idempotency-Key': idempotencyKey() });
    const c = await awaitCase(me, filed.body.id, (x) => x.steps.some((s: any) => s.name === PRE_REVIEW), 'the pre-review step');
    const step = c.steps.find((s: any) => s.name === PRE_REVIEW);
    const record = samplePdf('现场核查记录');
    const uploaded = await upload(talentBureau, { name: '现场核查记录.pdf', bytes: record }, { kind: 'inspection-record' });
    expect(uploaded.status).toBe(201);
    const decided = await talentBureau.post(`/steps/${step.id}/decision`, { decision: 'approve', reason: '资质合格', materials: [{ kind: 'inspection-record', id: uploaded.body.id }] });
    expect([decided.status, decided.body.message]).toEqual([200, undefined]);
    const after = await awaitCase(me, filed.body.id, (x) => x.timeline.some((e: any) => e.action === 'step-decided' && e.detail?.materials), 'the decision on the timeline');
    const entry = after.timeline.find((e: any) => e.action === 'step-decided' && e.detail?.materials);
    expect(entry.detail.materials).toEqual([{ id: uploaded.body.id, kind: 'inspection-record', name: '现场核查记录.pdf', size: record.length, contentType: 'application/pdf', sha256: sha256(record) }]);
    // The applicant sees the record the decision rests on.
    expect(sha256((await download(me, uploaded.body.id)).bytes)).toBe(sha256(record));
  });

  it('keeps an expert opinion attached to a decision from the applicant: not on her case, not to be opened; the officials and the supervisor have it', async () => {
    const { enterprise, me } = await employer();
    const filed = await me.post('/cases/talent-permits', { ...talentApplication({ creditCode: enterprise.creditCode, name: enterprise.name }), materials: await uploadTalentMaterials(me) }, { 'Idempotency-Key': idempotencyKey() });
    const c = await awaitCase(me, filed.body.id, (x) => x.steps.some((s: any) => s.name === PRE_REVIEW), 'the pre-review step');
    const step = c.steps.find((s: any) => s.name === PRE_REVIEW);
    const opinion = samplePdf('专家意见：王教授');
    const record = samplePdf('现场核查记录');
    const [uploadedOpinion, uploadedRecord] = [await upload(talentBureau, { name: '专家意见-王教授.pdf', bytes: opinion }, { kind: 'expert-opinion' }), await upload(talentBureau, { name: '现场核查记录.pdf', bytes: record }, { kind: 'inspection-record' })];
    const decided = await talentBureau.post(`/steps/${step.id}/decision`, {
      decision: 'approve',
      reason: '资质合格',
      materials: [
        { kind: 'expert-opinion', id: uploadedOpinion.body.id },
        { kind: 'inspection-record', id: uploadedRecord.body.id },
      ],
    });
    expect([decided.status, decided.body.message]).toEqual([200, undefined]);
    const seenByOfficial = await awaitCase(talentBureau, filed.body.id, (x) => x.timeline.some((e: any) => e.action === 'step-decided' && e.detail?.materials), 'the decision on the timeline');
    expect(seenByOfficial.timeline.find((e: any) => e.action === 'step-decided').detail.materials.map((m: any) => m.kind)).toEqual(['expert-opinion', 'inspection-record']);
    const seenByBoss = (await boss.get(`/cases/${filed.body.id}`)).body;
    expect(seenByBoss.timeline.find((e: any) => e.action === 'step-decided').detail.materials.map((m: any) => m.kind)).toEqual(['expert-opinion', 'inspection-record']);

    // The applicant sees the decision and the inspection record, and nothing of the opinion.
    const seenByApplicant = (await me.get(`/cases/${filed.body.id}`)).body;
    expect(seenByApplicant.timeline.find((e: any) => e.action === 'step-decided').detail.materials.map((m: any) => m.kind)).toEqual(['inspection-record']);
    expect(JSON.stringify(seenByApplicant)).not.toContain(uploadedOpinion.body.id);
    expect((await download(me, uploadedOpinion.body.id)).status).toBe(404);
    expect((await me.get(`/materials/${uploadedOpinion.body.id}/meta`)).status).toBe(404);
    expect((await download(me, uploadedRecord.body.id)).status).toBe(200);
    expect(sha256((await download(boss, uploadedOpinion.body.id)).bytes)).toBe(sha256(opinion));
    // GET /processes says so, for the upload control.
    const talent = (await me.get('/processes')).body.find((p: any) => p.code === 'talent-permits');
    expect(talent.materials.decision.find((m: any) => m.kind === 'expert-opinion')).toMatchObject({ name: '专家意见', internal: true });
  });

  it('takes a file with the answer to a correction notice, its SHA-256 on the timeline; a file filed before is refused there', async () => {
    const { enterprise, me } = await employer();
    const filedMaterials = await uploadTalentMaterials(me);
    const filed = await me.post('/cases/talent-permits', { ...talentApplication({ creditCode: enterprise.creditCode, name: enterprise.name }), materials: filedMaterials }, { 'Idempotency-Key': idempotencyKey() });
    let c = await awaitCase(me, filed.body.id, (x) => x.steps.some((s: any) => s.name === PRE_REVIEW), 'the pre-review step');
    const pre = c.steps.find((s: any) => s.name === PRE_REVIEW);
    expect((await talentBureau.post(`/steps/${pre.id}/decision`, { decision: 'return', reason: '学位证书不清晰', correctionItems: ['学位认证报告'] })).status).toBe(200);
    c = await awaitCase(me, filed.body.id, (x) => x.status === 'awaiting-applicant', 'the correction notice');

    const reused = await me.post(`/cases/${filed.body.id}/corrections`, { responses: [{ item: '学位认证报告', response: '见附件' }], materials: [{ kind: 'correction-material', id: filedMaterials[0].id }] });
    expect([reused.status, reused.body.errors?.[0]?.rule]).toEqual([400, 'unattached']);

    const report = samplePdf('学位认证报告');
    const uploaded = await upload(me, { name: '学位认证报告.pdf', bytes: report });
    const answered = await me.post(`/cases/${filed.body.id}/corrections`, { responses: [{ item: '学位认证报告', response: '见附件' }], materials: [{ kind: 'correction-material', id: uploaded.body.id }] });
    expect([answered.status, answered.body.message]).toEqual([200, undefined]);
    c = await awaitCase(me, filed.body.id, (x) => x.timeline.some((e: any) => e.action === 'correction-answered'), 'the answer on the timeline');
    expect(c.timeline.find((e: any) => e.action === 'correction-answered').detail.materials).toEqual([
      { id: uploaded.body.id, kind: 'correction-material', name: '学位认证报告.pdf', size: report.length, contentType: 'application/pdf', sha256: sha256(report) },
    ]);
    // The official who asked for it opens it.
    expect(sha256((await download(talentBureau, uploaded.body.id)).bytes)).toBe(sha256(report));
  });
});
