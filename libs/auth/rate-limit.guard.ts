import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../domain/case-engine.contract';
import { ApiError } from '../dto/api-error';
import type { ErrorCode, ErrorParams } from '../i18n/error-catalogue';

/**
 * Token buckets by key, refilled continuously: `perMinute` a minute, bursts up to the same. Kept
 * in this API instance's memory — several instances each count their own share of the traffic.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(readonly perMinute: number) {}

  /** Seconds until the key has a whole token again; 0 when it has one now. */
  retryAfter(key: string, now = Date.now()): number {
    const tokens = this.level(key, now);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil(((1 - tokens) / this.perMinute) * 60));
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

function tooMany(ctx: ExecutionContext, retryAfter: number, code: ErrorCode, params: ErrorParams): ApiError {
  ctx.switchToHttp().getResponse<Response>().setHeader('retry-after', String(retryAfter));
  return new ApiError(429, code, { ...params, seconds: retryAfter });
}

/** Per-user rate limit (per address for calls without a token); 429 with Retry-After beyond it. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly buckets: TokenBuckets;

  constructor(private readonly perMinute: number) {
    this.buckets = new TokenBuckets(perMinute);
  }

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const key = req.actor ? `user:${req.actor.userId}` : `ip:${req.ip}`;
    if (this.buckets.take(key)) return true;
    const retryAfter = this.buckets.retryAfter(key);
    throw tooMany(ctx, retryAfter, 'rateLimit.exceeded', { perMinute: this.perMinute });
  }
}

/**
 * Refused tokens, counted per client address: past `perMinute` of them the address gets 429 on
 * every call that needs a token — a good one too — until its bucket refills, so tokens cannot be
 * guessed or replayed in bulk. Calls without any token are not counted (nothing was tried).
 */
export class AuthFailureLimit {
  private readonly buckets: TokenBuckets;

  constructor(readonly perMinute: number) {
    this.buckets = new TokenBuckets(perMinute);
  }

  /** Throws 429 while the caller's address has used up its refused tokens. */
  assertAllowed(ctx: ExecutionContext): void {
    const retryAfter = this.buckets.retryAfter(this.key(ctx));
    if (retryAfter > 0) throw tooMany(ctx, retryAfter, 'auth.tooManyFailures', {});
  }

  recordFailure(ctx: ExecutionContext): void {
    this.buckets.take(this.key(ctx));
  }

  private key(ctx: ExecutionContext): string {
    return `ip:${ctx.switchToHttp().getRequest<Request>().ip}`;
  }
}
