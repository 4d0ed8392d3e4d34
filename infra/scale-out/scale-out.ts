import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { departmentsCaller } from '../../libs/auth/service-token';
import { payloadDataConverter } from '../../libs/temporal';
import { applicantActor } from '../actors';
import { percentile } from '../bench/bench-metrics';
import { uploadRequiredMaterials } from '../sample-materials';
import { ChaosHttp, ChaosUser, Keys, RetryLedger, ScriptedParties } from '../chaos/chaos-actors';
import { chaosChart, Sample } from '../chaos/chaos-chart';
import { checkCases, CheckReport, countCases, Resumption, resumptionAfter } from '../chaos/chaos-checks';
import { chaosScripts, planCases, PlannedCase } from '../chaos/chaos-plan';
import { pool } from '../chaos/pool';
import { demoSettings, scriptedSettings } from '../../libs/processes/registry';
import { projectRoot } from '../paths';
import { ProgressBar } from '../progress-bar';
import { startStack, Stack } from '../stack';
import { Replica, startReplica } from './replica';
import { RoundRobin } from './round-robin';
import { tasksByWorker } from './worker-tasks';

interface Options {
  cases: number;
  /** Filings a second. */
  rate: number;
  /** How long a killed instance stays down before its supervisor starts it again. */
  downSeconds: number;
  timeoutMinutes: number;
}

const USAGE = 'usage: npm run scale-out -- [--cases 300] [--rate 10] [--down-seconds 20] [--timeout-minutes 15]';

function parseOptions(argv: string[]): Options {
  const options: Options = { cases: 300, rate: 10, downSeconds: 20, timeoutMinutes: 15 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase()) as keyof Options;
    const value = Number(argv[i + 1]);
    if (!(key in options) || !Number.isFinite(value) || value <= 0) {
      console.error(USAGE);
      process.exit(2);
    }
    options[key] = value;
  }
  return options;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Two API instances and two workers (one Postgres, one Temporal) serve one run of chaos cases:
 * filings and every party's calls spread over both APIs by a round-robin balancer, the cases'
 * tasks over both workers. Mid-run one worker and one API instance are SIGKILLed (their
 * supervisor starts them again `--down-seconds` later); then every case is checked with the
 * chaos run's checks — nothing lost, doubled or inconsistent.
 */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const outDir = join(projectRoot(), 'test-output', 'scale-out');
  mkdirSync(outDir, { recursive: true });
  const stackLog = createWriteStream(join(outDir, 'stack.log'));
  const log = (line: string) => stackLog.write(`${new Date().toISOString()} ${line}\n`);
  const progress = new ProgressBar(10_000);
  const started = Date.now();
  console.log(`scale-out: ${options.cases} cases at ${options.rate}/s over 2 API instances and 2 workers; one of each SIGKILLed mid-run, back after ${options.downSeconds} s`);

  const stack: Stack = await startStack({
    persistent: false,
    apps: 'children',
    // A 公示 of seconds so normal-path cases finish in the run. The rate limit stays on (shared
    // by both APIs), high enough that the scripted offices are not slowed by it.
    settings: { ...demoSettings(5), ...scriptedSettings(), RATE_LIMIT_PER_MINUTE: '6000' },
    // A killed instance stays down this long, as a supervisor backing off would leave it.
    restartPolicy: { firstDelayMs: options.downSeconds * 1000, maxDelayMs: options.downSeconds * 1000 },
    log,
  });
  const replicas: Replica[] = [];
  let exitCode = 1;
  const stopAll = async () => {
    for (const replica of replicas) await replica.app.stop();
    await stack.stop();
  };
  const interrupt = () => {
    console.log('\ninterrupted: stopping the stack …');
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  let connection: Connection | undefined;
  try {
    replicas.push(await startReplica('api', 'api-b', stack.env, log), await startReplica('worker', 'worker-b', stack.env, log));
    const [apiB, workerB] = replicas;
    console.log(`stack up in ${secs(Date.now() - started)}: api-a ${stack.urls.api}, api-b ${apiB.url}; worker-a pid ${stack.pidOf!('worker')}, worker-b pid ${workerB.app.pid}; app logs in test-output/scale-out/stack.log`);

    connection = await Connection.connect({ address: stack.urls.temporal });
    const client = new Client({ connection, namespace: stack.env.TEMPORAL_NAMESPACE, dataConverter: payloadDataConverter({ TEMPORAL_PAYLOAD_KEY: stack.env.TEMPORAL_PAYLOAD_KEY }) });
    const keys: Keys = { privateKey: stack.env.AUTH_DEV_PRIVATE_KEY, issuer: stack.env.AUTH_JWT_ISSUER, audience: stack.env.AUTH_JWT_AUDIENCE };
    const retries = new RetryLedger();
    const balancer = new RoundRobin([
      { name: 'api-a', url: stack.urls.api },
      { name: 'api-b', url: apiB.url! },
    ]);
    const api = new ChaosHttp(balancer, retries);
    const seeder = departmentsCaller('approvals-scale-out', stack.env);
    const departments = new ChaosHttp(stack.urls.departments, retries, () => seeder.headers());

    // Every process each worker instance has been, so the cases' histories can name who ran each
    // task; a killed instance's new process marks when it came back.
    const workerPids = new Map<number, string>();
    const firstPids = { worker: stack.pidOf!('worker'), api: stack.pidOf!('api') };
    const back: Array<{ at: number; label: string }> = [];
    const notePids = () => {
      const a = stack.pidOf!('worker');
      if (a) workerPids.set(a, 'worker-a');
      if (workerB.app.pid) workerPids.set(workerB.app.pid, 'worker-b');
      for (const app of ['worker', 'api'] as const) {
        const pid = stack.pidOf!(app);
        if (pid && pid !== firstPids[app] && !back.some((b) => b.label === `${app}-a back`)) back.push({ at: Date.now(), label: `${app}-a back` });
      }
    };
    notePids();

    const runId = Date.now().toString(36);
    // The chaos run's mix: every registered process with a chaos script.
    const { scripts, missing } = await chaosScripts();
    for (const p of missing) progress.say(`${p.code}（${p.names.zh}）has no chaos script (infra/chaos/${p.code}.chaos.ts): not played`);
    const cases = planCases(scripts, options.cases, runId);
    const byCaseId = new Map<string, PlannedCase>();
    const seeds = cases.flatMap((c) => c.seeds);
    let seeded = 0;
    const seedingStarted = Date.now();
    await pool(seeds, 16, async (seed) => {
      const answer = await departments.call(seed.method, seed.path, seed.body);
      if (answer.status !== 200) throw new Error(`seeding ${seed.path} → ${answer.status} ${JSON.stringify(answer.body)}`);
      progress.line(`seeding department records ${(seeded += 1)}/${seeds.length}`, seeded / seeds.length);
    });
    progress.say(`seeded ${seeds.length} department records for ${cases.length} enterprises in ${secs(Date.now() - seedingStarted)}`);

    const parties = new ScriptedParties(api, keys, byCaseId, scripts);
    parties.start();

    let filed = 0;
    let closed = 0;
    let running = 0;
    const kills: Array<{ at: number; label: string }> = [];
    const marks: Array<{ at: number; label: string }> = [];
    const kill = (app: 'worker' | 'api', label: string) => async () => {
      const pid = stack.pidOf!(app);
      if (!pid) throw new Error(`${label}: no process to kill`);
      kills.push({ at: Date.now(), label });
      marks.push({ at: Date.now(), label });
      process.kill(pid, 'SIGKILL');
      await Promise.resolve();
    };
    // The worker dies with a third of the cases filed and many under way; the API while filings
    // still arrive, so both its in-flight filings and the parties' calls must fail over.
    const events: Array<{ when: () => boolean; label: string; run: () => Promise<void> }> = [
      { when: () => filed >= cases.length * 0.35 && closed >= 1, label: 'worker-a SIGKILL', run: kill('worker', 'worker-a SIGKILL') },
      { when: () => filed >= cases.length * 0.65, label: 'api-a SIGKILL', run: kill('api', 'api-a SIGKILL') },
    ];

    const samples: Sample[] = [];
    const filingStarted = Date.now();
    const filing = pool(cases, 16, async (c) => {
      const due = filingStarted + (c.n / options.rate) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
      const me = new ChaosUser(api, applicantActor(c.creditCode), keys);
      // The materials its process requires, uploaded first through the balancer (once: a retried filing files the same ones).
      c.materials ??= await uploadRequiredMaterials(() => balancer.pick(), me.authorization, c.process);
      const application = c.materials.length ? { ...c.application, materials: c.materials } : c.application;
      const answer = await me.post(`/cases/${c.process}`, application, { 'Idempotency-Key': c.idempotencyKey });
      if (answer.status !== 201 && answer.status !== 200) throw new Error(`filing case ${c.n} (${c.scenario}) → ${answer.status} ${JSON.stringify(answer.body)}`);
      c.caseId = answer.body.id;
      c.filedAt = Date.now();
      byCaseId.set(c.caseId!, c);
      filed += 1;
    });
    let filingError: unknown;
    filing.catch((error: unknown) => (filingError = error));

    const deadline = Date.now() + options.timeoutMinutes * 60_000;
    const STALL_MS = 3 * 60_000;
    let lastProgress = { at: Date.now(), closed: 0 };
    let eventsRunning: Promise<void> = Promise.resolve();
    while (Date.now() < deadline && !filingError && Date.now() - lastProgress.at < STALL_MS) {
      try {
        ({ running, closed } = await countCases(client));
      } catch {
        // keep the last figures
      }
      notePids();
      if (closed !== lastProgress.closed || events.length || filed < cases.length) lastProgress = { at: Date.now(), closed };
      while (events.length && events[0].when()) {
        const event = events.shift()!;
        progress.say(`  ${secs(Date.now() - filingStarted).padStart(8)}  ${event.label}`);
        eventsRunning = eventsRunning.then(event.run);
      }
      samples.push({ t: (Date.now() - filingStarted) / 1000, filed, closed, running });
      const served = balancer.tallies().map((t) => `${t.name} ${Object.values(t.answered).reduce((a, b) => a + b, 0)}`).join(' ');
      progress.line(`filed ${filed}/${cases.length}  closed ${closed}  running ${running}  requests ${served}  retried ${retries.summary()}`, (filed + closed) / (2 * cases.length));
      if (filed === cases.length && closed >= cases.length && running === 0 && events.length === 0) break;
      await sleep(1000);
    }
    await eventsRunning;
    if (filingError) throw filingError;
    if (Date.now() - lastProgress.at >= STALL_MS) progress.say(`nothing closed for ${STALL_MS / 60_000} minutes: stopping to report what hangs`);
    const runSeconds = (Date.now() - filingStarted) / 1000;
    progress.say(`run: ${runSeconds.toFixed(0)} s; ${filed} filed, ${closed} closed, ${running} still running`);
    await parties.stop();
    notePids();

    const checkingStarted = Date.now();
    const report: CheckReport = await checkCases(client, { readModel: stack.env.DATABASE_URL, departments: stack.env.DEPARTMENTS_DATABASE_URL }, { TEMPORAL_PAYLOAD_KEY: stack.env.TEMPORAL_PAYLOAD_KEY }, cases, (n) =>
      progress.line(`checking case ${n}/${cases.length}`, n / cases.length),
    );
    const workerKills = kills.filter((k) => k.label.startsWith('worker'));
    const resumed: Resumption[] = await resumptionAfter(stack.env.DATABASE_URL, workerKills, cases);
    const filedIds = cases.filter((c) => c.caseId).map((c) => c.caseId!);
    const tasks = await tasksByWorker(client, filedIds, (pid) => workerPids.get(pid));

    progress.say(`checked every case and counted each worker's tasks in ${secs(Date.now() - checkingStarted)}`);
    for (const v of report.verdicts.filter((x) => x.problems.length)) console.log(`  ${v.caseId} (${v.scenario}): ${v.problems.map((p) => `${p.kind}: ${p.what}`).join('; ')}`);
    for (const e of parties.errors.slice(0, 10)) console.log(`  unexpected answer: ${e}`);
    console.log(`kills: ${kills.map((k) => `${k.label} at ${secs(k.at - filingStarted)}`).join(', ')}; ${back.map((b) => `${b.label} at ${secs(b.at - filingStarted)}`).join(', ') || 'none back yet'}`);
    for (const r of resumed) {
      const d = [...r.delays].sort((a, b) => a - b);
      console.log(
        `  after ${r.label}: stall ${r.stall.toFixed(1)} s (until any case moved); ${d.length} cases under way, next timeline entry p50 ${percentile(d, 50).toFixed(1)} s  p95 ${percentile(d, 95).toFixed(1)} s  max ${(d[d.length - 1] ?? NaN).toFixed(1)} s`,
      );
    }
    const tallies = balancer.tallies();
    console.log('API requests answered, per instance:');
    for (const t of tallies) {
      const total = Object.values(t.answered).reduce((a, b) => a + b, 0);
      const methods = Object.entries(t.answered).map(([m, n]) => `${m} ${n}`).join(', ');
      const statuses = Object.entries(t.statuses).sort().map(([s, n]) => `${s} ${n}`).join(', ');
      console.log(`  ${t.name}: ${total} (${methods}; ${statuses}); unanswered (killed in flight or down): ${t.unanswered}`);
    }
    console.log('worker tasks, per instance (from the cases\' histories):');
    for (const [name, n] of Object.entries(tasks).sort()) console.log(`  ${name}: ${n.workflowTasks} workflow tasks, ${n.activityTasks} activity tasks`);
    console.log(`reconciler: checked ${report.reconcile.checked}  drift ${report.reconcile.drift.length}  repaired ${report.reconcile.repaired}`);
    console.log(`audit chain: ${report.auditEntries} timeline entries verified`);
    console.log(`scripted parties: ${parties.stats.decisions} decisions, ${parties.stats.corrections} corrections, ${parties.stats.refusedByWorkflow} refused as stale (409); client retries: ${retries.summary()}`);
    console.log(`throughput: ${(report.completed / runSeconds).toFixed(1)} cases/s over ${runSeconds.toFixed(0)} s; whole run ${secs(Date.now() - started)}`);
    console.log(`cases: ${report.cases}  completed: ${report.completed}  lost: ${report.lost}  duplicated: ${report.duplicated}  inconsistent: ${report.inconsistent}`);

    writeFileSync(
      join(outDir, 'scale-out.svg'),
      chaosChart(
        samples,
        [...marks, ...back].map((m) => ({ t: (m.at - filingStarted) / 1000, label: m.label })),
        cases.length,
        'seconds since the first filing; 2 APIs, 2 workers (red: an instance SIGKILLed, and back)',
      ),
    );
    writeFileSync(
      join(outDir, 'report.json'),
      JSON.stringify(
        { options, runSeconds, report: { ...report, verdicts: report.verdicts.filter((v) => v.problems.length) }, kills, back, resumed, apiInstances: tallies, workerTasks: tasks, retries: Object.fromEntries(retries.byCause), scripted: parties.stats, errors: parties.errors, samples },
        null,
        2,
      ),
    );
    console.log('chart: test-output/scale-out/scale-out.svg; figures: test-output/scale-out/report.json');

    // Both instances of each kind must have carried cases, and both kills happened, or the run proved nothing.
    const shared = tallies.every((t) => Object.values(t.answered).reduce((a, b) => a + b, 0) > 0) && ['worker-a', 'worker-b'].every((w) => (tasks[w]?.workflowTasks ?? 0) > 0);
    if (!shared) console.log('one instance carried no work: the run does not show scale-out');
    if (kills.length < 2) console.log(`only ${kills.length} of 2 kills happened`);
    const clean = report.completed === report.cases && report.lost + report.duplicated + report.inconsistent === 0 && parties.errors.length === 0;
    exitCode = clean && shared && kills.length === 2 ? 0 : 1;
  } finally {
    await connection?.close();
    await stopAll();
    stackLog.end();
  }
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  console.error(`\nscale-out run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
