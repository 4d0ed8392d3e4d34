import { LocalBuckets, retryAfterSeconds, TokenBuckets } from './rate-limit.guard';

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

describe('LocalBuckets', () => {
  it('keeps a bucket per key and rate, answering 0 when a token is taken and the wait otherwise', async () => {
    const buckets = new LocalBuckets();
    for (let i = 0; i < 3; i += 1) expect(await buckets.take('k', 3)).toBe(0);
    expect(await buckets.take('k', 3)).toBe(20);
    expect(await buckets.retryAfter('k', 3)).toBe(20);
    expect(await buckets.retryAfter('other', 3)).toBe(0);
  });
});

describe('retryAfterSeconds', () => {
  it('is 0 with a whole token, at least 1 s otherwise, rounded up', () => {
    expect(retryAfterSeconds(1, 30)).toBe(0);
    expect(retryAfterSeconds(0.99, 30)).toBe(1);
    expect(retryAfterSeconds(0, 30)).toBe(2);
    expect(retryAfterSeconds(0, 7)).toBe(9);
  });
});
