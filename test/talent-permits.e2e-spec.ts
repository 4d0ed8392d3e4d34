import { talentApplication } from '../infra/talent-application';
import { agencyStaff, applicant, as, supervisor } from './support/actors';
import { awaitCase } from './support/cases';
import { eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { departments, eventually, idempotencyKey } from './support/http';
import { uploadTalentMaterials } from './support/materials';

const talentBureau = as(agencyStaff('talent-bureau'));
const hrss = as(agencyStaff('hr-social-security'));
const police = as(agencyStaff('public-security'));
const housing = as(agencyStaff('housing'));
const boss = as(supervisor());

const WORK = '来华工作许可审查（市人社局）';
const RESIDENCE = '居留许可预审（市公安局）';
const step = (c: any, name: string) => c.steps.find((s: any) => s.name === name);

function application(employerCreditCode: string, overrides: Record<string, unknown> = {}, talent: Record<string, unknown> = {}) {
  const filing = talentApplication({ creditCode: employerCreditCode, name: '北京测试芯片科技有限公司' });
  return { ...filing, talent: { ...filing.talent, ...talent }, ...overrides };
}

/** The employer files; 市人才局's pre-review passes; both permit steps are open. */
async function inPermitReview(requests = { workResidencePermit: false, talentHousing: false }) {
  const employer = await loadEnterprise(eligibleEnterprise());
  const me = as(applicant(employer.creditCode));
  const filed = await me.post('/cases/talent-permits', application(employer.creditCode, { requests, materials: await uploadTalentMaterials(me) }), { 'Idempotency-Key': idempotencyKey() });
  expect([filed.status, filed.body.message]).toEqual([201, undefined]);
  const caseId = filed.body.id as string;
  const pre = await awaitCase(me, caseId, (c) => step(c, '人才资格预审（市人才局）'), 'the pre-review');
  expect(pre.details.employer).toMatchObject({ creditCode: employer.creditCode, name: employer.name });
  expect((await talentBureau.post(`/steps/${step(pre, '人才资格预审（市人才局）').id}/decision`, { decision: 'approve', reason: 'A类人才，用人单位资质合格' })).status).toBe(200);
  const c = await awaitCase(me, caseId, (x) => step(x, WORK) && step(x, RESIDENCE), 'the permit review');
  return { employer, me, caseId, work: step(c, WORK), residence: step(c, RESIDENCE), atReview: c };
}

async function ok(answer: Promise<{ status: number; body: any }>) {
  const a = await answer;
  expect([a.status, a.body?.message]).toEqual([200, undefined]);
}

describe('两证联办: one application, both permits', () => {
  it('issues the work permit and, straight after, the residence permit, in one result', async () => {
    const { me, caseId, work, residence, atReview } = await inPermitReview();
    // The residence pre-check runs beside the work-permit review: both opened together, both open now.
    const opened = atReview.timeline.filter((e: any) => e.action === 'step-opened' && [work.id, residence.id].includes(e.detail.stepId));
    expect(opened).toHaveLength(2);
    expect(opened[0].at).toBe(opened[1].at);
    expect([work.status, residence.status]).toEqual(['open', 'open']);

    await ok(police.post(`/steps/${residence.id}/decision`, { decision: 'approve' }));
    await ok(hrss.post(`/steps/${work.id}/decision`, { decision: 'approve' }));
    const done = await awaitCase(me, caseId, (c) => c.status === 'completed', 'both permits');
    const { workPermit, residencePermit } = done.details.permits;
    expect(workPermit.number).toMatch(/^WP\d{10}$/);
    expect(residencePermit.number).toMatch(/^RP\d{10}$/);
    const actions = done.timeline.map((e: any) => e.action);
    expect(actions.indexOf('residence-permit-issued')).toBe(actions.indexOf('work-permit-issued') + 1);

    const result = ((await me.get(`/cases/${caseId}/notices`)).body as any[]).find((d) => d.title.startsWith('外籍人才工作许可和居留许可办理结果'));
    expect(result.body).toMatchObject({
      workPermit: { number: workPermit.number, validUntil: workPermit.validUntil },
      residencePermit: { number: residencePermit.number, validUntil: residencePermit.validUntil },
    });
    // 出入境 holds the permit for the same holder; its answers mask the passport number (issue 14).
    expect((await departments('GET', `/public-security/residence-permits/${residencePermit.number}`)).body).toMatchObject({ holderName: 'Anna Schmidt', passportNumber: 'C4****71' });
  });

  it('asks once for the corrections two departments need', async () => {
    const { me, caseId, work, residence } = await inPermitReview();
    await ok(hrss.post(`/steps/${work.id}/decision`, { decision: 'return', reason: '材料不全', correctionItems: ['补充学位认证报告'] }));
    // 市人社局 has spoken; the notice waits until 市公安局 has too.
    await new Promise((r) => setTimeout(r, 500));
    expect(((await me.get(`/cases/${caseId}/notices`)).body as any[]).filter((d) => d.kind === 'correction-notice')).toHaveLength(0);
    await ok(police.post(`/steps/${residence.id}/decision`, { decision: 'return', reason: '材料不全', correctionItems: ['补充住宿登记证明'] }));

    const waiting = await awaitCase(me, caseId, (c) => c.status === 'awaiting-applicant', 'the correction notice');
    const notices = ((await me.get(`/cases/${caseId}/notices`)).body as any[]).filter((d) => d.kind === 'correction-notice');
    expect(notices).toHaveLength(1);
    expect(notices[0].body.items).toEqual(['【市人力资源和社会保障局】补充学位认证报告', '【市公安局出入境管理总队】补充住宿登记证明']);
    expect([step(waiting, WORK).status, step(waiting, RESIDENCE).status]).toEqual(['waiting-applicant', 'waiting-applicant']);

    await ok(me.post(`/cases/${caseId}/corrections`, { responses: notices[0].body.items.map((item: string) => ({ item, response: '已补充' })) }));
    const resumed = await awaitCase(me, caseId, (c) => step(c, WORK).round === 2 && step(c, RESIDENCE).round === 2, 'both steps reopened');
    expect(resumed.status).toBe('permit-review');
    await ok(hrss.post(`/steps/${work.id}/decision`, { decision: 'approve' }));
    await ok(police.post(`/steps/${residence.id}/decision`, { decision: 'approve' }));
    await awaitCase(me, caseId, (c) => c.status === 'completed', 'both permits');
  });

  it('ends the residence-permit step, with the reason, when the work permit is refused', async () => {
    const { me, caseId, work, residence } = await inPermitReview();
    await ok(hrss.post(`/steps/${work.id}/decision`, { decision: 'reject', reason: '岗位与专业不符' }));
    const rejected = await awaitCase(me, caseId, (c) => c.status === 'rejected' && step(c, RESIDENCE).status === 'cancelled', 'the refusal');
    expect(step(rejected, RESIDENCE).reason).toContain('岗位与专业不符');
    expect(rejected.details.permits).toBeUndefined();
    expect((await police.post(`/steps/${residence.id}/decision`, { decision: 'approve' })).status).toBe(409);
  });

  it('completes the housing branch after the permits without delaying them', async () => {
    const { me, caseId, work, residence } = await inPermitReview({ workResidencePermit: false, talentHousing: true });
    await ok(hrss.post(`/steps/${work.id}/decision`, { decision: 'approve' }));
    await ok(police.post(`/steps/${residence.id}/decision`, { decision: 'approve' }));
    // Permits out while the housing step is still open.
    const issued = await awaitCase(me, caseId, (c) => c.status === 'permits-issued' && c.details.permits, 'the permits');
    expect(issued.details.branches).toEqual([expect.objectContaining({ kind: 'talent-housing', status: 'open' })]);

    const housingStep = await eventually('the housing step in 市住建委 inbox', async () => ((await housing.get('/inbox')).body as any[]).find((s) => s.caseId === caseId));
    await ok(housing.post(`/steps/${housingStep.id}/decision`, { decision: 'approve', reason: '海淀区人才公租房（永丰基地）' }));
    const done = await awaitCase(me, caseId, (c) => c.status === 'completed', 'completion');
    expect(done.details.branches[0]).toMatchObject({ status: 'granted', result: { project: '海淀区人才公租房（永丰基地）' } });
    expect(new Date(done.details.branches[0].result.allocatedOn ?? done.decidedAt).getTime()).toBeGreaterThan(0);
    expect(done.steps.find((s: any) => s.id === housingStep.id).decidedAt > step(done, WORK).decidedAt).toBe(true);
  });

  it('refuses the talent’s personal data to an agency with no step (404, as if there were no case), and masks it for supervisors', async () => {
    const { caseId } = await inPermitReview();
    const ecology = as(agencyStaff('ecology'));
    expect((await ecology.get(`/cases/${caseId}`)).status).toBe(404);
    expect((await ecology.get(`/cases/${caseId}/notices`)).status).toBe(404);
    expect((await ecology.get('/cases')).body.map((c: any) => c.id)).not.toContain(caseId);

    const seen = (await boss.get(`/cases/${caseId}`)).body;
    expect(seen.application.talent.passportNumber).toBe('C4****71');
    expect(seen.application.talent.dateOfBirth).toBe('****-**-**');
    expect(JSON.stringify(seen)).not.toContain('C4XK29T71');
    // The agencies with a step, and the employer, see it whole.
    expect((await hrss.get(`/cases/${caseId}`)).body.application.talent.passportNumber).toBe('C4XK29T71');
  });
});

describe('两证联办 applications are validated before anything is written', () => {
  const employer = eligibleEnterprise();
  const me = as(applicant(employer.creditCode));

  it.each([
    ['a passport number with a hyphen', {}, { passportNumber: 'C4-XK29T71' }, 'talent.passportNumber'],
    ['a Chinese national', {}, { nationality: 'CHN' }, 'talent.nationality'],
    ['a resident of Hong Kong (港澳台居民 have their own procedures)', {}, { nationality: 'HKG' }, 'talent.nationality'],
    ['a nationality no country has', {}, { nationality: 'XYZ' }, 'talent.nationality'],
    ['an impossible birth date', {}, { dateOfBirth: '1988-02-30' }, 'talent.dateOfBirth'],
    ['a child', {}, { dateOfBirth: '2015-01-01' }, 'talent.dateOfBirth'],
    ['a passport about to expire', {}, { passportExpiry: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) }, 'talent.passportExpiry'],
    ['no materials', { materials: [] }, {}, 'materials'],
    ['an upload:// placeholder instead of an uploaded material', { materials: [{ kind: 'passport-copy', id: 'upload://passport-copy.pdf' }] }, {}, 'materials.0.id'],
    ['an unknown category', {}, { category: 'C' }, 'talent.category'],
  ])('refuses %s with 400 naming the field', async (_label, overrides, talent, field) => {
    const key = idempotencyKey();
    const answer = await me.post('/cases/talent-permits', application(employer.creditCode, overrides, talent), { 'Idempotency-Key': key });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: any) => e.field)).toContain(field);
    expect((await boss.get(`/cases/talent-permits-${key}`)).status).toBe(404);
  });

  it('names the missing materials by their Chinese names only', async () => {
    const answer = await me.post('/cases/talent-permits', application(employer.creditCode, { materials: [] }), { 'Idempotency-Key': idempotencyKey() });
    expect(answer.body.message).toContain('附件缺少必需的材料：护照复印件、');
    expect(answer.body.message).not.toMatch(/passport-copy|materials/);
  });

  it('takes a passport number typed in lower case, in capitals as the passport prints it', async () => {
    const employer = await loadEnterprise(eligibleEnterprise());
    const me = as(applicant(employer.creditCode));
    const filed = await me.post('/cases/talent-permits', application(employer.creditCode, { materials: await uploadTalentMaterials(me) }, { passportNumber: 'c4xk29t71' }), { 'Idempotency-Key': idempotencyKey() });
    expect([filed.status, filed.body.message]).toEqual([201, undefined]);
    const filedCase = await awaitCase(me, filed.body.id, (c) => c.application?.talent, 'the filed application');
    expect(filedCase.application.talent.passportNumber).toBe('C4XK29T71');
  });
});
