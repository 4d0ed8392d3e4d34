import { agencyStaff, applicant, as, expert, supervisor } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { eventually } from './support/http';

/**
 * 专家评审背靠背: while the panel sits, an expert sees no other member's score or opinion — not on
 * the case, its timeline, the inbox, the worklist, nor in the answer to their own score. 市科委
 * and supervisors see every score; once the panel has closed, so do the experts.
 */
const zgc = as(agencyStaff('zgc', 'zgc-blind'));
const boss = as(supervisor());
const stepNamed = (c: any, name: string) => c.steps.find((s: any) => s.name === name);

async function inExpertReview() {
  const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
  const me = as(applicant(enterprise.creditCode));
  const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
  const accepting = await awaitCase(me, id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'acceptance');
  expect((await zgc.post(`/steps/${accepting.steps[0].id}/decision`, { decision: 'accept' })).status).toBe(200);
  const reviewing = await awaitCase(me, id, (c) => c.status === 'formal-review' && stepNamed(c, '形式审查'), 'formal review');
  expect((await zgc.post(`/steps/${stepNamed(reviewing, '形式审查').id}/decision`, { decision: 'approve' })).status).toBe(200);
  const c = await awaitCase(me, id, (x) => x.status === 'expert-review' && stepNamed(x, '专家评审')?.panel, 'expert review');
  const panel = stepNamed(c, '专家评审');
  const members = (panel.panel.members as Array<{ userId: string; name: string }>).map((m) => as(expert(m.userId, m.name)));
  return { me, caseId: id as string, panel, members };
}

describe('blind expert review', () => {
  it('shows an expert only their own score until the panel closes; officials and supervisors see all', async () => {
    const { caseId, panel, members } = await inExpertReview();
    const [first, second, third] = members;

    const scored = await first.post(`/steps/${panel.id}/score`, { score: 88, opinion: '技术先进，建议通过（甲）' });
    expect(scored.status).toBe(200);
    expect(scored.body.panel.scores).toEqual([expect.objectContaining({ userId: first.actor.userId, score: 88 })]);
    await eventually('the first score in the read model', async () => ((await zgc.get(`/cases/${caseId}`)).body.steps.find((s: any) => s.id === panel.id)?.panel.scores.length === 1 ? true : undefined));

    // The second member sees that one has scored, never what.
    const seen = (await second.get(`/cases/${caseId}`)).body;
    expect(stepNamed(seen, '专家评审').panel.scores).toEqual([]);
    const entry = seen.timeline.find((e: any) => e.action === 'expert-scored');
    expect(entry).toMatchObject({ actor: first.actor.userId, detail: { stepId: panel.id, scored: 1, of: 3 } });
    expect(entry.reason).toBeUndefined();
    expect(entry.detail.score).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain('技术先进，建议通过（甲）');
    const inbox = ((await second.get('/inbox')).body as any[]).find((s) => s.id === panel.id);
    expect(inbox.panel.scores).toEqual([]);
    const row = ((await second.get(`/worklist?q=${encodeURIComponent(caseId)}`)).body.rows as any[]).find((r) => r.stepId === panel.id);
    expect(row.panel).toEqual({ members: 3, scored: 1, closed: false });

    // The first sees their own, and after the second scores, still only their own.
    expect((await second.post(`/steps/${panel.id}/score`, { score: 71, opinion: '基本符合（乙）' })).body.panel.scores.map((s: any) => s.userId)).toEqual([second.actor.userId]);
    const firstView = await eventually('two scores in the read model', async () => {
      const c = (await first.get(`/cases/${caseId}`)).body;
      return c.timeline.filter((e: any) => e.action === 'expert-scored').length === 2 ? c : undefined;
    });
    expect(stepNamed(firstView, '专家评审').panel.scores).toEqual([expect.objectContaining({ userId: first.actor.userId, opinion: '技术先进，建议通过（甲）' })]);
    expect(JSON.stringify(firstView)).not.toContain('基本符合（乙）');
    expect(((await first.get(`/worklist?view=done&q=${encodeURIComponent(caseId)}`)).body.rows as any[])[0].panel).toEqual({
      members: 3,
      scored: 2,
      closed: false,
      myScore: expect.objectContaining({ score: 88, opinion: '技术先进，建议通过（甲）' }),
    });

    // 市科委 and the supervisor see every score as it comes.
    for (const official of [zgc, boss]) {
      const scores = stepNamed((await official.get(`/cases/${caseId}`)).body, '专家评审').panel.scores;
      expect(scores.map((s: any) => s.opinion).sort()).toEqual(['基本符合（乙）', '技术先进，建议通过（甲）']);
    }

    // The panel closes with the third score: now every member sees every score.
    expect((await third.post(`/steps/${panel.id}/score`, { score: 80, opinion: '同意（丙）' })).status).toBe(200);
    const closed = await eventually('the closed panel', async () => {
      const c = (await second.get(`/cases/${caseId}`)).body;
      return stepNamed(c, '专家评审').status === 'decided' ? c : undefined;
    });
    expect(stepNamed(closed, '专家评审').panel.scores.map((s: any) => s.score).sort()).toEqual([71, 80, 88]);
    expect(closed.timeline.find((e: any) => e.action === 'expert-scored' && e.actor === first.actor.userId)).toMatchObject({ reason: '技术先进，建议通过（甲）', detail: { score: 88 } });
  });
});
