import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { METRICS_REGISTRY } from '../../../../libs/observability';
import { SUPERVISION_QUERIES } from '../supervision/supervision.controller';

/** Scrapes within this long of the last reading are answered from it: one pair of queries per window, however many scrapers. */
export const READ_MODEL_GAUGES_MAX_AGE_MS = 10_000;

/**
 * The cases table by process × status: an index-only scan of cases_process_status (130 MB of
 * table at 100,000 cases, a few MB of index).
 */
export const CASES_BY_PROCESS_AND_STATUS = `SELECT process, status, count(*)::int AS n FROM cases GROUP BY process, status`;

interface Reading {
  cases: Array<{ process: string; status: string; n: number }>;
  openSteps: Array<{ process: string; agency: string; colour: string | null; n: number }>;
}

/**
 * Gauges computed from the read model when Prometheus scrapes: cases by process and status, and
 * open steps by process, agency and SLA colour (the supervisors' overview query, from its partial
 * index). A series that drops to none reads 0 rather than vanishing, so a graph falls to zero.
 * With several API instances every one reports the same numbers: aggregate with max, not sum.
 */
@Injectable()
export class ReadModelGauges {
  private readonly logger = new Logger('Metrics');
  private reading?: { at: number; value: Promise<Reading> };

  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(METRICS_REGISTRY) registry: Registry) {
    const read = () => this.read();
    const seenCases = new Set<string>();
    const seenSteps = new Set<string>();
    new Gauge({
      name: 'approvals_cases',
      help: 'Cases in the read model by process and status',
      labelNames: ['process', 'status'],
      registers: [registry],
      async collect() {
        const { cases } = await read();
        setAll(this, seenCases, cases.map((r) => [{ process: r.process, status: r.status }, r.n]));
      },
    });
    new Gauge({
      name: 'approvals_open_steps',
      help: 'Open steps (open, claimed, waiting for the applicant) by process, agency and SLA colour',
      labelNames: ['process', 'agency', 'colour'],
      registers: [registry],
      async collect() {
        const { openSteps } = await read();
        setAll(this, seenSteps, openSteps.map((r) => [{ process: r.process, agency: r.agency, colour: r.colour ?? 'none' }, r.n]));
      },
    });
  }

  /** The latest reading, at most READ_MODEL_GAUGES_MAX_AGE_MS old; concurrent scrapes share one query. */
  read(now = Date.now()): Promise<Reading> {
    if (!this.reading || now - this.reading.at > READ_MODEL_GAUGES_MAX_AGE_MS) {
      const previous = this.reading?.value;
      const value = this.query().catch(async (error: unknown) => {
        // Postgres away: the last numbers stand (readiness says what is wrong), and the next scrape asks again.
        this.logger.warn(`read-model gauges not refreshed: ${(error as Error).message}`);
        this.reading = undefined;
        return (await previous?.catch(() => undefined)) ?? { cases: [], openSteps: [] };
      });
      this.reading = { at: now, value };
    }
    return this.reading.value;
  }

  private async query(): Promise<Reading> {
    const [cases, openSteps] = await Promise.all([this.db.query(CASES_BY_PROCESS_AND_STATUS), this.db.query(SUPERVISION_QUERIES.overviewSteps.sql, SUPERVISION_QUERIES.overviewSteps.params)]);
    return { cases, openSteps };
  }
}

/** Sets each series read, and 0 on every series seen before but not read now. */
function setAll<L extends string>(gauge: Gauge<L>, seen: Set<string>, rows: Array<[Record<L, string>, number]>): void {
  const now = new Map(rows.map(([labels, n]) => [JSON.stringify(labels), { labels, n }]));
  for (const key of seen) if (!now.has(key)) gauge.set(JSON.parse(key) as Record<L, string>, 0);
  for (const [key, { labels, n }] of now) {
    seen.add(key);
    gauge.set(labels, n);
  }
}
