import type { INestApplication } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { startApi } from '../apps/api/src/api.bootstrap';
import { apiConfigFrom } from '../libs/config';
import type { Actor } from '../libs/domain';
import { agencyStaff, applicant, tokenFor } from './support/actors';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { eventually } from './support/http';

/**
 * Two API instances — A and B, each its own Nest application on its own port — on the test
 * stack's one Postgres and one Temporal, as two replicas behind a load balancer would run: a
 * client may reach either at any call. (`npm run scale-out` runs two workers and two APIs as
 * processes and kills one of each mid-run; these are the cross-instance behaviours cheap enough
 * for every test run.)
 */
const LIMIT = 40;
const AUTH_FAILURES = 6;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** HTTP from a chosen local address (127.x.y.z), so the limits per address start empty for this test. */
function call(base: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string>; from?: string } = {}): Promise<Answer> {
  const url = new URL(path, base);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...(payload ? { 'content-type': 'application/json' } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: options.from }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const freshAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;

describe('two API instances on one Postgres and one Temporal', () => {
  const instances: Array<{ app: INestApplication; url: string }> = [];
  let A: string;
  let B: string;

  beforeAll(async () => {
    // The same settings for both, as replicas get them; low limits so a test reaches them quickly.
    const config = () => apiConfigFrom({ ...process.env, API_PORT: '0', RATE_LIMIT_PER_MINUTE: String(LIMIT), AUTH_FAILURES_PER_MINUTE: String(AUTH_FAILURES) });
    instances.push(await startApi(config()), await startApi(config()));
    [A, B] = instances.map((i) => i.url);
    expect(A).not.toBe(B);
  });
  afterAll(async () => {
    for (const instance of instances) await instance.app.close();
  });

  const as = (actor: Actor) => {
    const token = tokenFor(actor);
    return {
      get: (base: string, path: string, headers: Record<string, string> = {}) => call(base, 'GET', path, { token, headers }),
      post: (base: string, path: string, body: unknown = {}, headers: Record<string, string> = {}) => call(base, 'POST', path, { token, body, headers }),
    };
  };
  const zgc = as(agencyStaff('zgc', 'zgc-scale-out'));
  const acceptanceStep = (c: any) => c.steps?.find((s: any) => s.name === '受理' && s.status === 'open');

  /** An enterprise below designated size files on `on`: off the fast path, 受理 opens in 市科委's inbox. */
  async function fileForAcceptance(on: string) {
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const me = as(applicant(enterprise.creditCode));
    const filed = await me.post(on, '/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': randomUUID() });
    expect(filed.status).toBe(201);
    return { me, id: filed.body.id as string };
  }

  it('takes a filing on A and the decision on B; each instance shows the other’s work', async () => {
    const { me, id } = await fileForAcceptance(A);
    const atAcceptance = await eventually('受理 open, read through B', async () => {
      const c = await me.get(B, `/cases/${id}`);
      return c.status === 200 && acceptanceStep(c.body) ? c.body : undefined;
    });
    const decided = await zgc.post(B, `/steps/${acceptanceStep(atAcceptance).id}/decision`, { decision: 'accept' }, { 'Idempotency-Key': randomUUID() });
    expect(decided.status).toBe(200);
    // A reads what B's decision did: 受理 closed, 形式审查 open, the acceptance notice issued.
    const onA = await eventually('formal review open, read through A', async () => {
      const c = await me.get(A, `/cases/${id}`);
      return c.status === 200 && c.body.steps.some((s: any) => s.name === '形式审查' && s.status === 'open') ? c.body : undefined;
    });
    expect(onA.timeline.filter((e: any) => e.action === 'step-decided').map((e: any) => [e.agency, e.detail.decision])).toEqual([['zgc', 'accept']]);
    expect(acceptanceStep(onA)).toBeUndefined();
    expect((await me.get(A, `/cases/${id}/notices`)).body.map((d: any) => d.kind)).toContain('acceptance-notice');
  });

  it("wakes a long poll held by B when the agency decides through A — the case's and the inbox's", async () => {
    const { me, id } = await fileForAcceptance(B);
    const held = await eventually('受理 open on B', async () => {
      const c = await me.get(B, `/cases/${id}`);
      return c.status === 200 && acceptanceStep(c.body) ? c : undefined;
    });
    const inbox = await zgc.get(B, '/inbox');
    expect(inbox.status).toBe(200);

    const waitedFrom = Date.now();
    const casePoll = me.get(B, `/cases/${id}`, { 'if-none-match': String(held.headers.etag), prefer: 'wait=25' });
    const inboxPoll = zgc.get(B, '/inbox', { 'if-none-match': String(inbox.headers.etag), prefer: 'wait=25' });
    // Both polls are registered on B before the decision is sent (a poll answers at once only on a stale ETag).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await zgc.post(A, `/steps/${acceptanceStep(held.body).id}/decision`, { decision: 'accept' }, { 'Idempotency-Key': randomUUID() })).status).toBe(200);

    const woken = await casePoll;
    expect(woken.status).toBe(200);
    expect(woken.body.version).toBeGreaterThan(held.body.version);
    expect(woken.body.timeline.map((e: any) => e.action)).toContain('step-decided');
    // Woken by the change, not by the 25 s wait running out.
    expect(Date.now() - waitedFrom).toBeLessThan(15_000);
    const inboxWoken = await inboxPoll;
    expect(inboxWoken.status).toBe(200);
    expect(inboxWoken.headers.etag).not.toBe(inbox.headers.etag);
  });

  it('counts one rate limit per user across both instances, with the same 429 and Retry-After on each', async () => {
    const flooder = as(agencyStaff('zgc', `scale-out-flooder-${randomUUID()}`));
    const served = { [A]: 0, [B]: 0 };
    let refused: Answer | undefined;
    // Alternating, as a round-robin balancer sends them; the bucket refills 40 a minute meanwhile.
    for (let i = 0; i < 3 * LIMIT && !refused; i += 1) {
      const base = i % 2 === 0 ? A : B;
      const answer = await flooder.get(base, '/auth/me');
      if (answer.status === 200) served[base] += 1;
      else refused = answer;
    }
    // One bucket of 40 for both, not 40 on each: each instance served about half of it.
    expect(served[A] + served[B]).toBeGreaterThanOrEqual(LIMIT);
    expect(served[A] + served[B]).toBeLessThanOrEqual(LIMIT + 3);
    expect(Math.max(served[A], served[B])).toBeLessThan(LIMIT);
    for (const answer of [refused!, await flooder.get(A, '/auth/me'), await flooder.get(B, '/auth/me')]) {
      expect(answer.status).toBe(429);
      const seconds = Number(answer.headers['retry-after']);
      expect(answer.body).toEqual({ statusCode: 429, error: 'Too Many Requests', code: 'rateLimit.exceeded', params: { perMinute: LIMIT, seconds }, message: `请求过于频繁：每分钟最多 ${LIMIT} 次，请 ${seconds} 秒后再试` });
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(Math.ceil(60 / LIMIT));
    }
    // Another user is untouched, on either instance.
    const other = as(agencyStaff('zgc', `scale-out-other-${randomUUID()}`));
    expect([(await other.get(A, '/auth/me')).status, (await other.get(B, '/auth/me')).status]).toEqual([200, 200]);
  });

  it('serves a burst sent to both instances at once no more than the one bucket holds', async () => {
    const flooder = as(agencyStaff('zgc', `scale-out-burst-${randomUUID()}`));
    const answers = await Promise.all(Array.from({ length: 2 * LIMIT }, (_, i) => flooder.get(i % 2 === 0 ? A : B, '/auth/me')));
    const served = answers.filter((a) => a.status === 200).length;
    // 40 at once, plus what refills (40 a minute) while the burst is answered.
    expect(served).toBeGreaterThanOrEqual(LIMIT);
    expect(served).toBeLessThanOrEqual(LIMIT + 2);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(2 * LIMIT - served);
  });

  it('counts refused tokens per address across both instances: a good token is then refused on either', async () => {
    const flooder = freshAddress();
    const good = tokenFor(agencyStaff('zgc', `scale-out-victim-${randomUUID()}`));
    for (let i = 0; i < AUTH_FAILURES; i += 1) {
      const answer = await call(i % 2 === 0 ? A : B, 'GET', '/auth/me', { token: `forged.${i}.token`, from: flooder });
      expect(answer.status).toBe(401);
    }
    for (const base of [A, B]) {
      const blocked = await call(base, 'GET', '/auth/me', { token: good, from: flooder });
      expect(blocked.status).toBe(429);
      const seconds = Number(blocked.headers['retry-after']);
      expect(blocked.body).toEqual({ statusCode: 429, error: 'Too Many Requests', code: 'auth.tooManyFailures', params: { seconds }, message: `认证失败次数过多，请 ${seconds} 秒后再试` });
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(Math.ceil(60 / AUTH_FAILURES));
    }
    // Another address carries on through either.
    const other = freshAddress();
    expect([(await call(A, 'GET', '/auth/me', { token: good, from: other })).status, (await call(B, 'GET', '/auth/me', { token: good, from: other })).status]).toEqual([200, 200]);
  });
});
