import { agencyStaff, applicant, as, supervisor } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';

/**
 * 认领即锁定: two officials of 市科委 contend for one step. The first to claim it holds it; the
 * other can neither decide it nor take it over, and is told who holds it (409, in Chinese);
 * the holder can release it; a supervisor can take it back from anyone.
 */
const zhang = as({ ...agencyStaff('zgc', 'zgc-zhang'), name: '张科员' });
const li = as({ ...agencyStaff('zgc', 'zgc-li'), name: '李科员' });
const boss = as(supervisor());

async function atAcceptance() {
  const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
  const me = as(applicant(enterprise.creditCode));
  const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
  const c = await awaitCase(me, id, (x) => x.status === 'acceptance' && x.steps.length === 1, 'the acceptance step');
  return { me, caseId: id, step: c.steps[0] };
}

describe('claiming a step locks it to its holder', () => {
  it('lets only the holder decide: another official gets 409 naming the holder, and the step stays as it was', async () => {
    const { me, caseId, step } = await atAcceptance();
    expect((await zhang.post(`/steps/${step.id}/claim`)).body).toMatchObject({ status: 'claimed', assignee: { userId: 'zgc-zhang', name: '张科员' } });

    const decided = await li.post(`/steps/${step.id}/decision`, { decision: 'accept' });
    expect(decided.status).toBe(409);
    expect(decided.body).toMatchObject({
      code: 'step.heldByOther',
      error: 'InvalidState',
      params: { holder: '张科员', holderId: 'zgc-zhang', stepName: '受理' },
      message: '受理已由 张科员 认领，只有认领人可以办理；如需接手，请认领人取消认领或由电子监察收回',
    });
    // Nor can the other official take it over, pause its clock, or release it.
    expect((await li.post(`/steps/${step.id}/claim`)).body.code).toBe('step.heldByOther');
    expect((await li.post(`/steps/${step.id}/exclusions`, { kind: 'testing', expectedDays: 3 })).body.code).toBe('step.heldByOther');
    expect((await li.post(`/steps/${step.id}/release`, {})).body.code).toBe('step.heldByOther');
    // In English when asked.
    const english = await li.post(`/steps/${step.id}/decision`, { decision: 'accept' }, { 'accept-language': 'en' });
    expect(english.body.message).toBe('受理 is claimed by 张科员: only they may act on it; ask them to release it, or a supervisor to take it back');
    expect(english.headers.get('content-language')).toBe('en');

    const c = await me.get(`/cases/${caseId}`);
    expect(c.body.steps[0]).toMatchObject({ status: 'claimed', assignee: { userId: 'zgc-zhang' } });
    expect(c.body.timeline.filter((e: any) => e.action === 'step-decided')).toEqual([]);

    // The holder decides; the step names them.
    expect((await zhang.post(`/steps/${step.id}/decision`, { decision: 'accept' })).status).toBe(200);
    const accepted = await awaitCase(me, caseId, (x) => x.status === 'formal-review', 'formal review');
    expect(accepted.steps[0]).toMatchObject({ status: 'decided', decision: 'accept', assignee: { userId: 'zgc-zhang' } });
    expect(accepted.timeline.find((e: any) => e.action === 'step-decided')).toMatchObject({ actor: 'zgc-zhang' });
  });

  it('lets the holder release it, after which a colleague may claim and decide it', async () => {
    const { me, caseId, step } = await atAcceptance();
    expect((await zhang.post(`/steps/${step.id}/claim`)).status).toBe(200);
    const released = await zhang.post(`/steps/${step.id}/release`, { reason: '请假，交回科室' });
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('open');
    expect(released.body.assignee).toBeUndefined();
    // Nothing left to release.
    expect((await zhang.post(`/steps/${step.id}/release`, {})).body).toMatchObject({ code: 'step.notClaimed', message: '受理尚未被认领' });

    expect((await li.post(`/steps/${step.id}/claim`)).status).toBe(200);
    expect((await li.post(`/steps/${step.id}/decision`, { decision: 'accept' })).status).toBe(200);
    const c = await awaitCase(me, caseId, (x) => x.status === 'formal-review', 'formal review');
    expect(c.timeline.find((e: any) => e.action === 'step-released')).toMatchObject({ actor: 'zgc-zhang', reason: '请假，交回科室', detail: { holder: '张科员', takenBack: false } });
    expect(c.steps[0].assignee).toMatchObject({ userId: 'zgc-li' });
  });

  it('lets a supervisor take a claimed step back, and shows the holder in the worklist until then', async () => {
    const { me, caseId, step } = await atAcceptance();
    expect((await zhang.post(`/steps/${step.id}/claim`)).status).toBe(200);
    const row = await awaitCase(me, caseId, (x) => x.steps[0].status === 'claimed', 'the claim').then(async () =>
      ((await li.get(`/worklist?q=${encodeURIComponent(caseId)}`)).body.rows as any[]).find((r) => r.stepId === step.id),
    );
    expect(row).toMatchObject({ status: 'claimed', holder: { userId: 'zgc-zhang', name: '张科员' }, heldByMe: false });
    expect((await zhang.get(`/worklist?view=mine&q=${encodeURIComponent(caseId)}`)).body.rows.map((r: any) => r.stepId)).toEqual([step.id]);
    expect((await li.get(`/worklist?view=mine&q=${encodeURIComponent(caseId)}`)).body.rows).toEqual([]);

    const takenBack = await boss.post(`/steps/${step.id}/release`, { reason: '经办人调岗，收回重新分配' });
    expect([takenBack.status, takenBack.body.status, takenBack.body.assignee]).toEqual([200, 'open', undefined]);
    expect((await li.post(`/steps/${step.id}/decision`, { decision: 'accept' })).status).toBe(200);
    const c = await awaitCase(me, caseId, (x) => x.status === 'formal-review', 'formal review');
    expect(c.timeline.find((e: any) => e.action === 'step-released')).toMatchObject({ role: 'supervisor', detail: { holderId: 'zgc-zhang', takenBack: true } });
  });
});
