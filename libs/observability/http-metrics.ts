import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';
import { routeLabel } from './route-template';
import { secondsSince } from './metrics-registry';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * HTTP requests by method, route template and status, with their durations. Long polls (up to
 * 30 s) land in the top buckets. A request the client gave up on before the answer counts as 499.
 */
export class HttpMetrics {
  readonly requests: Histogram<'method' | 'route' | 'status'>;

  constructor(registry: Registry) {
    this.requests = new Histogram({
      name: 'approvals_http_request_duration_seconds',
      help: 'HTTP requests to the API by method, route template and status, and how long each took to answer',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    });
  }

  /** Express middleware: the route is read when the answer is done, after Express matched it. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.once('close', () => {
      this.requests.observe(
        { method: METHODS.has(req.method) ? req.method : 'OTHER', route: routeLabel(req), status: res.writableFinished ? String(res.statusCode) : '499' },
        secondsSince(started),
      );
    });
    next();
  };
}
