import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { ChangeFeed } from './change-feed.service';

/** The longest a client may ask to wait (kept under common proxy idle timeouts). */
export const MAX_WAIT_SECONDS = 30;

/**
 * `Prefer: wait=N` (RFC 7240 §4.3): the client would rather hold the request up to N seconds than
 * be told "no change" now. Anything else, or no header, means do not wait.
 */
export function preferredWaitMs(prefer: string | undefined): number {
  const match = /(?:^|[,;\s])wait\s*=\s*"?(\d+)"?/i.exec(prefer ?? '');
  return match ? Math.min(Number(match[1]), MAX_WAIT_SECONDS) * 1000 : 0;
}

/** Whether `If-None-Match` names this entity tag (weak comparison, RFC 9110 §13.1.2). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** An entity tag over a JSON body, for views without a version of their own (an inbox). */
export const contentEtag = (body: unknown): string => `W/"${createHash('sha1').update(JSON.stringify(body)).digest('base64url')}"`;

/**
 * A conditional read that may wait: answers at once when what the client holds (`If-None-Match`)
 * is stale, otherwise waits for a change on `topics` — registered before the first read, so a
 * change landing in between is not missed — and reads again. No body means "still as you have it".
 */
export async function readWhenChanged<T>(
  feed: ChangeFeed,
  topics: string[],
  known: string | undefined,
  waitMs: number,
  read: () => Promise<{ etag: string; body?: T }>,
): Promise<{ etag: string; body?: T }> {
  const deadline = Date.now() + waitMs;
  let wait = known && waitMs > 0 ? feed.wait(topics, waitMs) : undefined;
  try {
    let current = await read();
    // A change to another case in the same inbox wakes us too: read, and wait on if nothing we show moved.
    while (wait && etagMatches(known, current.etag) && (await wait.changed)) {
      const left = deadline - Date.now();
      wait = left > 0 ? feed.wait(topics, left) : undefined;
      current = await read();
    }
    return current;
  } finally {
    wait?.cancel();
  }
}

/** Headers of a conditional answer; without a body it is a 304 (private: views differ by caller). */
export function sendConditional(res: Pick<Response, 'setHeader' | 'status'>, etag: string, hasBody: boolean): void {
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  if (!hasBody) res.status(304);
}
