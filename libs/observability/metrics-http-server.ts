import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METRICS_REFUSALS, metricsAccess } from './metrics-access';

export interface MetricsHttpServerOptions {
  host: string;
  port: number;
  nodeEnv: string | undefined;
  /** METRICS_TOKEN: the bearer token /metrics asks for (see metricsAccess). */
  token?: string;
  /** The exposition text and its content type. */
  metrics(): Promise<{ contentType: string; text: string }>;
  /** Readiness: whether the process does its work now, and what to say about it. */
  readiness(): { ready: boolean; detail: Record<string, unknown> };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A small HTTP listener for a process that has no HTTP port of its own (the worker): GET /metrics
 * for Prometheus, GET /health/live and /health/ready for the orchestrator's probes (open: they
 * say nothing but up or not). Nothing else.
 */
export async function startMetricsHttpServer(options: MetricsHttpServerOptions): Promise<{ server: Server; url: string }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { statusCode: 405, error: 'Method Not Allowed', message: `${req.method} is not served here` }, { allow: 'GET, HEAD' });
    if (path === '/health/live') return send(res, 200, { status: 'ok' });
    if (path === '/health/ready' || path === '/health') {
      const { ready, detail } = options.readiness();
      return send(res, ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable', ...detail });
    }
    if (path !== '/metrics') return send(res, 404, { statusCode: 404, error: 'Not Found', message: `Cannot GET ${path}` });
    const access = metricsAccess(options.nodeEnv, options.token, req.headers.authorization);
    if (access !== 'allowed') {
      const refusal = METRICS_REFUSALS[access];
      return send(res, refusal.status, refusal.body, 'headers' in refusal ? { ...refusal.headers } : {});
    }
    options
      .metrics()
      .then(({ contentType, text }) => {
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        res.end(text);
      })
      .catch((error: unknown) => send(res, 500, { statusCode: 500, error: 'Internal Server Error', message: (error as Error).message }));
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, options.host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${options.host}:${port}` };
}
