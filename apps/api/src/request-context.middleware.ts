import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

interface RequestContext {
  /** The client's name for this one action: a retry carrying it is the same action. */
  idempotencyKey?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Keeps what the request says about itself within reach of the services it reaches, without
 * threading it through every controller: the gateway derives a retried action's update id from it.
 */
export function requestContext(req: Request, _res: Response, next: NextFunction): void {
  const key = req.header('idempotency-key')?.trim();
  storage.run({ idempotencyKey: key || undefined }, next);
}

export function currentIdempotencyKey(): string | undefined {
  return storage.getStore()?.idempotencyKey;
}
