import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { AppName, DEFAULT_RESTART_POLICY, RestartPolicy, SupervisedApp } from './app-supervisor';
import { authEnv, departmentsServiceEnv } from './auth-env';
import { loadSigningKeys, providerSettings } from './oidc/oidc-provider-settings';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startSeaweedfs } from './seaweedfs';
import { projectRoot } from './paths';
import { freePort, waitFor } from './ports';
import { claimDataForEngine, describeEngine, startOwnTemporal, temporalEngineFrom } from './temporal-engine';
import { migrateReadModel } from '../libs/persistence';
import { PROCESS_SETTING_PREFIXES } from '../libs/processes/registry';
import { migrateDepartments } from '../apps/departments/src/departments.data-source';

/** The settings the launcher passes through to the apps: every registered process's prefix, and the engine's and apps' own. */
const APP_SETTINGS = new RegExp(`^(${[...PROCESS_SETTING_PREFIXES, 'SLA_', 'RATE_LIMIT_', 'DEPARTMENT_INCIDENT_', 'WORKER_', 'WORKFLOW_UPDATE_', 'S3_', 'MATERIALS_'].map((p) => p.replace(/[^A-Z0-9_]/g, '')).join('|')})`);

export interface StackOptions {
  /** npm start keeps Postgres data and Temporal's SQLite file under .data/; tests throw theirs away. */
  persistent: boolean;
  /** Run the three apps as child processes from dist/ (npm start), or inside this process (tests). */
  apps: 'children' | 'in-process';
  /** Defaults for the apps' settings (each process's options, SLA_* …); the environment overrides them. */
  settings?: Record<string, string>;
  /** Preferred ports (used when free): npm start's well-known URLs. */
  ports?: { api?: number; departments?: number; temporal?: number; temporalUi?: number; workerMetrics?: number; oidc?: number; objectStore?: number };
  log?: (line: string) => void;
  /** Apps as children: how one that dies on its own is restarted (default 1 s doubling to 30 s). */
  restartPolicy?: Partial<RestartPolicy>;
  /**
   * Tests only: runs once the apps' ports are chosen and their environment is set, before any app
   * binds, so a test can play another program taking a port in between.
   */
  beforeAppsStart?: (env: Readonly<Record<string, string>>) => Promise<void>;
}

export interface StackUrls {
  api: string;
  docs: string;
  departments: string;
  temporal: string;
  temporalUi?: string;
  database: string;
  /** The embedded OpenID provider (its issuer), when the stack runs one: development and tests. */
  oidc?: string;
  /** The S3 endpoint that holds uploaded materials (the embedded SeaweedFS unless S3_ENDPOINT names another). */
  objectStore: string;
  /** The worker's /metrics (and /health/ready) listener (WORKER_METRICS_PORT). */
  workerMetrics?: string;
}

export type { AppName } from './app-supervisor';

export interface Stack {
  urls: StackUrls;
  /** The environment the apps were given: tests reuse it to build their own clients. */
  env: Record<string, string>;
  /**
   * Chaos only (apps as children): kills an app with the signal, waits for it to die, and starts
   * a fresh one, as a process supervisor would. Resolves when the new process is spawned.
   */
  restartApp?(name: AppName, signal?: NodeJS.Signals): Promise<void>;
  /** Apps as children: an app's current process id (tests kill it as a crash would). */
  pidOf?(name: AppName): number | undefined;
  /** Chaos only (embedded Postgres): stops the server, waits downMs, and starts it again. */
  restartPostgres?(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** How long our own dev server holds an idle worker's poll: see TemporalDevServerOptions.longPollSeconds. */
const OWN_TEMPORAL_LONG_POLL_SECONDS = 5;

/**
 * The AWS SDK warns on every start under Node 20 that its releases after January 2027 will need
 * Node 22. The version pinned here runs on Node 20, so on this machine's own stack (development,
 * tests, chaos) the warning is noise printed by every process; a production deployment keeps it, as
 * the reminder that upgrading the SDK past that date means Node 22 first (README, Versions).
 */
const QUIET_AWS_SDK: Record<string, string> = process.env.NODE_ENV === 'production' ? {} : { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
for (const [name, value] of Object.entries(QUIET_AWS_SDK)) process.env[name] ??= value;

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

/** Each app gets only its own half of the departments' service key pair (npm run scale-out starts more instances with it). */
export function envFor(name: AppName, env: Record<string, string>): Record<string, string> {
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
  let holdRestarts = () => {};
  let supervise = () => {};
  let superviseOidc = () => {};
  let holdOidc = () => {};
  const stop = async () => {
    holdRestarts();
    holdOidc();
    for (const fn of stops.reverse()) await fn().catch((error: unknown) => log(`stop failed: ${String(error)}`));
    stops.length = 0;
  };
  try {
    const dataDir = join(projectRoot(), '.data');
    const nodeEnv = process.env.NODE_ENV === 'production' ? 'production' : options.persistent ? 'development' : 'test';
    // Before anything starts: production without its token issuer must not get as far as Postgres.
    const { env: auth, embedded: embeddedOidc } = authEnv(nodeEnv, { ...options.settings, ...process.env }, options.persistent ? join(dataDir, 'dev-jwt-key.pem') : undefined);
    if (nodeEnv === 'production' && !process.env.S3_ENDPOINT) {
      // The embedded store runs on development keys that every clone knows: production names its own.
      throw new Error('Invalid configuration:\n  S3_ENDPOINT: production needs its object store (with S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_BUCKET)');
    }
    const engine = temporalEngineFrom(process.env);
    if (options.persistent && !process.env.TEMPORAL_ADDRESS) claimDataForEngine(dataDir, engine);

    // Postgres: the one DATABASE_URL names, or an embedded server of our own.
    let databaseUrl = process.env.DATABASE_URL;
    let departmentsDatabaseUrl = process.env.DEPARTMENTS_DATABASE_URL ?? databaseUrl;
    let restartPostgres: Stack['restartPostgres'];
    let postgresServerUrl = databaseUrl && Object.assign(new URL(databaseUrl), { pathname: '', search: '' }).toString();
    if (!databaseUrl) {
      log('starting embedded PostgreSQL …');
      const pg = await startEmbeddedPostgres({ dataDir: options.persistent ? join(dataDir, 'postgres') : undefined, log });
      stops.push(() => pg.stop());
      restartPostgres = (downMs) => pg.restart(downMs);
      postgresServerUrl = pg.serverUrl;
      databaseUrl = await pg.createDatabase('approvals');
      departmentsDatabaseUrl = await pg.createDatabase('departments');
    }
    await migrateReadModel(databaseUrl);
    await migrateDepartments(departmentsDatabaseUrl!);

    // Temporal: the cluster TEMPORAL_ADDRESS names, or one of our own (TEMPORAL_ENGINE: dev or server).
    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    let temporalUi: string | undefined;
    if (!temporalAddress) {
      log(`starting ${describeEngine(engine)} …`);
      const server = await startOwnTemporal({
        engine,
        postgresUrl: postgresServerUrl!,
        dataDir: options.persistent ? dataDir : undefined,
        namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
        port: await pickPort(options.ports?.temporal),
        uiPort: await pickPort(options.ports?.temporalUi),
        headless: !options.persistent,
        longPollSeconds: OWN_TEMPORAL_LONG_POLL_SECONDS,
        log,
      });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      temporalUi = server.uiUrl;
    }

    // The object store: the one S3_ENDPOINT names, or an embedded SeaweedFS of our own.
    const objectStore: Record<string, string> = {};
    if (process.env.S3_ENDPOINT) {
      objectStore.S3_ENDPOINT = process.env.S3_ENDPOINT;
    } else {
      log('starting embedded SeaweedFS (object store) …');
      const store = await startSeaweedfs({
        dataDir: options.persistent ? join(dataDir, 'seaweedfs') : undefined,
        port: await pickPort(options.ports?.objectStore),
        bucket: process.env.S3_BUCKET ?? 'approvals-materials',
        // Keys given without an endpoint are the embedded store's (else the development ones).
        accessKeyId: process.env.S3_ACCESS_KEY_ID,
        secretAccessKey: process.env.S3_SECRET_ACCESS_KEY,
        logFile: options.persistent ? join(dataDir, 'seaweedfs.log') : undefined,
        log,
      });
      stops.push(() => store.stop());
      Object.assign(objectStore, {
        S3_ENDPOINT: store.url,
        S3_REGION: store.region,
        S3_BUCKET: store.bucket,
        S3_ACCESS_KEY_ID: store.accessKeyId,
        S3_SECRET_ACCESS_KEY: store.secretAccessKey,
        S3_FORCE_PATH_STYLE: 'true',
      });
    }

    const departmentsPort = await pickPort(options.ports?.departments);
    const apiPort = await pickPort(options.ports?.api);
    // The embedded OpenID provider (development and tests): its issuer is its address, known before the API starts.
    const oidcPort = embeddedOidc ? await pickPort(options.ports?.oidc) : undefined;
    const oidcKeys = embeddedOidc ? loadSigningKeys(options.persistent ? join(dataDir, 'oidc-keys.json') : undefined, /^(1|true|yes)$/i.test(process.env.ROTATE_OIDC_KEYS ?? '')) : undefined;
    if (oidcPort) {
      auth.AUTH_JWT_ISSUER = `http://127.0.0.1:${oidcPort}`;
      auth.AUTH_OIDC_DISCOVERY_URL = `${auth.AUTH_JWT_ISSUER}/.well-known/openid-configuration`;
    }
    // The worker's metrics and health listener, on for apps as children (npm start); WORKER_METRICS_PORT
    // is preferred like API_PORT (used when free). Not in-process: the tests' stack hands its settings
    // to every worker a suite starts beside it, which would then all ask for the one port.
    const workerMetricsPort = options.apps === 'children' ? String(await pickPort(Number(process.env.WORKER_METRICS_PORT) || options.ports?.workerMetrics)) : undefined;
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
      // One address for the API's downloads and the worker's PDFs made at issue (their QR codes).
      PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? options.settings?.PUBLIC_BASE_URL ?? `http://127.0.0.1:${apiPort}`,
      ...auth,
      TEMPORAL_PAYLOAD_KEY: process.env.TEMPORAL_PAYLOAD_KEY ?? payloadKey(options.persistent ? join(dataDir, 'payload-key') : undefined),
      ...objectStore,
      ...QUIET_AWS_SDK,
    };
    Object.assign(env, departmentsServiceEnv(nodeEnv, process.env, options.persistent ? join(dataDir, 'departments-service-key.pem') : undefined));
    // Our own dev server ends an idle poll every few seconds, so the API may call a worker gone
    // after twice that (an external cluster keeps the API's default, above its one-minute poll).
    const defaults = !process.env.TEMPORAL_ADDRESS ? { WORKER_POLL_MAX_AGE_SECONDS: String(2 * OWN_TEMPORAL_LONG_POLL_SECONDS) } : {};
    // Each registered process's options (its own prefix) and SLA_* are the API's to validate, WORKER_* the worker's; pass through whatever is set.
    for (const [name, value] of Object.entries({ ...defaults, ...options.settings, ...process.env })) {
      if (APP_SETTINGS.test(name) && value) env[name] = value;
    }
    if (workerMetricsPort) env.WORKER_METRICS_PORT = workerMetricsPort;
    else delete env.WORKER_METRICS_PORT;
    for (const name of ['API_DOCS_ENABLED', 'API_TRUST_PROXY', 'METRICS_TOKEN']) {
      const value = process.env[name] ?? options.settings?.[name];
      if (value) env[name] = value;
    }
    if (options.apps === 'children' && existsSync(bundle)) env.WORKFLOW_BUNDLE_PATH = bundle;
    // Tests only: the provider's previous key (still published) and the one it retired, to show what each signed is accepted or refused.
    if (!options.persistent && oidcKeys) env.OIDC_TEST_SIGNING_KEYS = JSON.stringify({ previous: oidcKeys.previous, retired: oidcKeys.retired });

    const urls: StackUrls = {
      api: `http://127.0.0.1:${apiPort}`,
      docs: `http://127.0.0.1:${apiPort}/docs`,
      departments: env.DEPARTMENTS_URL,
      temporal: temporalAddress,
      temporalUi,
      database: databaseUrl.replace(/:[^:@/]+@/, ':***@'),
      objectStore: `${env.S3_ENDPOINT.replace(/\/$/, '')}/${env.S3_BUCKET ?? 'approvals-materials'}`,
      workerMetrics: workerMetricsPort && `http://${/^(0\.0\.0\.0|::)?$/.test(process.env.WORKER_METRICS_HOST ?? '') ? '127.0.0.1' : process.env.WORKER_METRICS_HOST}:${workerMetricsPort}/metrics`,
    };

    if (oidcPort && oidcKeys) {
      const provider = new SupervisedApp(
        'oidc',
        join(projectRoot(), 'infra', 'oidc', 'embedded-oidc-provider.mjs'),
        {
          NODE_ENV: nodeEnv,
          OIDC_PROVIDER_SETTINGS: providerSettings({
            issuer: env.AUTH_JWT_ISSUER,
            port: oidcPort,
            keys: oidcKeys,
            devLoginKey: env.AUTH_DEV_PRIVATE_KEY,
            consoleOrigins: [`http://127.0.0.1:${apiPort}`, `http://localhost:${apiPort}`],
            audience: env.AUTH_JWT_AUDIENCE,
          }),
        },
        log,
        { ...DEFAULT_RESTART_POLICY, ...options.restartPolicy },
      );
      stops.push(() => provider.stop());
      urls.oidc = (await provider.start()).listening;
      superviseOidc = () => provider.supervise();
      holdOidc = () => provider.holdRestarts();
    }

    await options.beforeAppsStart?.(env);

    let restartApp: Stack['restartApp'];
    let pidOf: Stack['pidOf'];
    if (options.apps === 'children') {
      const dist = join(projectRoot(), 'dist', 'apps');
      const policy = { ...DEFAULT_RESTART_POLICY, ...options.restartPolicy };
      const apps = new Map<AppName, SupervisedApp>();
      for (const name of ['departments', 'worker', 'api'] as const) {
        const app = new SupervisedApp(name, join(dist, name, 'src', 'main.js'), envFor(name, env), log, policy);
        apps.set(name, app);
        stops.push(() => app.stop());
      }
      // Stopping begins by holding every restart, so nothing comes back while the rest stop.
      holdRestarts = () => apps.forEach((app) => app.holdRestarts());
      // Every app started at once; the first that fails (a port taken, bad configuration) fails the start.
      const reports = await Promise.all([...apps.values()].map((app) => app.start().then((report) => [app.name, report] as const)));
      const bound = new Map(reports);
      // Only addresses the apps themselves report having bound are shown, never the ones asked for.
      urls.api = bound.get('api')!.listening!;
      urls.docs = `${urls.api}/docs`;
      urls.departments = bound.get('departments')!.listening!;
      restartApp = (name, signal = 'SIGKILL') => apps.get(name)!.restart(signal);
      pidOf = (name) => apps.get(name)!.pid;
      supervise = () => apps.forEach((app) => app.supervise());
    } else {
      // Loaded lazily so `npm start` never pulls the apps' TypeScript into the launcher.
      const { apiConfigFrom, workerConfigFrom, departmentsConfigFrom } = await import('../libs/config');
      const { startDepartments } = await import('../apps/departments/src/departments.bootstrap');
      const { startWorker } = await import('../apps/worker/src/worker.bootstrap');
      const { startApi } = await import('../apps/api/src/api.bootstrap');
      const departments = await startDepartments(departmentsConfigFrom(envFor('departments', env)));
      stops.push(() => departments.app.close());
      urls.departments = departments.url;
      const worker = await startWorker(workerConfigFrom(envFor('worker', env)));
      stops.push(() => worker.close());
      const api = await startApi(apiConfigFrom(envFor('api', env)));
      stops.push(() => api.app.close());
      urls.api = api.url;
      urls.docs = `${api.url}/docs`;
    }

    await waitFor('departments', () => httpOk(`${urls.departments}/health`), 60_000);
    await waitForWorker(temporalAddress, env.TEMPORAL_NAMESPACE, env.TEMPORAL_TASK_QUEUE);
    await waitFor('API', () => httpOk(`${urls.api}/health/ready`), 60_000);
    supervise();
    superviseOidc();
    return { urls, env, stop, restartApp, restartPostgres, pidOf };
  } catch (error) {
    await stop();
    throw error;
  }
}
