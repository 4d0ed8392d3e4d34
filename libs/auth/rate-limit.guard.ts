import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../domain/case-engine.contract';

/**
 * Per-user rate limit (per address for calls without a token): a token bucket refilled
 * continuously, `perMinute` requests a minute with bursts up to the same. Kept in this API
 * instance's memory — several instances each enforce it on their own share of the traffic.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const key = req.actor ? `user:${req.actor.userId}` : `ip:${req.ip}`;
    const now = Date.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    bucket.at = now;
    if (bucket.tokens < 1) {
      const retryAfter = Math.ceil(((1 - bucket.tokens) / this.perMinute) * 60);
      ctx.switchToHttp().getResponse<Response>().setHeader('retry-after', String(retryAfter));
      throw new HttpException({ statusCode: 429, error: 'Too Many Requests', message: `rate limit of ${this.perMinute} requests a minute reached; retry in ${retryAfter} s` }, HttpStatus.TOO_MANY_REQUESTS);
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 100_000) this.forgetIdle(now);
    return true;
  }

  /** Buckets full again carry no information: drop them so memory stays bounded. */
  private forgetIdle(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + ((now - b.at) / 60_000) * this.perMinute >= this.perMinute) this.buckets.delete(key);
  }
}
