import { TokenBuckets } from './rate-limit.guard';

describe('TokenBuckets', () => {
  it('allows a burst of perMinute, then says when the next token is due', () => {
    const buckets = new TokenBuckets(30);
    const t0 = 1_000_000;
    for (let i = 0; i < 30; i += 1) expect(buckets.take('ip:a', t0)).toBe(true);
    expect(buckets.take('ip:a', t0)).toBe(false);
    expect(buckets.retryAfter('ip:a', t0)).toBe(2);
    // Another key has its own bucket.
    expect(buckets.retryAfter('ip:b', t0)).toBe(0);
    // 30 a minute: one token every 2 s.
    expect(buckets.take('ip:a', t0 + 1_000)).toBe(false);
    expect(buckets.retryAfter('ip:a', t0 + 1_000)).toBe(1);
    expect(buckets.take('ip:a', t0 + 2_000)).toBe(true);
    expect(buckets.take('ip:a', t0 + 2_000)).toBe(false);
  });

  it('never refills beyond perMinute', () => {
    const buckets = new TokenBuckets(2);
    expect(buckets.take('k', 0)).toBe(true);
    let taken = 0;
    while (buckets.take('k', 3_600_000)) taken += 1;
    expect(taken).toBe(2);
  });
});
