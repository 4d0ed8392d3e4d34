import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../domain/case-engine.contract';
import { ApiError } from '../dto/api-error';
import type { ErrorCode, ErrorParams } from '../i18n/error-catalogue';

/** Seconds until a bucket at `level` tokens holds a whole one again, refilling `perMinute` a minute; 0 when it does now. */
export function retryAfterSeconds(level: number, perMinute: number): number {
  return level >= 1 ? 0 : Math.max(1, Math.ceil(((1 - level) / perMinute) * 60));
}

/**
 * Token buckets by key, refilled continuously: `perMinute` a minute, bursts up to the same, in
 * this process's memory. The API counts in Postgres (PostgresBuckets), shared by its instances;
 * these count for it while Postgres does not answer.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(readonly perMinute: number) {}

  /** Seconds until the key has a whole token again; 0 when it has one now. */
  retryAfter(key: string, now = Date.now()): number {
    return retryAfterSeconds(this.level(key, now), this.perMinute);
  }

  /** Takes a token if there is one; false (and nothing taken) when the bucket is empty. */
  take(key: string, now = Date.now()): boolean {
    const tokens = this.level(key, now);
    if (tokens < 1) return false;
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > 100_000) this.forgetFull(now);
    return true;
  }

  private level(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    return bucket ? Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute) : this.perMinute;
  }

  /** Buckets full again carry no information: drop them so memory stays bounded. */
  private forgetFull(now: number): void {
    for (const key of [...this.buckets.keys()]) if (this.level(key, now) >= this.perMinute) this.buckets.delete(key);
  }
}

/** Where the limits keep their buckets: this process (LocalBuckets) or Postgres, shared by every API instance. */
export interface BucketStore {
  /** Takes a token from the key's bucket: 0 when taken, otherwise the seconds until one is due (nothing taken). */
  take(key: string, perMinute: number): Promise<number>;
  /** Seconds until the key's bucket holds a whole token; 0 when it does now. */
  retryAfter(key: string, perMinute: number): Promise<number>;
}

/** Buckets in this process's memory. */
export class LocalBuckets implements BucketStore {
  private readonly byRate = new Map<number, TokenBuckets>();

  take(key: string, perMinute: number): Promise<number> {
    const buckets = this.of(perMinute);
    return Promise.resolve(buckets.take(key) ? 0 : buckets.retryAfter(key));
  }

  retryAfter(key: string, perMinute: number): Promise<number> {
    return Promise.resolve(this.of(perMinute).retryAfter(key));
  }

  private of(perMinute: number): TokenBuckets {
    let buckets = this.byRate.get(perMinute);
    if (!buckets) this.byRate.set(perMinute, (buckets = new TokenBuckets(perMinute)));
    return buckets;
  }
}

function tooMany(ctx: ExecutionContext, retryAfter: number, code: ErrorCode, params: ErrorParams): ApiError {
  ctx.switchToHttp().getResponse<Response>().setHeader('retry-after', String(retryAfter));
  return new ApiError(429, code, { ...params, seconds: retryAfter });
}

/** Per-user rate limit (per address for calls without a token); 429 with Retry-After beyond it. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly perMinute: number,
    private readonly buckets: BucketStore = new LocalBuckets(),
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const key = req.actor ? `requests:user:${req.actor.userId}` : `requests:ip:${req.ip}`;
    const retryAfter = await this.buckets.take(key, this.perMinute);
    if (retryAfter === 0) return true;
    throw tooMany(ctx, retryAfter, 'rateLimit.exceeded', { perMinute: this.perMinute });
  }
}

/**
 * Refused tokens, counted per client address: past `perMinute` of them the address gets 429 on
 * every call that needs a token — a good one too — until its bucket refills, so tokens cannot be
 * guessed or replayed in bulk. Calls without any token are not counted (nothing was tried).
 */
export class AuthFailureLimit {
  constructor(
    readonly perMinute: number,
    private readonly buckets: BucketStore = new LocalBuckets(),
  ) {}

  /** Throws 429 while the caller's address has used up its refused tokens. */
  async assertAllowed(ctx: ExecutionContext): Promise<void> {
    const retryAfter = await this.buckets.retryAfter(this.key(ctx), this.perMinute);
    if (retryAfter > 0) throw tooMany(ctx, retryAfter, 'auth.tooManyFailures', {});
  }

  async recordFailure(ctx: ExecutionContext): Promise<void> {
    await this.buckets.take(this.key(ctx), this.perMinute);
  }

  private key(ctx: ExecutionContext): string {
    return `auth-failures:ip:${ctx.switchToHttp().getRequest<Request>().ip}`;
  }
}
