import { PostgresBuckets } from './postgres-buckets';

describe('PostgresBuckets while Postgres does not answer', () => {
  // Nothing listens on port 1: every statement fails at once, as while Postgres restarts.
  const buckets = new PostgresBuckets('postgres://nobody:nothing@127.0.0.1:1/none');
  afterAll(() => buckets.onApplicationShutdown());

  it('counts in this process instead, still refusing past the limit with the wait', async () => {
    for (let i = 0; i < 3; i += 1) expect(await buckets.take('requests:user:u', 3)).toBe(0);
    expect(await buckets.take('requests:user:u', 3)).toBe(20);
    expect(await buckets.retryAfter('requests:user:u', 3)).toBe(20);
    expect(await buckets.retryAfter('requests:user:other', 3)).toBe(0);
  });
});
