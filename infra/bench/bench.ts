import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { departmentsCaller } from '../../libs/auth/service-token';
import { loadConfig, WorkerConfig, workerSettingsLine } from '../../libs/config';
import { REGISTERED, demoSettings, scriptedSettings } from '../../libs/processes/registry';
import type { ProcessBench, ProcessDefinition } from '../../libs/processes';
import { payloadDataConverter } from '../../libs/temporal';
import { ProgressBar } from '../progress-bar';
import { projectRoot } from '../paths';
import { startStack, Stack } from '../stack';
import { temporalEngineFrom } from '../temporal-engine';
import { HISTORY_SHARDS, TEMPORAL_SERVER_VERSION } from '../temporal-server';
import { benchChart } from './bench-chart';
import { BenchEnterprises } from './bench-enterprises';
import { CasePath, CaseTiming, Driver, FullDriver, Measured, RawDriver, Variant } from './bench-drivers';
import { ownCpuSeconds, stackCpuByComponent, summary } from './bench-metrics';

interface Options {
  /** Seconds each measured block runs. */
  duration: number;
  /** Times each block is repeated (variants alternate within each repetition). */
  repeats: number;
  /** Concurrency ladder for the fast path; the normal path uses the same steps scaled by normalScale. */
  levels: number[];
  /** Default: the measured process's own paths, as its bench script names them. */
  paths?: CasePath[];
  /** The process measured, by its code (default: the first registered one with a bench script). */
  process?: string;
  warmup: number;
  pollMs: number;
  /** Enterprises seeded per path up front: RAW's fixed set, and FULL's first supply of unused ones. */
  enterprises: number;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { duration: 15, repeats: 2, levels: [4, 8, 16, 32], warmup: 10, pollMs: 50, enterprises: 400 };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i].replace(/^--/, ''), argv[i + 1]];
    if (value === undefined) usage();
    if (name === 'duration') o.duration = Number(value);
    else if (name === 'repeats') o.repeats = Number(value);
    else if (name === 'levels') o.levels = value.split(',').map(Number);
    else if (name === 'paths') o.paths = value.split(',');
    else if (name === 'process') o.process = value;
    else if (name === 'warmup') o.warmup = Number(value);
    else if (name === 'poll-ms') o.pollMs = Number(value);
    else if (name === 'enterprises') o.enterprises = Number(value);
    else usage();
  }
  return o;
}

/** A process's bench script, from its own folder: `libs/processes/<code>/<code>.bench.ts`, exporting `bench`. */
async function benchOf(process: ProcessDefinition): Promise<ProcessBench | undefined> {
  try {
    return ((await import(`../../libs/processes/${process.code}/${process.code}.bench`)) as { bench?: ProcessBench }).bench;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && (error as Error).message.includes(`${process.code}.bench`)) return undefined;
    throw error;
  }
}

/** The process named by --process, or the first registered one that has a bench script. */
async function measuredProcess(code: string | undefined): Promise<Measured> {
  for (const process of REGISTERED.filter((p) => !code || p.code === code)) {
    const script = await benchOf(process);
    if (script) return { process, script };
  }
  console.error(code ? `no bench script for ${code} (libs/processes/${code}/${code}.bench.ts); registered: ${REGISTERED.map((p) => p.code).join(', ')}` : 'no registered process has a bench script');
  process.exit(2);
}

function usage(): never {
  console.error('usage: npm run bench -- [--duration 15] [--repeats 2] [--levels 4,8,16,32] [--process <code>] [--paths fast,normal] [--warmup 10] [--poll-ms 50] [--enterprises 400]');
  console.error('  --enterprises: enterprises seeded per path before the blocks; RAW cycles through them, FULL files for each once (the API certifies an enterprise once) and is topped up between blocks');
  process.exit(2);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A progress bar over the whole run, the block under way named beside it. */
class Progress {
  private done = 0;
  private readonly bar = new ProgressBar();
  constructor(private readonly total: number) {}
  step(label: string): void {
    this.done += 1;
    this.show(label);
  }
  show(label: string): void {
    this.bar.line(`${this.done}/${this.total} ${label}`, this.done / this.total);
  }
  end(): void {
    this.bar.end();
  }
}

interface Block {
  kind: 'warmup' | 'ladder' | 'latency';
  variant: Variant;
  path: CasePath;
  /** Closed-loop concurrency (ladder) or send rate per second (latency). */
  level: number;
  repeat: number;
  seconds: number;
  completed: number;
  failed: number;
  perSecond: number;
  cpuSeconds: number;
  /** CPU-seconds of the block per component: temporal, postgres, api, worker, departments. */
  cpuByComponent: Record<string, number>;
  cpuPerCase: number;
  generatorCpuSeconds: number;
  backlogStart?: number;
  backlogEnd?: number;
  flat: boolean;
  timings: CaseTiming[];
  projectionLagMs?: number[];
  historyEvents?: number;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const outDir = join(projectRoot(), 'test-output', 'bench');
  mkdirSync(outDir, { recursive: true });
  const stackLog = createWriteStream(join(outDir, 'stack.log'));
  const measured = await measuredProcess(o.process);
  o.paths ??= [...measured.script.paths];
  const paths = o.paths;
  console.log(`bench: ${measured.process.names.zh}（${measured.process.code}）, blocks of ${o.duration} s × ${o.repeats}, ladder ${o.levels.join('/')}, paths ${paths.join(', ')}, warm-up ${o.warmup} s`);
  const stack: Stack = await startStack({
    persistent: false,
    apps: 'children',
    settings: { ...demoSettings(1), ...scriptedSettings(), RATE_LIMIT_PER_MINUTE: '1000000' },
    log: (line) => stackLog.write(`${line}\n`),
  });
  const interrupt = () => void stack.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const connection = await Connection.connect({ address: stack.urls.temporal });
  const client = new Client({ connection, namespace: stack.env.TEMPORAL_NAMESPACE, dataConverter: payloadDataConverter({ TEMPORAL_PAYLOAD_KEY: stack.env.TEMPORAL_PAYLOAD_KEY }) });
  const db = new PgClient({ connectionString: stack.env.DATABASE_URL });
  await db.connect();
  try {
    const enterprises = new BenchEnterprises(stack.urls.departments, o.enterprises, departmentsCaller('approvals-bench', stack.env));
    await enterprises.seed();

    const keys = { privateKey: stack.env.AUTH_DEV_PRIVATE_KEY, issuer: stack.env.AUTH_JWT_ISSUER, audience: stack.env.AUTH_JWT_AUDIENCE };
    const full = new FullDriver(stack.urls.api, keys, measured, o.pollMs);
    const raw = new RawDriver(client, stack.env.TEMPORAL_TASK_QUEUE, measured, measured.script.options(1), o.pollMs);
    const drivers: Record<Variant, Driver> = { RAW: raw, FULL: full };
    const runId = Date.now().toString(36);
    let seq = 0;
    const nextCase = async (variant: Variant, path: CasePath) => {
      // The key is fixed before waiting for an enterprise: cases started meanwhile take the next ones.
      const key = `bench-${runId}-${(seq += 1)}`;
      return { enterprise: variant === 'FULL' ? await enterprises.forFull(path) : enterprises.forRaw(path), key };
    };

    const backlog = async (): Promise<number | undefined> => {
      const answer = await connection.workflowService.describeTaskQueue({
        namespace: stack.env.TEMPORAL_NAMESPACE,
        taskQueue: { name: stack.env.TEMPORAL_TASK_QUEUE },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        reportStats: true,
      });
      const count = answer.stats?.approximateBacklogCount;
      return count === undefined || count === null ? undefined : Number(count);
    };

    /** Runs one block: closed loop at `level` cases in flight, or open loop at `level` sends a second. */
    const runBlock = async (kind: Block['kind'], variant: Variant, path: CasePath, level: number, repeat: number, seconds: number): Promise<Block> => {
      const driver = drivers[variant];
      const timings: CaseTiming[] = [];
      let failed = 0;
      const started = Date.now();
      const until = started + seconds * 1000;
      const cpu0 = stackCpuByComponent();
      const own0 = ownCpuSeconds();
      const backlogStart = await backlog().catch(() => undefined);
      let sent = 0;
      const one = async (scheduledAt: number) => {
        sent += 1;
        const c = await nextCase(variant, path);
        try {
          const t = await driver.run(path, c.enterprise, c.key, scheduledAt);
          // The ladder counts what completed inside the block; the latency block times every case it sent.
          if (kind === 'latency' || t.decidedVisibleAt <= until) timings.push(t);
        } catch (error) {
          failed += 1;
          if (failed <= 3) console.error(`\n  ${variant} ${path}: ${(error as Error).message}`);
        }
      };
      const inFlight: Promise<void>[] = [];
      if (kind === 'latency') {
        // Open loop: each case is due at its own time whatever the others do; latency counts from then.
        for (let i = 0; ; i += 1) {
          const due = started + (i * 1000) / level;
          if (due >= until) break;
          if (due > Date.now()) await sleep(due - Date.now());
          inFlight.push(one(due));
        }
      } else {
        await Promise.all(
          Array.from({ length: level }, async () => {
            while (Date.now() < until) await one(Date.now());
          }),
        );
      }
      const cpu1 = stackCpuByComponent();
      const cpuByComponent = Object.fromEntries(Object.entries(cpu1).map(([k, v]) => [k, v - (cpu0[k] ?? 0)]));
      const cpuSeconds = Object.values(cpuByComponent).reduce((a, b) => a + b, 0);
      const generatorCpuSeconds = ownCpuSeconds() - own0;
      const backlogEnd = await backlog().catch(() => undefined);
      await Promise.all(inFlight); // drain, so the next block starts on a quiet stack
      const completed = timings.length;
      const block: Block = {
        kind,
        variant,
        path,
        level,
        repeat,
        seconds,
        completed,
        failed,
        perSecond: completed / seconds,
        cpuSeconds,
        cpuByComponent,
        cpuPerCase: completed ? cpuSeconds / completed : NaN,
        generatorCpuSeconds,
        backlogStart,
        backlogEnd,
        // A level counts only while the backlog holds: a queue that grows is work deferred, not done.
        flat: backlogStart === undefined || backlogEnd === undefined || backlogEnd <= backlogStart + Math.max(5, level / 2),
        timings,
      };
      if (variant === 'FULL') {
        const { rows } = await db.query(
          `SELECT extract(epoch FROM (written_at - at)) * 1000 AS lag FROM timeline_entries WHERE written_at BETWEEN $1 AND $2`,
          [new Date(started), new Date(until)],
        );
        block.projectionLagMs = rows.map((r) => Number(r.lag));
      }
      // Fresh enterprises for the next FULL block, seeded outside the measured time: twice what this one used.
      if (variant === 'FULL') await enterprises.topUp(Math.max(o.enterprises, 2 * sent));
      const sample = timings.slice(0, 20);
      const lengths = await Promise.all(sample.map((t) => client.workflow.getHandle(t.workflowId).describe().then((d) => d.historyLength)));
      block.historyEvents = lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : undefined;
      return block;
    };

    const blocks: Block[] = [];
    // The lightest path (the script's first) climbs the ladder as given; heavier ones at twice the cases in flight.
    const ladderLevels = (path: CasePath) => (path === measured.script.paths[0] ? o.levels : o.levels.map((l) => l * 2));
    const totalBlocks = 2 + paths.reduce((sum, p) => sum + ladderLevels(p).length * o.repeats * 2 + o.repeats * 2, 0);
    const progress = new Progress(totalBlocks);
    const order = (repeat: number): Variant[] => (repeat % 2 === 0 ? ['RAW', 'FULL'] : ['FULL', 'RAW']);

    for (const variant of ['RAW', 'FULL'] as const) {
      progress.show(`warm-up ${variant}`);
      await runBlock('warmup', variant, measured.script.paths[0], 8, 0, o.warmup);
      progress.step(`warm-up ${variant} done (discarded)`);
    }
    for (const path of paths) {
      for (const level of ladderLevels(path)) {
        for (let r = 0; r < o.repeats; r += 1) {
          for (const variant of order(r)) {
            progress.show(`${path} ladder: ${variant} at ${level} in flight (repeat ${r + 1})`);
            const b = await runBlock('ladder', variant, path, level, r, o.duration);
            blocks.push(b);
            progress.step(`${path} ${variant} ×${level}: ${b.perSecond.toFixed(1)}/s${b.flat ? '' : ' (backlog grew)'}`);
          }
        }
      }
      // Latency at half RAW's capacity (the best flat ladder level), the same rate for both variants.
      const rawCapacity = Math.max(...blocks.filter((b) => b.kind === 'ladder' && b.path === path && b.variant === 'RAW' && b.flat).map((b) => b.perSecond), 0.5);
      const rate = Math.max(0.5, rawCapacity / 2);
      for (let r = 0; r < o.repeats; r += 1) {
        for (const variant of order(r)) {
          progress.show(`${path} latency: ${variant} at ${rate.toFixed(1)}/s (repeat ${r + 1})`);
          blocks.push(await runBlock('latency', variant, path, rate, r, o.duration));
          progress.step(`${path} latency ${variant} done`);
        }
      }
    }
    progress.end();
    await full.stop();
    if (enterprises.seededInBlock) console.log(`note: ${enterprises.seededInBlock} FULL cases seeded their enterprise inside a block (pool ran dry; raise --enterprises)`);

    const report = reportOf(blocks, o);
    const settings = runSettings(stack);
    console.log(report.text);
    console.log(settings.text);
    writeFileSync(join(outDir, 'bench.json'), JSON.stringify({ options: o, settings: settings.values, summary: report.values, blocks: blocks.map(({ timings, projectionLagMs, ...b }) => ({ ...b, latenciesMs: timings.map((t) => t.decidedVisibleAt - t.scheduledAt), handoffsMs: timings.flatMap((t) => t.handoffs), projectionLagMs })) }, null, 2));
    writeFileSync(join(outDir, 'bench.svg'), benchChart(blocks));
    console.log('chart: test-output/bench/bench.svg; raw figures: test-output/bench/bench.json');
  } finally {
    await db.end();
    await connection.close();
    await stack.stop();
    stackLog.end();
  }
}

type Row = { path: CasePath; variant: Variant; capacity: number; cpuPerCase: number; cpuPerCaseBy: Record<string, number>; p50: number; p95: number; p99: number; handoffP95: number; lagP99: number; events: number };

function reportOf(blocks: Block[], o: Options): { text: string; values: Row[] } {
  const rows: Row[] = [];
  for (const path of o.paths ?? []) {
    for (const variant of ['RAW', 'FULL'] as const) {
      const ladder = blocks.filter((b) => b.kind === 'ladder' && b.path === path && b.variant === variant);
      const latency = blocks.filter((b) => b.kind === 'latency' && b.path === path && b.variant === variant);
      // Capacity: the best level whose every repetition kept the backlog flat, averaged over its repetitions.
      const byLevel = new Map<number, Block[]>();
      for (const b of ladder) byLevel.set(b.level, [...(byLevel.get(b.level) ?? []), b]);
      let capacity = 0;
      let cpu = NaN;
      let cpuBy: Record<string, number> = {};
      for (const bs of byLevel.values()) {
        if (!bs.every((b) => b.flat)) continue;
        const rate = bs.reduce((s, b) => s + b.perSecond, 0) / bs.length;
        if (rate > capacity) {
          capacity = rate;
          const done = bs.reduce((s, b) => s + b.completed, 0);
          cpu = bs.reduce((s, b) => s + b.cpuSeconds, 0) / done;
          cpuBy = {};
          for (const b of bs) for (const [k, v] of Object.entries(b.cpuByComponent)) cpuBy[k] = (cpuBy[k] ?? 0) + v / done;
        }
      }
      const lat = summary(latency.flatMap((b) => b.timings.map((t) => t.decidedVisibleAt - t.scheduledAt)));
      const hand = summary(latency.flatMap((b) => b.timings.flatMap((t) => t.handoffs)));
      const lag = summary(latency.flatMap((b) => b.projectionLagMs ?? []));
      const events = [...ladder, ...latency].map((b) => b.historyEvents ?? NaN).filter((x) => !Number.isNaN(x));
      rows.push({ path, variant, capacity, cpuPerCase: cpu, cpuPerCaseBy: cpuBy, p50: lat.p50, p95: lat.p95, p99: lat.p99, handoffP95: hand.p95, lagP99: lag.p99, events: events.reduce((a, b) => a + b, 0) / (events.length || 1) });
    }
  }
  const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  const lines = [
    '',
    'path    variant  completed/s  CPU-s/case  filing→visible p50/p95/p99 ms  decision→next inbox p95 ms  projection lag p99 ms  history events/case',
  ];
  for (const r of rows) {
    lines.push(
      `${r.path.padEnd(7)} ${r.variant.padEnd(8)} ${f(r.capacity, 1).padStart(11)}  ${f(r.cpuPerCase, 3).padStart(10)}  ${`${f(r.p50)}/${f(r.p95)}/${f(r.p99)}`.padStart(29)}  ${f(r.handoffP95).padStart(26)}  ${f(r.lagP99).padStart(21)}  ${f(r.events, 0).padStart(19)}`,
    );
  }
  lines.push('', 'CPU-ms per completed case, by component (at the capacity level):');
  for (const r of rows) {
    lines.push(`  ${r.path.padEnd(7)} ${r.variant.padEnd(5)} ${Object.entries(r.cpuPerCaseBy).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v * 1000).toFixed(0)}`).join('  ')}`);
  }
  for (const path of o.paths ?? []) {
    const rawRow = rows.find((r) => r.path === path && r.variant === 'RAW')!;
    const fullRow = rows.find((r) => r.path === path && r.variant === 'FULL')!;
    lines.push(`${path}: FULL/RAW capacity ${f(fullRow.capacity / rawRow.capacity, 2)}×, CPU per case ${f(fullRow.cpuPerCase / rawRow.cpuPerCase, 2)}×`);
  }
  return { text: lines.join('\n'), values: rows };
}

/** What the figures depend on, as this run had it. */
function runSettings(stack: Stack): { text: string; values: Record<string, string> } {
  const worker = workerSettingsLine(loadConfig(WorkerConfig, stack.env));
  const values: Record<string, string> = {
    machine: `${cpus().length} cores, node ${process.version}`,
    worker,
    activities: 'regular (not local) activities for departments and the read model',
    temporal: process.env.TEMPORAL_ADDRESS
      ? `external ${process.env.TEMPORAL_ADDRESS}`
      : temporalEngineFrom() === 'server'
        ? `Temporal server v${TEMPORAL_SERVER_VERSION} (TEMPORAL_ENGINE=server), ${HISTORY_SHARDS} history shards, on the embedded PostgreSQL`
        : 'temporal server start-dev (CLI v1.5.1), SQLite in memory',
    postgres: process.env.DATABASE_URL ? 'external' : 'embedded PostgreSQL 17, fsync off (test settings)',
  };
  return { text: `settings: ${Object.entries(values).map(([k, v]) => `${k}: ${v}`).join('; ')}`, values };
}

main().catch((error: unknown) => {
  console.error(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
