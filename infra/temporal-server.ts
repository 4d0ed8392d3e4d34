import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync, WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { msToTs } from '@temporalio/common/lib/time';
import { goAvailable, goInstall, isExecutable } from './go-install';
import { projectRoot } from './paths';
import { freePort, startOnFreshPortsOnClash, waitFor } from './ports';
import type { TemporalDevServer } from './temporal-dev-server';

/**
 * Temporal's production server (the same `temporal-server` its Docker images and Helm chart run),
 * built from the Go module proxy, on PostgreSQL with its own two databases.
 *
 * v1.32.1: v1.32.2 asks for Go >= 1.26.10; no tag from v1.27 to v1.32 carries `replace`
 * directives, so `go install …@version` works. The schema tool comes from the same tag, so its
 * embedded schema files are the ones this server expects. ui-server v2.55.0 has the Web UI's
 * assets compiled in.
 */
export const TEMPORAL_SERVER_VERSION = '1.32.1';
export const TEMPORAL_UI_SERVER_VERSION = '2.55.0';
const SERVER_MODULE = `go.temporal.io/server/cmd/server@v${TEMPORAL_SERVER_VERSION}`;
const SQL_TOOL_MODULE = `go.temporal.io/server/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`;
const UI_SERVER_MODULE = `github.com/temporalio/ui-server/v2/cmd/server@v${TEMPORAL_UI_SERVER_VERSION}`;

/** Fixed when the cluster's databases are first created: a later change is refused by the server. */
export const HISTORY_SHARDS = 4;
/** The databases' names unless TEMPORAL_SERVER_DATABASE says otherwise: `temporal`, `temporal_visibility`. */
const DATABASE = 'temporal';
const visibilityDatabase = (database: string) => `${database}_visibility`;
/** What `temporal operator namespace create` gives a namespace by default. */
const RETENTION = '72h';

export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
  uiServer: string;
}

export function temporalServerCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEMPORAL_SERVER_CACHE_DIR ?? join(projectRoot(), '.cache', 'temporal-server');
}

/** The binaries' places in the cache; the versions are in their names, so a new pin builds anew. */
export function temporalServerBinaries(env: NodeJS.ProcessEnv = process.env): TemporalServerBinaries {
  const dir = temporalServerCacheDir(env);
  return {
    server: join(dir, `temporal-server-${TEMPORAL_SERVER_VERSION}`),
    sqlTool: join(dir, `temporal-sql-tool-${TEMPORAL_SERVER_VERSION}`),
    uiServer: join(dir, `temporal-ui-server-${TEMPORAL_UI_SERVER_VERSION}`),
  };
}

/** The three binaries, each built into the cache by `go install` the first time it is missing. */
export async function ensureTemporalServer(log: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<TemporalServerBinaries> {
  const binaries = temporalServerBinaries(env);
  const builds = [
    // GOTOOLCHAIN=local: build with the Go that is here, or fail saying which version the tag
    // needs, rather than fetch another toolchain; the proxy serves modules, not always toolchains.
    { what: `Temporal server v${TEMPORAL_SERVER_VERSION}`, module: SERVER_MODULE, binary: binaries.server, minutes: 'about 17 min on 2 cores' },
    { what: `Temporal SQL schema tool v${TEMPORAL_SERVER_VERSION}`, module: SQL_TOOL_MODULE, binary: binaries.sqlTool, minutes: 'seconds after the server' },
    { what: `Temporal Web UI server v${TEMPORAL_UI_SERVER_VERSION}`, module: UI_SERVER_MODULE, binary: binaries.uiServer, minutes: 'under a minute' },
  ].filter((build) => !isExecutable(build.binary));
  if (builds.length === 0) return binaries;
  if (!goAvailable(env)) {
    throw new Error(
      `TEMPORAL_ENGINE=server needs Temporal's server, schema tool and Web UI in ${temporalServerCacheDir(env)}, and Go (https://go.dev/dl) to build them.\n` +
        'Install Go, or leave TEMPORAL_ENGINE unset (the dev server), or set TEMPORAL_ADDRESS to an existing Temporal cluster.',
    );
  }
  for (const build of builds) {
    log(`${build.what} not found; building ${build.module} into ${dirname(build.binary)} (${build.minutes}, once)`);
    await goInstall({ what: build.what, module: build.module, binary: build.binary, env: { GOTOOLCHAIN: 'local' } }, log, env);
  }
  return binaries;
}

/** A Postgres server reached with a password, as a `postgres://user:password@host:port` URL. */
interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

function parsePostgresServer(url: string): PostgresServer {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

function run(binary: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

/**
 * Creates the two databases if missing and brings their schemas to the tool's latest version,
 * with the schema files embedded in the tool. Every step is a no-op on an up-to-date database,
 * so this runs on every start (and upgrades the schema after a newer pin).
 */
export async function setupTemporalSchemas(sqlTool: string, postgres: PostgresServer, database: string): Promise<void> {
  // The password goes by environment, not argv, where any user's `ps` would show it.
  const env = { PATH: process.env.PATH ?? '', SQL_PASSWORD: postgres.password };
  const connect = ['--plugin', 'postgres12', '--endpoint', postgres.host, '--port', String(postgres.port), '--user', postgres.user];
  const step = async (name: string, args: string[], tolerate?: RegExp) => {
    const { code, output } = await run(sqlTool, [...connect, '--database', name, ...args], env);
    if (code !== 0 && !(tolerate && tolerate.test(output))) {
      throw new Error(`temporal-sql-tool ${args[0]} on database ${name} failed (exit ${code}):\n${output.slice(-4000)}`);
    }
  };
  for (const [name, schema] of [
    [database, 'postgresql/v12/temporal'],
    [visibilityDatabase(database), 'postgresql/v12/visibility'],
  ]) {
    await step(name, ['create-database', '--defaultdb', 'postgres'], /already exists/);
    await step(name, ['setup-schema', '--version', '0.0']);
    await step(name, ['update-schema', '--schema-name', schema]);
  }
}

export interface TemporalServerOptions {
  /** The Postgres server (no database name) that holds the `temporal` and `temporal_visibility` databases. */
  postgresUrl: string;
  /** Its databases' names: this and `<this>_visibility` (default `temporal`). */
  database?: string;
  /** The namespace to register (if absent) and wait for. */
  namespace?: string;
  port?: number;
  uiPort?: number;
  headless?: boolean;
  /** See TemporalDevServerOptions.longPollSeconds: set here through the dynamic config file. */
  longPollSeconds?: number;
  /** Appends the server's warnings and errors (JSON lines) here; kept in memory only when absent. */
  logFile?: string;
  log?: (line: string) => void;
}

export type TemporalServer = TemporalDevServer;

function dynamicConfig(options: TemporalServerOptions): string {
  const lines = ['# Written by infra/temporal-server.ts at every start.'];
  if (options.longPollSeconds) lines.push('matching.longPollExpirationInterval:', `  - value: ${options.longPollSeconds}s`);
  return `${lines.join('\n')}\n`;
}

function uiConfig(temporalAddress: string, uiPort: number): string {
  return [
    '# Written by infra/temporal-server.ts at every start.',
    `temporalGrpcAddress: ${temporalAddress}`,
    'host: 127.0.0.1',
    `port: ${uiPort}`,
    'enableUi: true',
    'defaultNamespace: default',
    'distribution: server',
    'disableNewsFetch: true',
    'notifyOnNewVersion: false',
    'cors:',
    '  allowOrigins:',
    `    - http://127.0.0.1:${uiPort}`,
    '',
  ].join('\n');
}

interface Child {
  process: ChildProcess;
  exited: () => boolean;

  tail: () => string;
  stop: () => Promise<void>;
}

/** A child in its own process group (Ctrl-C reaches the launcher alone, which stops it in order). */
function spawnChild(binary: string, args: string[], env: Record<string, string>, logFile?: WriteStream): Child {
  const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let tail = '';
  const onData = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8000);
    logFile?.write(chunk);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exited = false;
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.on('exit', () => {
    exited = true;
    process.removeListener('exit', killOnExit);
  });
  return {
    process: child,
    exited: () => exited,
    tail: () => tail,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (exited) return resolveStop();
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolveStop();
        });
        child.kill('SIGTERM');
      }),
  };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

/** The services in cluster_membership's `role` column (Temporal's persistence.ServiceType). */
const MEMBERSHIP_ROLES: Record<number, string> = { 1: 'FRONTEND', 2: 'HISTORY', 3: 'MATCHING', 4: 'WORKER' };

/**
 * The membership (ringpop) port of each service. A restarted server finds its previous processes
 * in cluster_membership for 20 s after their last heartbeat and tries to join them; at fresh
 * ports it would wait out those dead members (about a minute before workers can poll again),
 * whereas at the same ports the members it finds are itself, as when a cluster with fixed ports
 * restarts. So the ports of the last run are taken again while free.
 *
 * New ones come from 20000–32767: cluster_membership.rpc_port is a SMALLINT on Postgres, and the
 * kernel's ephemeral ports (freePort) are all above 32767 ("value out of range for type smallint").
 */
async function membershipPorts(postgresUrl: string, database: string): Promise<Record<string, number>> {
  const previous = new Map<string, number>();
  const db = new PgClient({ connectionString: `${postgresUrl}/${database}` });
  await db.connect();
  try {
    const rows = await db.query<{ role: number; rpc_port: number }>(
      "SELECT DISTINCT ON (role) role, rpc_port FROM cluster_membership WHERE rpc_address = '127.0.0.1' ORDER BY role, last_heartbeat DESC",
    );
    for (const row of rows.rows) if (MEMBERSHIP_ROLES[row.role]) previous.set(MEMBERSHIP_ROLES[row.role], row.rpc_port);
  } finally {
    await db.end();
  }
  const chosen: Record<string, number> = {};
  const taken = () => Object.values(chosen);
  for (const role of Object.values(MEMBERSHIP_ROLES)) {
    let port = previous.get(role);
    while (!port || taken().includes(port) || !(await portIsFree(port))) port = 20_000 + Math.floor(Math.random() * (32_767 - 20_000));
    chosen[`${role}_MEMBERSHIP_PORT`] = port;
  }
  return chosen;
}

/** waitFor, failing at once with the child's last words if it exits meanwhile. */
async function waitWhileRunning(child: Child, what: string, probe: () => Promise<void>, timeoutMs: number, intervalMs: number): Promise<void> {
  const exitedEarly = () => new Error(`${what}: the process exited early:\n${child.tail()}`);
  let quit = false;
  await waitFor(
    what,
    async () => {
      if (child.exited()) quit = true;
      if (quit) return;
      await probe();
    },
    timeoutMs,
    intervalMs,
  );
  if (quit || child.exited()) throw exitedEarly();
}

/** gRPC status 6: the namespace was registered before (a kept database, or a second start). */
const ALREADY_EXISTS = 6;

/**
 * Builds (once) and starts Temporal's production server on the given Postgres with HISTORY_SHARDS
 * history shards, plus its Web UI unless headless; resolves once the frontend answers and the
 * namespace is registered. The same shape as startTemporalDevServer's answer.
 */
export async function startTemporalServer(options: TemporalServerOptions): Promise<TemporalServer> {
  const log = options.log ?? console.log;
  const namespace = options.namespace ?? 'default';
  const binaries = await ensureTemporalServer(log);
  const postgres = parsePostgresServer(options.postgresUrl);
  const database = options.database || DATABASE;
  const schemaStarted = Date.now();
  await setupTemporalSchemas(binaries.sqlTool, postgres, database);
  log(`Temporal schemas up to date in ${Date.now() - schemaStarted} ms (databases ${database}, ${visibilityDatabase(database)})`);

  const configDir = mkdtempSync(join(tmpdir(), 'temporal-server-'));
  const children: Child[] = [];
  let logFile: WriteStream | undefined;
  const stopAll = async () => {
    for (const child of [...children].reverse()) await child.stop();
    children.length = 0;
    await new Promise<void>((resolveEnd) => (logFile ? logFile.end(resolveEnd) : resolveEnd()));
    rmSync(configDir, { recursive: true, force: true });
  };
  try {
    const dynamicConfigFile = join(configDir, 'dynamic-config.yaml');
    writeFileSync(dynamicConfigFile, dynamicConfig(options));
    if (options.logFile) {
      mkdirSync(dirname(options.logFile), { recursive: true });
      logFile = createWriteStream(options.logFile, { flags: 'a' });
    }
    // Its ports are the kernel's ephemeral ones (freePort), which an outgoing connection may take
    // before the server binds them (seen in CI: "bind: address already in use"): then it starts
    // again on others.
    const address = await startOnFreshPortsOnClash('Temporal server', log, async () => {
      const port = options.port ?? (await freePort());
      // Every port chosen here: the template's defaults (7234, 6933, …) would clash between stacks.
      const ports: Record<string, number> = { FRONTEND_GRPC_PORT: port };
      for (const name of ['FRONTEND_HTTP_PORT', 'HISTORY_GRPC_PORT', 'MATCHING_GRPC_PORT', 'WORKER_GRPC_PORT']) ports[name] = await freePort();
      Object.assign(ports, await membershipPorts(options.postgresUrl, database));
      // The server's embedded config template, filled from these variables alone: nothing of this
      // process's environment (a stray DB or PROMETHEUS_ENDPOINT) leaks into its configuration.
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        DB: 'postgres12',
        POSTGRES_SEEDS: postgres.host,
        DB_PORT: String(postgres.port),
        POSTGRES_USER: postgres.user,
        POSTGRES_PWD: postgres.password,
        DBNAME: database,
        VISIBILITY_DBNAME: visibilityDatabase(database),
        NUM_HISTORY_SHARDS: String(HISTORY_SHARDS),
        BIND_ON_IP: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DYNAMIC_CONFIG_FILE_PATH: dynamicConfigFile,
        ...Object.fromEntries(Object.entries(ports).map(([name, value]) => [name, String(value)])),
      };
      // --allow-no-auth: the frontend listens on loopback only, like the dev server's.
      const server = spawnChild(binaries.server, ['--allow-no-auth', 'start'], env, logFile);
      children.push(server);
      const address = `127.0.0.1:${port}`;
      await waitWhileRunning(
        server,
        `Temporal server on ${address}`,
        async () => {
          const connection = await Connection.connect({ address, connectTimeout: 1000 });
          try {
            await connection.workflowService.getSystemInfo({});
            await connection.workflowService
              .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(RETENTION) })
              .catch((error: { code?: number }) => {
                if (error.code !== ALREADY_EXISTS) throw error;
              });
            await connection.workflowService.describeNamespace({ namespace });
          } finally {
            await connection.close();
          }
        },
        120_000,
        300,
      );
      return address;
    });

    let uiUrl: string | undefined;
    if (!options.headless) {
      const uiPort = options.uiPort ?? (await freePort());
      writeFileSync(join(configDir, 'base.yaml'), uiConfig(address, uiPort));
      const ui = spawnChild(binaries.uiServer, ['--root', configDir, '--config', '.', '--env', 'none', 'start'], { PATH: process.env.PATH ?? '' }, logFile);
      children.push(ui);
      uiUrl = `http://127.0.0.1:${uiPort}`;
      await waitWhileRunning(
        ui,
        `Temporal Web UI on ${uiUrl}`,
        async () => {
          const response = await fetch(uiUrl!, { signal: AbortSignal.timeout(2000) });
          if (!response.ok) throw new Error(`answered ${response.status}`);
        },
        60_000,
        300,
      );
    }
    return { address, uiUrl, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
