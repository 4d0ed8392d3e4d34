import { agencyStaff, applicant, as } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';

/**
 * Consoles stay current without hammering the API: a GET with the ETag the client holds answers
 * 304 while nothing changed, and with `Prefer: wait=N` it is held until the case (or the inbox)
 * next changes — woken by the projection's NOTIFY, not by a timer.
 */
const zgc = as(agencyStaff('zgc', 'zgc-long-poll'));
const stepNamed = (c: any, name: string) => c.steps.find((s: any) => s.name === name);

async function atAcceptance() {
  const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
  const me = as(applicant(enterprise.creditCode));
  const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
  const c = await awaitCase(me, id, (x) => x.status === 'acceptance' && stepNamed(x, '受理'), 'acceptance');
  return { me, id, c };
}

describe('conditional and long-poll reads', () => {
  it('tags a case with its version and answers 304 to a client that holds it', async () => {
    const { me, id } = await atAcceptance();
    const first = await me.get(`/cases/${id}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(`W/"v${first.body.version}"`);
    const again = await me.get(`/cases/${id}`, { 'if-none-match': first.headers.get('etag')! });
    expect([again.status, again.body, again.headers.get('etag')]).toEqual([304, undefined, first.headers.get('etag')]);
    const stale = await me.get(`/cases/${id}`, { 'if-none-match': 'W/"v0"' });
    expect([stale.status, stale.body.version]).toEqual([200, first.body.version]);
  });

  it('holds a long poll until the agency decides, then answers with the new version', async () => {
    const { me, id } = await atAcceptance();
    const held = await me.get(`/cases/${id}`);
    const poll = me.get(`/cases/${id}`, { 'if-none-match': held.headers.get('etag')!, prefer: 'wait=25' });
    expect((await zgc.post(`/steps/${stepNamed(held.body, '受理').id}/decision`, { decision: 'accept' })).status).toBe(200);
    const answer = await poll;
    expect(answer.status).toBe(200);
    expect(answer.body.version).toBeGreaterThan(held.body.version);
    expect(answer.body.timeline.map((e: any) => e.action)).toContain('step-decided');
    expect(answer.headers.get('etag')).toBe(`W/"v${answer.body.version}"`);
  });

  it('answers 304 when nothing changed within the wait', async () => {
    const { me, id } = await atAcceptance();
    const held = await me.get(`/cases/${id}`);
    const answer = await me.get(`/cases/${id}`, { 'if-none-match': held.headers.get('etag')!, prefer: 'wait=1' });
    expect([answer.status, answer.headers.get('etag')]).toEqual([304, held.headers.get('etag')]);
  });

  it('never tells a stranger whether the ETag is current', async () => {
    const { me, id } = await atAcceptance();
    const held = await me.get(`/cases/${id}`);
    const stranger = as(applicant((await loadEnterprise(eligibleEnterprise())).creditCode));
    const answer = await stranger.get(`/cases/${id}`, { 'if-none-match': held.headers.get('etag')!, prefer: 'wait=1' });
    expect([answer.status, answer.body]).toEqual([404, { statusCode: 404, error: 'Not Found', code: 'case.notFound', message: '案件不存在', params: {} }]);
  });

  it("wakes an agency's inbox long poll when a step for it opens", async () => {
    const first = await zgc.get('/inbox');
    expect(first.status).toBe(200);
    let etag = first.headers.get('etag')!;
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const filing = fileHighTech(applicationFor(enterprise), undefined, as(applicant(enterprise.creditCode)));
    filing.catch(() => undefined);
    const answers: number[] = [];
    let mine: any;
    // Other suites' cases move the same inbox: every answer must be a change (200), none a timed-out 304.
    while (!mine) {
      const answer = await zgc.get('/inbox', { 'if-none-match': etag, prefer: 'wait=20' });
      answers.push(answer.status);
      if (answer.status !== 200) break;
      expect(answer.headers.get('etag')).not.toBe(etag);
      etag = answer.headers.get('etag')!;
      const { id } = await filing;
      mine = answer.body.find((s: any) => s.caseId === id && s.name === '受理');
    }
    expect(answers.every((s) => s === 200)).toBe(true);
    expect(mine.agency).toBe('zgc');
  });
});
