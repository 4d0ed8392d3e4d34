import type { Server } from 'node:http';
import { startMetricsHttpServer } from './metrics-http-server';

const TOKEN = 'c'.repeat(40);

describe("the worker's metrics and health listener", () => {
  const servers: Server[] = [];
  afterAll(async () => Promise.all(servers.map((server) => new Promise((done) => server.close(done)))));

  async function listener(nodeEnv: string, token?: string) {
    const { server, url } = await startMetricsHttpServer({
      host: '127.0.0.1',
      port: 0,
      nodeEnv,
      token,
      metrics: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', text: 'approvals_up 1\n' }),
      readiness: () => ({ ready: true, detail: { worker: 'RUNNING' } }),
    });
    servers.push(server);
    return (path: string, init: RequestInit = {}) => fetch(`${url}${path}`, init);
  }

  it('in production without METRICS_TOKEN: no /metrics at all (404), the probes still answer', async () => {
    const get = await listener('production');
    const metrics = await get('/metrics');
    expect([metrics.status, await metrics.json()]).toEqual([404, { statusCode: 404, error: 'Not Found', message: 'Cannot GET /metrics' }]);
    expect((await get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect([(await get('/health/live')).status, (await get('/health/ready')).status]).toEqual([200, 200]);
  });

  it('with METRICS_TOKEN: 401 naming the setting without it, the exposition with it', async () => {
    const get = await listener('production', TOKEN);
    const refused = await get('/metrics');
    expect([refused.status, refused.headers.get('www-authenticate'), (await refused.json()).message]).toEqual([401, 'Bearer realm="metrics"', expect.stringContaining('METRICS_TOKEN')]);
    const scraped = await get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect([scraped.status, scraped.headers.get('content-type'), await scraped.text()]).toEqual([200, 'text/plain; version=0.0.4; charset=utf-8', 'approvals_up 1\n']);
  });

  it('serves nothing else', async () => {
    const get = await listener('development');
    expect((await get('/metrics', { method: 'POST' })).status).toBe(405);
    expect((await get('/anything')).status).toBe(404);
  });
});
