import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { authEnv, departmentsServiceEnv } from './auth-env';
import { startEmbeddedPostgres } from './embedded-postgres';
import { projectRoot } from './paths';
import { freePort, waitFor } from './ports';
import { startTemporalDevServer } from './temporal-dev-server';
import { migrateReadModel } from '../libs/persistence';
import { migrateDepartments } from '../apps/departments/src/departments.data-source';

export interface StackOptions {
  /** npm start keeps Postgres data and Temporal's SQLite file under .data/; tests throw theirs away. */
  persistent: boolean;
  /** Run the three apps as child processes from dist/ (npm start), or inside this process (tests). */
  apps: 'children' | 'in-process';
  /** Defaults for the apps' settings (HIGH_TECH_*, SLA_*); the environment overrides them. */
  settings?: Record<string, string>;
  /** Preferred ports (used when free): npm start's well-known URLs. */
  ports?: { api?: number; departments?: number; temporal?: number; temporalUi?: number };
  log?: (line: string) => void;
}

export interface StackUrls {
  api: string;
  docs: string;
  departments: string;
  temporal: string;
  temporalUi?: string;
  database: string;
}

export type AppName = 'departments' | 'worker' | 'api';

export interface Stack {
  urls: StackUrls;
  /** The environment the apps were given: tests reuse it to build their own clients. */
  env: Record<string, string>;
  /**
   * Chaos only (apps as children): kills an app with the signal, waits for it to die, and starts
   * a fresh one, as a process supervisor would. Resolves when the new process is spawned.
   */
  restartApp?(name: AppName, signal?: NodeJS.Signals): Promise<void>;
  /** Chaos only (embedded Postgres): stops the server, waits downMs, and starts it again. */
  restartPostgres?(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

async function pickPort(preferred: number | undefined): Promise<number> {
  if (preferred && (await portIsFree(preferred))) return preferred;
  return freePort();
}

async function httpOk(url: string): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

/** Resolves once some worker polls the task queue: the stack is ready to run cases. */
async function waitForWorker(address: string, namespace: string, taskQueue: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await waitFor(
      `a worker polling "${taskQueue}"`,
      async () => {
        const answer = await connection.workflowService.describeTaskQueue({
          namespace,
          taskQueue: { name: taskQueue },
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        });
        if (!answer.pollers?.length) throw new Error('no poller yet');
      },
      120_000,
      250,
    );
  } finally {
    await connection.close();
  }
}

interface RunningApp {
  name: string;
  stop(): Promise<void>;
  /** Sends the signal and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

function spawnApp(name: string, entry: string, env: Record<string, string>, log: (line: string) => void): RunningApp {
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) log(`[${name}] ${line}`);
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  let exited = false;
  // Should the launcher die without stopping us, take the app down with it rather than orphan it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.on('exit', (code, signal) => {
    exited = true;
    process.removeListener('exit', killOnExit);
    if (code !== 0 && signal !== 'SIGTERM' && signal !== 'SIGKILL') log(`[${name}] exited (${signal ?? code})`);
  });
  const kill = (signal: NodeJS.Signals) =>
    new Promise<void>((done) => {
      if (exited) return done();
      child.once('exit', () => done());
      child.kill(signal);
    });
  return {
    name,
    kill,
    stop: async () => {
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await kill('SIGTERM');
      clearTimeout(killer);
    },
  };
}

/** Each app gets only its own half of the departments' service key pair. */
function envFor(name: AppName, env: Record<string, string>): Record<string, string> {
  const { DEPARTMENTS_SERVICE_PRIVATE_KEY, DEPARTMENTS_SERVICE_PUBLIC_KEY, ...rest } = env;
  if (name === 'worker' && DEPARTMENTS_SERVICE_PRIVATE_KEY) return { ...rest, DEPARTMENTS_SERVICE_PRIVATE_KEY };
  if (name === 'departments' && DEPARTMENTS_SERVICE_PUBLIC_KEY) return { ...rest, DEPARTMENTS_SERVICE_PUBLIC_KEY };
  return rest;
}

/**
 * The AES-256 key that encrypts Temporal payloads (personal data). npm start keeps it under .data/
 * beside the SQLite history it must go on decrypting; tests use a fresh one per run.
 */
function payloadKey(file?: string): string {
  if (file && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64');
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, key, { mode: 0o600 });
  }
  return key;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? console.log;
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch((error: unknown) => log(`stop failed: ${String(error)}`));
    stops.length = 0;
  };
  try {
    const dataDir = join(projectRoot(), '.data');
    const nodeEnv = process.env.NODE_ENV === 'production' ? 'production' : options.persistent ? 'development' : 'test';
    // Before anything starts: production without its token issuer must not get as far as Postgres.
    const auth = authEnv(nodeEnv, { ...options.settings, ...process.env }, options.persistent ? join(dataDir, 'dev-jwt-key.pem') : undefined);

    // Postgres: the one DATABASE_URL names, or an embedded server of our own.
    let databaseUrl = process.env.DATABASE_URL;
    let departmentsDatabaseUrl = process.env.DEPARTMENTS_DATABASE_URL ?? databaseUrl;
    let restartPostgres: Stack['restartPostgres'];
    if (!databaseUrl) {
      log('starting embedded PostgreSQL …');
      const pg = await startEmbeddedPostgres({ dataDir: options.persistent ? join(dataDir, 'postgres') : undefined, log });
      stops.push(() => pg.stop());
      restartPostgres = (downMs) => pg.restart(downMs);
      databaseUrl = await pg.createDatabase('approvals');
      departmentsDatabaseUrl = await pg.createDatabase('departments');
    }
    await migrateReadModel(databaseUrl);
    await migrateDepartments(departmentsDatabaseUrl!);

    // Temporal: the cluster TEMPORAL_ADDRESS names, or a dev server of our own.
    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    let temporalUi: string | undefined;
    if (!temporalAddress) {
      log('starting Temporal dev server …');
      const server = await startTemporalDevServer({
        dbFile: options.persistent ? join(dataDir, 'temporal.sqlite') : undefined,
        port: await pickPort(options.ports?.temporal),
        uiPort: await pickPort(options.ports?.temporalUi),
        headless: !options.persistent,
        log,
      });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      temporalUi = server.uiUrl;
    }

    const departmentsPort = await pickPort(options.ports?.departments);
    const apiPort = await pickPort(options.ports?.api);
    const bundle = join(projectRoot(), 'dist', 'workflow-bundle.js');
    const env: Record<string, string> = {
      NODE_ENV: nodeEnv,
      DATABASE_URL: databaseUrl,
      DEPARTMENTS_DATABASE_URL: departmentsDatabaseUrl!,
      DEPARTMENTS_PORT: String(departmentsPort),
      DEPARTMENTS_URL: `http://127.0.0.1:${departmentsPort}`,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'default',
      TEMPORAL_TASK_QUEUE: process.env.TEMPORAL_TASK_QUEUE ?? 'approvals',
      API_PORT: String(apiPort),
      ...auth,
      TEMPORAL_PAYLOAD_KEY: process.env.TEMPORAL_PAYLOAD_KEY ?? payloadKey(options.persistent ? join(dataDir, 'payload-key') : undefined),
    };
    Object.assign(env, departmentsServiceEnv(nodeEnv, process.env, options.persistent ? join(dataDir, 'departments-service-key.pem') : undefined));
    // Process limits (HIGH_TECH_*, SLA_*) are the API's to validate, WORKER_* the worker's; pass through whatever is set.
    for (const [name, value] of Object.entries({ ...options.settings, ...process.env })) {
      if (/^(HIGH_TECH|SLA|RATE_LIMIT|DEPARTMENT_INCIDENT|WORKER)_/.test(name) && value) env[name] = value;
    }
    for (const name of ['API_DOCS_ENABLED', 'API_TRUST_PROXY']) {
      const value = process.env[name] ?? options.settings?.[name];
      if (value) env[name] = value;
    }
    if (options.apps === 'children' && existsSync(bundle)) env.WORKFLOW_BUNDLE_PATH = bundle;

    const urls: StackUrls = {
      api: `http://127.0.0.1:${apiPort}`,
      docs: `http://127.0.0.1:${apiPort}/docs`,
      departments: env.DEPARTMENTS_URL,
      temporal: temporalAddress,
      temporalUi,
      database: databaseUrl.replace(/:[^:@/]+@/, ':***@'),
    };

    let restartApp: Stack['restartApp'];
    if (options.apps === 'children') {
      const dist = join(projectRoot(), 'dist', 'apps');
      const running = new Map<AppName, RunningApp>();
      const launch = (name: AppName) => running.set(name, spawnApp(name, join(dist, name, 'src', 'main.js'), envFor(name, env), log));
      for (const name of ['departments', 'worker', 'api'] as const) {
        launch(name);
        stops.push(() => running.get(name)!.stop());
      }
      restartApp = async (name, signal = 'SIGKILL') => {
        await running.get(name)!.kill(signal);
        launch(name);
      };
    } else {
      // Loaded lazily so `npm start` never pulls the apps' TypeScript into the launcher.
      const { apiConfigFrom, workerConfigFrom, departmentsConfigFrom } = await import('../libs/config');
      const { startDepartments } = await import('../apps/departments/src/departments.bootstrap');
      const { startWorker } = await import('../apps/worker/src/worker.bootstrap');
      const { startApi } = await import('../apps/api/src/api.bootstrap');
      const departments = await startDepartments(departmentsConfigFrom(envFor('departments', env)));
      stops.push(() => departments.app.close());
      const worker = await startWorker(workerConfigFrom(envFor('worker', env)));
      stops.push(() => worker.close());
      const api = await startApi(apiConfigFrom(envFor('api', env)));
      stops.push(() => api.app.close());
    }

    await waitFor('departments', () => httpOk(`${urls.departments}/health`), 60_000);
    await waitForWorker(temporalAddress, env.TEMPORAL_NAMESPACE, env.TEMPORAL_TASK_QUEUE);
    await waitFor('API', () => httpOk(`${urls.api}/health`), 60_000);
    return { urls, env, stop, restartApp, restartPostgres };
  } catch (error) {
    await stop();
    throw error;
  }
}
