import { agencyStaff, as, tokenFor } from './support/actors';
import { api } from './support/http';

/**
 * No route without a guard: every operation the API publishes is called without a token, and
 * only those on this list — kept here, reviewed with every change — may answer anything but 401.
 */
const PUBLIC = new Set([
  'GET /',
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
  'GET /auth/config',
  'GET /auth/dev-users',
  'POST /auth/dev-login',
  'GET /verify',
  'POST /verify',
  'GET /verify/certificates/{number}',
  'GET /verify/compliance/{code}',
  'GET /verify/{kind}/{number}',
  'GET /public-notices',
  'POST /public-notices/{caseId}/objections',
]);

describe('every route is guarded', () => {
  it('answers 401 without a token on every operation not on the public list', async () => {
    const spec = (await api('GET', '/docs-json')).body;
    const operations = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(30);
    const unguarded: string[] = [];
    for (const { method, path } of operations) {
      const key = `${method} ${path}`;
      if (PUBLIC.has(key)) continue;
      const concrete = path.replace(/\{[^}]+\}/g, 'x');
      const answer = await api(method, concrete, method === 'GET' ? undefined : {});
      if (answer.status !== 401) unguarded.push(`${key} → ${answer.status}`);
    }
    expect(unguarded).toEqual([]);
    // And the public list holds only what the API publishes.
    for (const key of PUBLIC) expect(operations.map((o) => `${o.method} ${o.path}`)).toContain(key);
  });

  it('answers 429 past the per-user rate limit, naming when to retry, without touching other users', async () => {
    const flooder = agencyStaff('zgc', `flooder-${Date.now()}`);
    const headers = { authorization: `Bearer ${tokenFor(flooder)}` };
    const limit = Number(process.env.RATE_LIMIT_PER_MINUTE ?? 1200);
    let first429: { status: number; body: any; headers: Headers } | undefined;
    // The bucket refills while we flood it, so allow up to three times the limit before giving up.
    for (let i = 0; i < 3 * limit && !first429; i += 1) {
      const answer = await api('GET', '/auth/me', undefined, headers);
      if (answer.status === 429) first429 = answer;
    }
    expect(first429?.status).toBe(429);
    expect(Number(first429?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(first429?.body).toMatchObject({ code: 'rateLimit.exceeded', params: { perMinute: limit } });
    expect(first429?.body.message).toContain(`每分钟最多 ${limit} 次`);
    expect((await as(agencyStaff('zgc', 'someone-else')).get('/auth/me')).status).toBe(200);
  });
});
