import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The API's rate limits (requests per user, refused tokens per address), shared by every API
 * instance: one token bucket per key, taken from with one atomic upsert. Unlogged, as counters
 * a minute long need no crash safety — after a crash Postgres empties the table and every
 * bucket starts full, which is what a restarted in-memory limiter did. A row untouched for a
 * minute is a full bucket again and may be dropped.
 */
export class RateLimitBuckets1765000000000 implements MigrationInterface {
  name = 'RateLimitBuckets1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_buckets (
        key    text             PRIMARY KEY,
        tokens double precision NOT NULL,
        at     timestamptz      NOT NULL
      )`);
    await q.query(`CREATE INDEX rate_limit_buckets_at ON rate_limit_buckets (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_buckets`);
  }
}
