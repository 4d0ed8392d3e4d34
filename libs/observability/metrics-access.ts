import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Who may read /metrics. With METRICS_TOKEN set, only a caller presenting it as a bearer token
 * (Prometheus: `authorization: { credentials_file: … }`); without it, anyone outside production,
 * and nobody in production (404, as if there were no such page): the API's /metrics shares the
 * public port, behind the same load balancer, and open steps per agency are not for the public.
 */
export type MetricsAccess = 'allowed' | 'unauthorized' | 'off';

export function metricsAccess(nodeEnv: string | undefined, token: string | undefined, authorization: string | undefined): MetricsAccess {
  if (!token) return nodeEnv === 'production' ? 'off' : 'allowed';
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return presented !== undefined && sameSecret(presented, token) ? 'allowed' : 'unauthorized';
}

/** Compared as digests, in constant time: neither the token's length nor its prefix leaks through timing. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** The answers for a refused scrape, in the API's error shape. */
export const METRICS_REFUSALS = {
  off: { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Cannot GET /metrics' } },
  unauthorized: {
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="metrics"' },
    body: { statusCode: 401, error: 'Unauthorized', message: '读取监控指标需要 METRICS_TOKEN 令牌（Authorization: Bearer …）' },
  },
} as const;
