import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource, In } from 'typeorm';
import { signToken } from '../../libs/auth/token.service';
import type { Actor } from '../../libs/domain/case-engine.contract';
import type { DepartmentCode } from '../../libs/domain/departments';
import { CaseRecord, StepRecord, readModelDataSourceOptions } from '../../libs/persistence';
import { SUPERVISION_QUERIES } from '../../apps/api/src/supervision/supervision.controller';
import { projectRoot } from '../paths';
import { startStack } from '../stack';
import { percentile } from './bench-metrics';
import { parseSeedArgs, seedDashboard, SeedReport } from './seed-dashboard';
import { scriptedSettings } from '../../libs/processes/registry';

/**
 * npm run bench:dashboard [-- --cases 100000 --requests 200 --out file.json]
 *
 * Starts its own stack (embedded Postgres, Temporal dev server, the apps in this process),
 * seeds the read model (infra/bench/seed-dashboard.ts), then times what supervisors and agencies
 * look at all day over real HTTP: GET /supervision/overview, /supervision/overdue, and an
 * agency's GET /inbox (plus the dashboard's other panels). Each endpoint gets a warm-up that is
 * discarded, then sequential timed requests; p50/p95/p99 are printed with the row counts, the
 * EXPLAIN (ANALYZE, BUFFERS) execution time of each underlying query, and the Postgres settings
 * that matter. Results go to test-output/bench/dashboard.json. The machine is shared: figures are
 * indicative, compare them run against run on the same machine.
 */
export interface BenchArgs {
  cases: number;
  requests: number;
  warmup: number;
  timeline: boolean;
  out: string;
}

/** The benches' shared flags (--requests, --warmup, --out, --timeline, and the seed's), over each bench's own defaults. */
export function parseBenchArgs(argv: string[], defaults: { requests: number; warmup: number; timeline: boolean; file: string }): BenchArgs {
  const seed = parseSeedArgs(argv);
  const args: BenchArgs = { cases: seed.cases ?? 100_000, requests: defaults.requests, warmup: defaults.warmup, timeline: seed.timeline ?? defaults.timeline, out: join(projectRoot(), 'test-output', 'bench', defaults.file) };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--requests') args.requests = Number(value());
    else if (flag === '--warmup') args.warmup = Number(value());
    else if (flag === '--out') args.out = value();
    else if (flag === '--timeline') args.timeline = true;
  }
  if (!Number.isInteger(args.requests) || args.requests < 1) throw new Error('--requests takes a whole number ≥ 1');
  return args;
}

export interface Timing {
  endpoint: string;
  as: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
  bytes: number;
  rows: Record<string, number>;
}

export async function time(base: string, path: string, token: string, as: string, o: { requests: number; warmup: number }, rowsOf: (body: unknown) => Record<string, number>): Promise<Timing> {
  const get = async () => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${text.slice(0, 200)}`);
    return text;
  };
  for (let i = 0; i < o.warmup; i += 1) await get();
  const samples: number[] = [];
  let last = '';
  for (let i = 0; i < o.requests; i += 1) {
    const t0 = performance.now();
    last = await get();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    endpoint: `GET ${path}`,
    as,
    requests: o.requests,
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
    min: round(samples[0]),
    max: round(samples[samples.length - 1]),
    mean: round(samples.reduce((s, x) => s + x, 0) / samples.length),
    bytes: Buffer.byteLength(last),
    rows: rowsOf(JSON.parse(last)),
  };
}

export interface Explained {
  query: string;
  sql: string;
  /** The fastest of five runs: the query with its pages in shared_buffers. */
  executionMs: number;
  /** The first run, right after the timed requests: the cache as the endpoints leave it. */
  firstExecutionMs: number;
  planningMs: number;
  /** The plan's first lines (top node and its access paths), as EXPLAIN prints them. */
  plan: string[];
}

/** EXPLAIN (ANALYZE, BUFFERS) five times: the first run, and the fastest with its plan. */
export async function explain(db: Client, query: string, sql: string, params: unknown[]): Promise<Explained> {
  let best: Explained | undefined;
  let first = NaN;
  for (let i = 0; i < 5; i += 1) {
    const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const lines = rows.map((r: Record<string, string>) => r['QUERY PLAN']);
    const ms = (label: string) => Number(/([\d.]+) ms/.exec(lines.find((l: string) => l.startsWith(label)) ?? '')?.[1] ?? NaN);
    const e: Explained = { query, sql, executionMs: ms('Execution Time'), firstExecutionMs: NaN, planningMs: ms('Planning Time'), plan: lines.filter((l: string) => !/^(Planning|Execution)/.test(l)) };
    if (i === 0) first = e.executionMs;
    if (!best || e.executionMs < best.executionMs) best = e;
  }
  return { ...best!, firstExecutionMs: first };
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), { requests: 200, warmup: 20, timeline: true, file: 'dashboard.json' });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`dashboard benchmark: ${args.cases.toLocaleString('en')} cases, ${args.requests} timed requests per endpoint after ${args.warmup} discarded`);
  const started = Date.now();
  const stack = await startStack({
    persistent: false,
    apps: 'in-process',
    settings: { RATE_LIMIT_PER_MINUTE: '1000000', ...scriptedSettings() },
    log: (line) => (/^(starting|granted)/.test(line) ? log(`  ${line}`) : undefined),
  });
  const db = new Client({ connectionString: stack.env.DATABASE_URL });
  let typeorm: DataSource | undefined;
  try {
    log(`stack up in ${((Date.now() - started) / 1000).toFixed(1)} s: API ${stack.urls.api}`);
    await db.connect();

    log(`seeding ${args.cases.toLocaleString('en')} cases …`);
    const seed: SeedReport = await seedDashboard({ databaseUrl: stack.env.DATABASE_URL, cases: args.cases, timeline: args.timeline, log });
    log(
      `seeded in ${seed.seconds.toFixed(1)} s: ${seed.cases.toLocaleString('en')} cases (${seed.runningCases.toLocaleString('en')} running), ` +
        `${seed.steps.toLocaleString('en')} steps (${seed.openSteps.toLocaleString('en')} open: ${Object.entries(seed.openStepsByColour).map(([c, n]) => `${n} ${c}`).join(', ')}), ` +
        `${seed.timelineEntries.toLocaleString('en')} timeline entries`,
    );

    const sign = (actor: Actor) =>
      signToken(actor, { privateKey: stack.env.AUTH_DEV_PRIVATE_KEY, issuer: stack.env.AUTH_JWT_ISSUER, audience: stack.env.AUTH_JWT_AUDIENCE, expiresInSeconds: 3600 });
    const supervisor = sign({ userId: 'supervisor-bench', name: '电子监察', role: 'supervisor' });
    // The agency with the most open steps: the longest inbox.
    const [{ agency, n: agencyOpen }] = (
      await db.query(`SELECT agency, count(*)::int AS n FROM steps WHERE status IN ('open', 'claimed', 'waiting-applicant') GROUP BY agency ORDER BY n DESC LIMIT 1`)
    ).rows;
    const agencyToken = sign({ userId: `${agency}-bench`, name: `经办人（${agency}）`, role: 'agency', agency: agency as DepartmentCode });

    const settings: Record<string, string> = {};
    for (const name of ['server_version', 'shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'max_parallel_workers_per_gather', 'jit']) {
      settings[name] = (await db.query(`SHOW ${name}`)).rows[0][name];
    }
    const sizes = (await db.query(`SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) AS size FROM pg_class WHERE relname IN ('cases', 'steps', 'timeline_entries')`)).rows;
    log(`postgres ${settings.server_version}: ${Object.entries(settings).filter(([k]) => k !== 'server_version').map(([k, v]) => `${k}=${v}`).join(' ')}`);
    log(`table sizes (with indexes): ${sizes.map((r: { relname: string; size: string }) => `${r.relname} ${r.size}`).join(', ')}`);

    const o = { requests: args.requests, warmup: args.warmup };
    type Counted = Array<{ total: number }>;
    const sum = (rows: Counted) => rows.reduce((s, r) => s + r.total, 0);
    const overviewRows = (b: unknown) => {
      const { steps, cases } = b as { steps: Counted; cases: Counted };
      return { stepRows: steps.length, openSteps: sum(steps), caseRows: cases.length, runningCasesWithClock: sum(cases) };
    };
    const listRows = (b: unknown) => {
      const { steps, cases } = b as { steps: unknown[]; cases: unknown[] };
      return { steps: steps.length, cases: cases.length };
    };
    log('timing …');
    const timings: Timing[] = [];
    const endpoints: Array<[string, string, string, (body: unknown) => Record<string, number>]> = [
      ['/supervision/overview', supervisor, 'supervisor', overviewRows],
      ['/supervision/overdue', supervisor, 'supervisor', listRows],
      ['/inbox', agencyToken, `agency ${agency}`, (b) => ({ steps: (b as unknown[]).length })],
      ['/supervision/escalations', supervisor, 'supervisor', listRows],
      ['/supervision/on-time', supervisor, 'supervisor', (b) => ({ rows: (b as unknown[]).length })],
    ];
    for (const [path, token, as, rowsOf] of endpoints) {
      const t = await time(stack.urls.api, path, token, as, o, rowsOf);
      timings.push(t);
      log(
        `  ${t.endpoint.padEnd(30)} p50 ${String(t.p50).padStart(7)} ms  p95 ${String(t.p95).padStart(7)} ms  p99 ${String(t.p99).padStart(7)} ms  ` +
          `(${t.as}; ${Object.entries(t.rows).map(([k, v]) => `${k} ${v}`).join(', ')}; ${(t.bytes / 1024).toFixed(0)} KiB)`,
      );
    }

    // The same queries the endpoints run, EXPLAINed on a connection of our own.
    typeorm = await new DataSource(readModelDataSourceOptions(stack.env.DATABASE_URL)).initialize();
    const built = (qb: { getQueryAndParameters(): [string, unknown[]] }) => qb.getQueryAndParameters();
    const inbox = built(
      typeorm
        .getRepository(StepRecord)
        .createQueryBuilder()
        .setFindOptions({ where: { agency, status: In(['open', 'claimed', 'waiting-applicant']) }, order: { dueOn: 'ASC', openedAt: 'ASC' } }),
    );
    const overdueSteps = built(SUPERVISION_QUERIES.overdueSteps(typeorm.getRepository(StepRecord)));
    const overdueCases = built(SUPERVISION_QUERIES.overdueCases(typeorm.getRepository(CaseRecord)));
    const escalatedSteps = built(SUPERVISION_QUERIES.escalatedSteps(typeorm.getRepository(StepRecord)));
    const escalatedCases = built(SUPERVISION_QUERIES.escalatedCases(typeorm.getRepository(CaseRecord)));
    const explained: Explained[] = [];
    for (const [query, sql, params] of [
      ['overview: open steps by process × agency × colour', SUPERVISION_QUERIES.overviewSteps.sql, SUPERVISION_QUERIES.overviewSteps.params],
      ['overview: running cases by process × colour', SUPERVISION_QUERIES.overviewCases.sql, SUPERVISION_QUERIES.overviewCases.params],
      ['overdue: red open steps', ...overdueSteps],
      ['overdue: red running cases', ...overdueCases],
      [`inbox: ${agency}'s open steps`, ...inbox],
      ['escalations: steps', ...escalatedSteps],
      ['escalations: cases', ...escalatedCases],
      ['on-time: decided steps by process × week', SUPERVISION_QUERIES.onTime.sql, SUPERVISION_QUERIES.onTime.params],
    ] as Array<[string, string, unknown[]]>) {
      const e = await explain(db, query, sql, params);
      explained.push(e);
      log(`  EXPLAIN ${query}: execution ${e.executionMs} ms warm, ${e.firstExecutionMs} ms first run (planning ${e.planningMs} ms)`);
      for (const line of e.plan.slice(0, 8)) log(`      ${line}`);
    }

    const overview = timings[0];
    const verdict = overview.p95 <= 100 ? 'meets' : 'misses';
    log(`supervisor overview over ${args.cases.toLocaleString('en')} cases: p95 ${overview.p95} ms — ${verdict} the target (≤ 100 ms)`);
    const result = {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, loadavg: loadavg(), node: process.version },
      postgres: settings,
      tableSizes: Object.fromEntries(sizes.map((r: { relname: string; size: string }) => [r.relname, r.size])),
      seed,
      inboxAgency: { agency, openSteps: agencyOpen },
      target: { endpoint: 'GET /supervision/overview', p95Ms: 100, met: overview.p95 <= 100 },
      timings,
      explain: explained,
    };
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(args.out, `${JSON.stringify(result, null, 2)}\n`);
    log(`written ${args.out}`);
  } finally {
    await typeorm?.destroy();
    await db.end().catch(() => undefined);
    await stack.stop();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
