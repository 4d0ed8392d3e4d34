import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { BucketStore, LocalBuckets, retryAfterSeconds } from './rate-limit.guard';

/**
 * A bucket's level now, refilled `$2` a minute since it was last taken from. Times are
 * Postgres's own (`now()`), so API instances on hosts with skewed clocks count alike; a writer
 * that started a moment before the last one sees no negative refill.
 */
const LEVEL = `LEAST($2::float8, b.tokens + GREATEST(0, extract(epoch FROM now() - b.at)) * $2::float8 / 60)`;

/**
 * Takes one token in one statement: a new key starts full less one; an existing row, locked by
 * the upsert, is refilled and taken from only if it holds a whole token. No row back: refused.
 */
const TAKE = `
  INSERT INTO rate_limit_buckets AS b (key, tokens, at) VALUES ($1, $2::float8 - 1, now())
  ON CONFLICT (key) DO UPDATE SET tokens = ${LEVEL} - 1, at = GREATEST(b.at, now())
   WHERE ${LEVEL} >= 1
  RETURNING tokens`;

const PEEK = `SELECT ${LEVEL} AS level FROM rate_limit_buckets b WHERE b.key = $1`;

/** After a minute untouched every bucket is full again: its row says nothing and goes. */
const SWEEP = `DELETE FROM rate_limit_buckets WHERE at < now() - interval '1 minute'`;

/** A limiter that cannot ask Postgres within this long counts in this process instead of holding the request. */
const QUERY_TIMEOUT_MS = 1000;

/**
 * The rate limits' buckets in the read model's Postgres (table `rate_limit_buckets`), so every
 * API instance counts against the same ones: a user or address gets its limit once, not once per
 * instance. Its own small pool keeps the limiter's statements from queueing behind reads.
 *
 * While Postgres does not answer (restarting), each instance counts in its own memory and says
 * so once: refusing every request because the counter is away would take down /health/live and
 * the public pages with it, and a limit per instance for those seconds is the lesser harm.
 */
export class PostgresBuckets implements BucketStore, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly pool: Pool;
  private readonly local = new LocalBuckets();
  private degraded = false;
  private readonly sweeper: NodeJS.Timeout;

  constructor(databaseUrl: string) {
    this.pool = new Pool({
      connectionString: databaseUrl,
      max: 4,
      connectionTimeoutMillis: QUERY_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      statement_timeout: QUERY_TIMEOUT_MS,
      application_name: 'approvals-api-rate-limits',
    });
    // An idle connection dropped by a restarting server: the next statement finds out and falls back.
    this.pool.on('error', () => undefined);
    this.sweeper = setInterval(() => void this.pool.query(SWEEP).catch(() => undefined), 60_000);
    this.sweeper.unref();
  }

  async take(key: string, perMinute: number): Promise<number> {
    try {
      const taken = await this.pool.query(TAKE, [key, perMinute]);
      this.recovered();
      return taken.rowCount ? 0 : Math.max(1, await this.retryAfter(key, perMinute));
    } catch (error) {
      this.fellBack(error);
      return this.local.take(key, perMinute);
    }
  }

  async retryAfter(key: string, perMinute: number): Promise<number> {
    try {
      const { rows } = await this.pool.query<{ level: number }>(PEEK, [key, perMinute]);
      this.recovered();
      return rows.length ? retryAfterSeconds(Number(rows[0].level), perMinute) : 0;
    } catch (error) {
      this.fellBack(error);
      return this.local.retryAfter(key, perMinute);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.pool.end().catch(() => undefined);
  }

  private fellBack(error: unknown): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(`rate limits counted by this instance alone until Postgres answers (${error instanceof Error ? error.message : String(error)})`);
  }

  private recovered(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger.log('rate limits shared through Postgres again');
  }
}
