import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { signToken } from '../../libs/auth/token.service';
import type { Actor } from '../../libs/domain/case-engine.contract';
import type { DepartmentCode } from '../../libs/domain/departments';
import { startStack } from '../stack';
import { percentile } from './bench-metrics';
import { Explained, Timing, explain, parseBenchArgs, time } from './dashboard-bench';
import { seedDashboard } from './seed-dashboard';
import { scriptedSettings } from '../../libs/processes/registry';

/**
 * npm run bench:worklists [-- --cases 100000 --requests 100 --warmup 10 --out file.json]
 *
 * The pages people work from all day, over real HTTP, on the 100,000-case dashboard seed
 * (infra/bench/seed-dashboard.ts, as npm run bench:dashboard loads it): an agency's 待办 / 我的 /
 * 已办 (first and deep pages, filters, every kind of search) and the supervisors' lists (open,
 * overdue, escalated steps, case search by name, credit code and 受理编号), plus their Excel
 * exports. Each page is warmed up, then requested one at a time; p50 / p95 / p99 are printed with
 * the ratio of each p95 to the p95 of GET /health/live measured in the same run (the cost of an
 * HTTP round trip through the API on this machine at this moment), and the target: p95 < 300 ms.
 * The underlying list queries are EXPLAINed. Results go to test-output/bench/worklists.json.
 */
const TARGET_P95_MS = 300;

/** Times a binary download (an export): not a page, shown for information. */
async function timeDownload(base: string, path: string, token: string, o: { requests: number; warmup: number }): Promise<{ endpoint: string; p50: number; p95: number; bytes: number }> {
  const get = async () => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = (await res.arrayBuffer()).byteLength;
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return bytes;
  };
  for (let i = 0; i < Math.min(2, o.warmup); i += 1) await get();
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < o.requests; i += 1) {
    const t0 = performance.now();
    bytes = await get();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { endpoint: `GET ${path}`, p50: Math.round(percentile(samples, 50) * 10) / 10, p95: Math.round(percentile(samples, 95) * 10) / 10, bytes };
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), { requests: 100, warmup: 10, timeline: false, file: 'worklists.json' });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`worklists benchmark: ${args.cases.toLocaleString('en')} cases, ${args.requests} timed requests per page after ${args.warmup} discarded`);
  const started = Date.now();
  const stack = await startStack({
    persistent: false,
    apps: 'in-process',
    settings: { RATE_LIMIT_PER_MINUTE: '1000000', ...scriptedSettings() },
    log: (line) => (/^(starting|granted)/.test(line) ? log(`  ${line}`) : undefined),
  });
  const db = new Client({ connectionString: stack.env.DATABASE_URL });
  try {
    log(`stack up in ${((Date.now() - started) / 1000).toFixed(1)} s: API ${stack.urls.api}`);
    await db.connect();
    log(`seeding ${args.cases.toLocaleString('en')} cases${args.timeline ? '' : ' (without timelines: the lists do not read them)'} …`);
    const seed = await seedDashboard({ databaseUrl: stack.env.DATABASE_URL, cases: args.cases, timeline: args.timeline, log });
    log(`seeded in ${seed.seconds.toFixed(1)} s: ${seed.cases.toLocaleString('en')} cases (${seed.runningCases.toLocaleString('en')} running), ${seed.steps.toLocaleString('en')} steps (${seed.openSteps.toLocaleString('en')} open)`);

    const sign = (actor: Actor) => signToken(actor, { privateKey: stack.env.AUTH_DEV_PRIVATE_KEY, issuer: stack.env.AUTH_JWT_ISSUER, audience: stack.env.AUTH_JWT_AUDIENCE, expiresInSeconds: 3600 });
    const supervisor = sign({ userId: 'supervisor-bench', name: '电子监察', role: 'supervisor' });
    // The agency with the most open steps, and its official holding the most of them: the longest lists.
    const [{ agency }] = (await db.query(`SELECT agency, count(*)::int AS n FROM steps WHERE status IN ('open', 'claimed', 'waiting-applicant') GROUP BY agency ORDER BY n DESC LIMIT 1`)).rows;
    const [holder] = (await db.query(`SELECT assignee_id, count(*)::int AS n FROM steps WHERE agency = $1 AND status IN ('open', 'claimed', 'waiting-applicant') AND assignee_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`, [agency])).rows;
    const official = sign({ userId: holder?.assignee_id ?? `${agency}-bench`, name: '经办人', role: 'agency', agency: agency as DepartmentCode });
    // What people type into the search box: a case's 受理编号 and credit code, two and four characters of a name.
    const [sample] = (await db.query(`SELECT c.receipt_number, c.receipt_year, c.receipt_seq, c.applicant_id, c.enterprise_name FROM cases c JOIN steps s ON s.case_id = c.id WHERE s.agency = $1 AND s.status = 'open' LIMIT 1`, [agency])).rows;
    const name2 = (sample.enterprise_name as string).slice(2, 4);
    const name4 = (sample.enterprise_name as string).slice(2, 6);
    const sizes = (await db.query(`SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) AS size FROM pg_class WHERE relname IN ('cases', 'steps')`)).rows;
    log(`table sizes (with indexes): ${sizes.map((r: { relname: string; size: string }) => `${r.relname} ${r.size}`).join(', ')}; agency ${agency}, official ${holder?.assignee_id ?? '-'} (${holder?.n ?? 0} open steps held)`);

    const o = { requests: args.requests, warmup: args.warmup };
    const q = encodeURIComponent;
    const pageRows = (b: unknown) => {
      const { total, rows } = b as { total: number; rows: unknown[] };
      return { total, rows: rows.length };
    };
    type Endpoint = [path: string, token: string, as: string];
    const baseline: Endpoint[] = [
      ['/health/live', supervisor, 'anyone'],
      ['/supervision/overview', supervisor, 'supervisor'],
    ];
    const pages: Endpoint[] = [
      ['/worklist', official, `agency ${agency}`],
      ['/worklist?page=40', official, `agency ${agency}`],
      ['/worklist?pageSize=100', official, `agency ${agency}`],
      ['/worklist?view=mine', official, `agency ${agency}`],
      ['/worklist?view=done', official, `agency ${agency}`],
      ['/worklist?view=done&page=200', official, `agency ${agency}`],
      ['/worklist?view=done&sort=dueOn&page=100', official, `agency ${agency}`],
      ['/worklist?colour=yellow,red&kind=review&sort=-dueOn', official, `agency ${agency}`],
      [`/worklist?q=${q(name2)}`, official, `agency ${agency}`],
      [`/worklist?q=${q(sample.receipt_number)}`, official, `agency ${agency}`],
      [`/worklist?view=done&q=${q(sample.applicant_id)}`, official, `agency ${agency}`],
      ['/supervision/steps', supervisor, 'supervisor'],
      ['/supervision/steps?page=100', supervisor, 'supervisor'],
      ['/supervision/steps?list=overdue', supervisor, 'supervisor'],
      ['/supervision/steps?list=escalated', supervisor, 'supervisor'],
      ['/supervision/steps?list=escalated&page=50', supervisor, 'supervisor'],
      ['/supervision/steps?list=all&state=closed&sort=-decidedAt', supervisor, 'supervisor'],
      ['/supervision/steps?list=all', supervisor, 'supervisor'],
      ['/supervision/steps?list=all&sort=-dueOn&page=500', supervisor, 'supervisor'],
      [`/supervision/steps?list=all&q=${q(name4)}`, supervisor, 'supervisor'],
      ['/supervision/cases', supervisor, 'supervisor'],
      ['/supervision/cases?page=1000', supervisor, 'supervisor'],
      ['/supervision/cases?state=running&sort=dueOn', supervisor, 'supervisor'],
      [`/supervision/cases?q=${q(name2)}`, supervisor, 'supervisor'],
      [`/supervision/cases?q=${q(name4)}`, supervisor, 'supervisor'],
      [`/supervision/cases?q=${q(sample.applicant_id)}`, supervisor, 'supervisor'],
      [`/supervision/cases?q=${q(sample.applicant_id.slice(0, 10))}`, supervisor, 'supervisor'],
      [`/supervision/cases?q=${q(sample.receipt_number)}`, supervisor, 'supervisor'],
      [`/supervision/cases?q=${q(`${sample.receipt_year}-${sample.receipt_seq}`)}`, supervisor, 'supervisor'],
      [`/supervision/cases?q=${sample.receipt_seq}`, supervisor, 'supervisor'],
    ];
    log('timing …');
    const line = (t: Timing, ratio?: string) =>
      `  ${t.endpoint.slice(4).padEnd(58)} p50 ${String(t.p50).padStart(6)} ms  p95 ${String(t.p95).padStart(6)} ms  p99 ${String(t.p99).padStart(6)} ms${ratio ?? ''}  (${Object.entries(t.rows).map(([k, v]) => `${k} ${v}`).join(', ')})`;
    const baselines: Timing[] = [];
    for (const [path, token, as] of baseline) {
      const t = await time(stack.urls.api, path, token, as, o, (b): Record<string, number> => (path === '/health/live' ? {} : { caseRows: (b as { cases: unknown[] }).cases.length }));
      baselines.push(t);
      log(`${line(t)}  [baseline]`);
    }
    const reference = baselines[0].p95;
    const timings: Array<Timing & { ratioToBaseline: number; meetsTarget: boolean }> = [];
    for (const [path, token, as] of pages) {
      const t = await time(stack.urls.api, path, token, as, o, pageRows);
      const ratio = Math.round((t.p95 / reference) * 10) / 10;
      timings.push({ ...t, ratioToBaseline: ratio, meetsTarget: t.p95 < TARGET_P95_MS });
      log(line(t, `  ×${String(ratio).padStart(5)}${t.p95 < TARGET_P95_MS ? '' : '  ✗ over target'}`));
    }
    const downloads = [];
    for (const path of ['/supervision/steps/export?list=overdue', '/supervision/cases/export?state=running&escalated=true']) {
      const d = await timeDownload(stack.urls.api, path, supervisor, { requests: Math.max(3, Math.round(args.requests / 20)), warmup: 1 });
      downloads.push(d);
      log(`  ${d.endpoint.slice(4).padEnd(58)} p50 ${String(d.p50).padStart(6)} ms  p95 ${String(d.p95).padStart(6)} ms  (${(d.bytes / 1024).toFixed(0)} KiB, an export: no page target)`);
    }

    // The underlying queries, EXPLAINed: the worklist's first page and the escalations, as the service builds them.
    const explained: Explained[] = [];
    const open = `s.status IN ('open', 'claimed', 'waiting-applicant')`;
    for (const [query, sql, params] of [
      ['待办 first page', `SELECT s.id FROM steps s JOIN cases c ON c.id = s.case_id WHERE s.agency = $1 AND ${open} AND s.kind <> 'expert-panel' ORDER BY s.due_on ASC, s.opened_at ASC, s.id ASC LIMIT 20`, [agency]],
      ['待办 count', `SELECT count(*) FROM steps s WHERE s.agency = $1 AND ${open} AND s.kind <> 'expert-panel'`, [agency]],
      ['escalations, open first', `SELECT s.id FROM steps s JOIN cases c ON c.id = s.case_id WHERE s.escalated ORDER BY (${open}) DESC, s.due_on ASC, s.id ASC LIMIT 20`, []],
      [`cases by name "${name2}"`, `SELECT c.id FROM cases c WHERE name_grams(c.enterprise_name) @> name_grams($1) AND c.enterprise_name ILIKE $2 ORDER BY c.filed_at DESC LIMIT 20`, [name2, `%${name2}%`]],
    ] as Array<[string, string, unknown[]]>) {
      const e = await explain(db, query, sql, params);
      explained.push(e);
      log(`  EXPLAIN ${query}: ${e.executionMs} ms warm, ${e.firstExecutionMs} ms first run`);
      for (const l of e.plan.slice(0, 6)) log(`      ${l}`);
    }

    const worst = timings.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    const met = timings.every((t) => t.meetsTarget);
    log(`baseline GET /health/live p95 ${reference} ms; slowest page ${worst.endpoint} p95 ${worst.p95} ms (×${worst.ratioToBaseline}) — ${met ? 'every page meets' : 'some pages miss'} the target (p95 < ${TARGET_P95_MS} ms)`);
    const result = {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, loadavg: loadavg(), node: process.version },
      tableSizes: Object.fromEntries(sizes.map((r: { relname: string; size: string }) => [r.relname, r.size])),
      seed,
      agency,
      target: { p95Ms: TARGET_P95_MS, met },
      baselines,
      timings,
      downloads,
      explain: explained,
    };
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(args.out, `${JSON.stringify(result, null, 2)}\n`);
    log(`written ${args.out}`);
    if (!met) process.exitCode = 1;
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
