import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { departmentsCaller } from '../../libs/auth/service-token';
import { demoSettings, scriptedSettings } from '../../libs/processes/registry';
import { payloadDataConverter } from '../../libs/temporal';
import { ProgressBar } from '../progress-bar';
import { projectRoot } from '../paths';
import { startStack, Stack } from '../stack';
import { applicantActor } from '../actors';
import { percentile } from '../bench/bench-metrics';
import { ChaosHttp, ChaosUser, Keys, RetryLedger, ScriptedParties } from './chaos-actors';
import { checkCases, CheckReport, countCases, Resumption, resumptionAfter } from './chaos-checks';
import { chaosScripts, planCases, PlannedCase } from './chaos-plan';
import { chaosChart, Sample } from './chaos-chart';
import { pool } from './pool';
import { uploadRequiredMaterials } from '../sample-materials';

interface Options {
  cases: number;
  /** Filings a second. */
  rate: number;
  kills: number;
  outageSeconds: number;
  outageDepartment: string;
  timeoutMinutes: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { cases: 1000, rate: 10, kills: 5, outageSeconds: 60, outageDepartment: 'statistics', timeoutMinutes: 45 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    const value = argv[i + 1];
    const key = name.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase()) as keyof Options;
    if (!(key in options) || value === undefined) {
      console.error(`usage: npm run chaos -- [--cases 1000] [--rate 10] [--kills 5] [--outage-seconds 60] [--outage-department statistics] [--timeout-minutes 45]`);
      process.exit(2);
    }
    (options as unknown as Record<string, unknown>)[key] = key === 'outageDepartment' ? value : Number(value);
  }
  return options;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const outDir = join(projectRoot(), 'test-output', 'chaos');
  mkdirSync(outDir, { recursive: true });
  const stackLog = createWriteStream(join(outDir, 'stack.log'));
  const progress = new ProgressBar(10_000);
  const started = Date.now();
  console.log(`chaos: ${options.cases} cases at ${options.rate}/s; ${options.kills} worker SIGKILLs, one PostgreSQL restart, a ${options.outageSeconds}-second ${options.outageDepartment} outage`);

  const stack: Stack = await startStack({
    persistent: false,
    apps: 'children',
    // A 公示 of seconds so normal-path cases finish in the run; incidents after 30 s, so the outage raises them.
    settings: { ...demoSettings(5), ...scriptedSettings(), DEPARTMENT_INCIDENT_SECONDS: '30', RATE_LIMIT_PER_MINUTE: '1000000' },
    log: (line) => stackLog.write(`${new Date().toISOString()} ${line}\n`),
  });
  console.log(`stack up in ${secs(Date.now() - started)} (worker from the prebuilt bundle: ${stack.env.WORKFLOW_BUNDLE_PATH ? 'yes' : 'no'}); app logs in test-output/chaos/stack.log`);
  const connection = await Connection.connect({ address: stack.urls.temporal });
  const client = new Client({ connection, namespace: stack.env.TEMPORAL_NAMESPACE, dataConverter: payloadDataConverter({ TEMPORAL_PAYLOAD_KEY: stack.env.TEMPORAL_PAYLOAD_KEY }) });
  const keys: Keys = { privateKey: stack.env.AUTH_DEV_PRIVATE_KEY, issuer: stack.env.AUTH_JWT_ISSUER, audience: stack.env.AUTH_JWT_AUDIENCE };
  const retries = new RetryLedger();
  const api = new ChaosHttp(stack.urls.api, retries);
  const chaosCaller = departmentsCaller('approvals-chaos', stack.env);
  const departments = new ChaosHttp(stack.urls.departments, retries, () => chaosCaller.headers());
  let exitCode = 1;
  // Ctrl-C stops the stack too, rather than leaving its servers behind.
  const interrupt = () => {
    console.log('\ninterrupted: stopping the stack …');
    void stack.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const runId = Date.now().toString(36);
    // Every registered process with a chaos script plays its scenarios.
    const { scripts, missing } = await chaosScripts();
    for (const p of missing) progress.say(`${p.code}（${p.names.zh}）has no chaos script (infra/chaos/${p.code}.chaos.ts): not played`);
    const cases = planCases(scripts, options.cases, runId);
    const byCaseId = new Map<string, PlannedCase>();

    // The enterprises, as the departments hold them before anyone files.
    const seeds = cases.flatMap((c) => c.seeds);
    let seeded = 0;
    await pool(seeds, 16, async (seed) => {
      const answer = await departments.call(seed.method, seed.path, seed.body);
      if (answer.status !== 200) throw new Error(`seeding ${seed.path} → ${answer.status} ${JSON.stringify(answer.body)}`);
      progress.line(`seeding department records ${(seeded += 1)}/${seeds.length}`, seeded / seeds.length);
    });
    progress.say(`seeded ${seeds.length} department records for ${cases.length} enterprises`);

    const parties = new ScriptedParties(api, keys, byCaseId, scripts);
    parties.start();

    // The faults, each fired when the run has got so far. The outage comes while cases are still
    // being filed (so new cases meet it) and once the worker is visibly moving cases: on a loaded
    // machine an outage over before the worker reaches the lookups would test nothing. The kills
    // and the restart come after it, spread over the cases' completion, so each kill's pause is
    // its own.
    let filed = 0;
    let closed = 0;
    let running = 0;
    let outageOverAt = Number.POSITIVE_INFINITY;
    const events: Array<{ when: () => boolean; label: string; run: () => Promise<void> }> = [];
    const kills: Array<{ at: number; label: string }> = [];
    const marks: Array<{ at: number; until?: number; label: string }> = [];
    events.push({
      when: () => filed >= cases.length * 0.1 && closed >= Math.max(1, cases.length * 0.01),
      label: `${options.outageDepartment} down for ${options.outageSeconds} s`,
      run: async () => {
        marks.push({ at: Date.now(), until: Date.now() + options.outageSeconds * 1000, label: `${options.outageDepartment} outage` });
        outageOverAt = Date.now() + options.outageSeconds * 1000;
        const planned = await departments.call('POST', '/dev/faults', { department: options.outageDepartment, durationMs: options.outageSeconds * 1000, status: 503 });
        if (planned.status !== 204) throw new Error(`outage refused: ${planned.status} ${JSON.stringify(planned.body)}`);
      },
    });
    // The outage must be met: on a loaded machine the worker may reach few lookups of that
    // department while it lasts (its workflow tasks are queued behind the filings). So shortly
    // before it ends, if no incident of that department has opened yet, it is prolonged by 30 s,
    // up to four times; what is checked afterwards stays the same (incidents opened, all closed
    // once the department answers again).
    let extensions = 0;
    const extendOutage = {
      when: () => Date.now() > outageOverAt - 3000,
      label: `${options.outageDepartment} outage: an incident yet?`,
      run: async () => {
        // An answer that is not the list (a 503 while the machine is loaded, a refused token) is no
        // sign of an incident: the outage goes on rather than end unseen.
        const seen = await boss.get('/supervision/incidents').then(
          (r) => Array.isArray(r.body) && (r.body as Array<{ department: string }>).some((i) => i.department === options.outageDepartment),
          (error: unknown) => {
            progress.say(`  could not read the incidents (${(error as Error).message}); taken as none yet`);
            return false;
          },
        );
        if (seen || extensions >= 4) return;
        extensions += 1;
        const planned = await departments.call('POST', '/dev/faults', { department: options.outageDepartment, durationMs: 33_000, status: 503 });
        if (planned.status !== 204) throw new Error(`outage refused: ${planned.status} ${JSON.stringify(planned.body)}`);
        outageOverAt = Date.now() + 33_000;
        marks[marks.findIndex((m) => m.label === `${options.outageDepartment} outage`)].until = outageOverAt;
        progress.say(`  no ${options.outageDepartment} incident yet: outage prolonged by 33 s (${extensions}/4)`);
        events.unshift(extendOutage);
      },
    };
    events.push(extendOutage);
    const afterOutage = () => Date.now() > outageOverAt + 5000;
    for (let k = 1; k <= options.kills; k += 1) {
      events.push({
        when: () => afterOutage() && closed >= (cases.length * k) / (options.kills + 2),
        label: `worker SIGKILL ${k}/${options.kills}`,
        run: async () => {
          kills.push({ at: Date.now(), label: `kill ${k}` });
          marks.push({ at: Date.now(), label: `kill ${k}` });
          await stack.restartApp!('worker', 'SIGKILL');
        },
      });
      if (k === Math.ceil(options.kills / 2)) {
        events.push({
          when: () => afterOutage() && closed >= (cases.length * (k + 0.5)) / (options.kills + 2),
          label: 'PostgreSQL restart',
          run: async () => {
            marks.push({ at: Date.now(), label: 'PostgreSQL restart' });
            await stack.restartPostgres!(2000);
          },
        });
      }
    }

    const boss = new ChaosUser(api, { userId: 'supervisor-chaos', name: '电子监察', role: 'supervisor' }, keys);
    const samples: Sample[] = [];
    const filingStarted = Date.now();

    const filing = pool(cases, 16, async (c) => {
      // Paced to the rate from each filing's scheduled time, not from the previous answer.
      const due = filingStarted + (c.n / options.rate) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
      const me = new ChaosUser(api, applicantActor(c.creditCode), keys);
      // The materials its process requires, uploaded first (once: a retried filing files the same ones).
      c.materials ??= await uploadRequiredMaterials(stack.urls.api, me.authorization, c.process);
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
    // A run where nothing closes for this long is stuck, not slow: stop and report what hangs.
    const STALL_MS = 3 * 60_000;
    let lastProgress = { at: Date.now(), closed: 0 };
    let eventsRunning: Promise<void> = Promise.resolve();
    while (Date.now() < deadline && !filingError && Date.now() - lastProgress.at < STALL_MS) {
      try {
        // Cases only: a process may keep workflows of its own running past its cases (a yearly reward ledger).
        ({ running, closed } = await countCases(client));
      } catch {
        // Visibility may blink while Postgres restarts (the apps, not Temporal, use it); keep the last figures.
      }
      if (closed !== lastProgress.closed || events.length || filed < cases.length) lastProgress = { at: Date.now(), closed };
      const done = (filed + closed) / (2 * cases.length);
      while (events.length && events[0].when()) {
        const event = events.shift()!;
        progress.say(`  ${secs(Date.now() - filingStarted).padStart(8)}  ${event.label}`);
        eventsRunning = eventsRunning.then(event.run);
      }
      samples.push({ t: (Date.now() - filingStarted) / 1000, filed, closed, running });
      progress.line(`filed ${filed}/${cases.length}  closed ${closed}  running ${running}  agency decisions ${parties.stats.decisions}  retried ${retries.summary()}`, done);
      if (filed === cases.length && closed >= cases.length && running === 0 && events.length === 0) break;
      await sleep(1000);
    }
    await eventsRunning;
    if (filingError) throw filingError;
    if (Date.now() - lastProgress.at >= STALL_MS) progress.say(`nothing closed for ${STALL_MS / 60_000} minutes: stopping to report what hangs`);
    const runSeconds = (Date.now() - filingStarted) / 1000;
    progress.say(`run: ${runSeconds.toFixed(0)} s; ${filed} filed, ${closed} closed, ${running} still running`);
    await parties.stop();

    // Incidents the outage raised, as the supervisor's dashboard shows them.
    const incidents = ((await boss.get('/supervision/incidents')).body as any[]).filter((i) => i.department === options.outageDepartment);

    const report: CheckReport = await checkCases(client, { readModel: stack.env.DATABASE_URL, departments: stack.env.DEPARTMENTS_DATABASE_URL }, { TEMPORAL_PAYLOAD_KEY: stack.env.TEMPORAL_PAYLOAD_KEY }, cases, (n) =>
      progress.line(`checking case ${n}/${cases.length}`, n / cases.length),
    );
    const resumed: Resumption[] = await resumptionAfter(stack.env.DATABASE_URL, kills, cases);

    progress.say('');
    for (const v of report.verdicts.filter((x) => x.problems.length)) console.log(`  ${v.caseId} (${v.scenario}): ${v.problems.map((p) => `${p.kind}: ${p.what}`).join('; ')}`);
    for (const e of parties.errors.slice(0, 10)) console.log(`  unexpected answer: ${e}`);
    // The stall is the kill's own cost (the sticky queue's 10 s timeout plus the new worker's start);
    // a case's gap also holds its wait behind the backlog of cases ahead of it.
    console.log('after each worker SIGKILL: stall (until any case moved), and each case under way until its next timeline entry:');
    for (const r of resumed) {
      const d = [...r.delays].sort((a, b) => a - b);
      console.log(
        `  ${r.label}: stall ${r.stall.toFixed(1)} s; ${d.length} cases  p50 ${percentile(d, 50).toFixed(1)} s  p95 ${percentile(d, 95).toFixed(1)} s  max ${(d[d.length - 1] ?? NaN).toFixed(1)} s`,
      );
    }
    console.log(
      `outage of ${options.outageDepartment} (${options.outageSeconds} s): incidents opened ${incidents.length}, still open ${incidents.filter((i) => i.open).length}`,
    );
    console.log(`reconciler: checked ${report.reconcile.checked}  drift ${report.reconcile.drift.length}  repaired ${report.reconcile.repaired}`);
    console.log(`audit chain: ${report.auditEntries} timeline entries verified`);
    console.log(`scripted parties: ${parties.stats.decisions} decisions, ${parties.stats.corrections} corrections, ${parties.stats.refusedByWorkflow} refused as stale (409); client retries: ${retries.summary()}`);
    console.log(`throughput: ${(report.completed / runSeconds).toFixed(1)} cases/s over ${runSeconds.toFixed(0)} s`);
    console.log(`cases: ${report.cases}  completed: ${report.completed}  lost: ${report.lost}  duplicated: ${report.duplicated}  inconsistent: ${report.inconsistent}`);

    writeFileSync(join(outDir, 'chaos.svg'), chaosChart(samples, marks.map((m) => ({ t: (m.at - filingStarted) / 1000, until: m.until && (m.until - filingStarted) / 1000, label: m.label })), cases.length));
    writeFileSync(
      join(outDir, 'report.json'),
      JSON.stringify({ options, runSeconds, report: { ...report, verdicts: report.verdicts.filter((v) => v.problems.length) }, resumed, incidents, retries: Object.fromEntries(retries.byCause), scripted: parties.stats, errors: parties.errors, samples }, null, 2),
    );
    console.log(`chart: test-output/chaos/chaos.svg; figures: test-output/chaos/report.json`);
    const clean = report.completed === report.cases && report.lost + report.duplicated + report.inconsistent === 0 && parties.errors.length === 0;
    const incidentsShown = options.outageSeconds < 30 || (incidents.length > 0 && incidents.every((i) => !i.open));
    if (!incidentsShown) console.log('the outage did not show as incidents that closed when the department came back');
    exitCode = clean && incidentsShown ? 0 : 1;
  } finally {
    await connection.close();
    await stack.stop();
    stackLog.end();
  }
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  console.error(`\nchaos run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
