import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { ensureTemporalCli } from './temporal-cli';
import { freePort, startOnFreshPortsOnClash, waitFor } from './ports';

export interface TemporalDevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

export interface TemporalDevServerOptions {
  /** SQLite file that keeps every case across restarts; in-memory when absent (tests). */
  dbFile?: string;
  port?: number;
  uiPort?: number;
  headless?: boolean;
  /**
   * How long the server holds an idle worker's poll (Temporal's default: a minute). A poll's start
   * and end are when the server last saw that worker, which readiness reads: a short hold lets it
   * tell within seconds that no worker polls any more.
   */
  longPollSeconds?: number;
  log?: (line: string) => void;
}

/** Starts `temporal server start-dev` and resolves once the default namespace answers. */
export async function startTemporalDevServer(options: TemporalDevServerOptions = {}): Promise<TemporalDevServer> {
  const log = options.log ?? console.log;
  const binary = await ensureTemporalCli(log);
  // Its ports are the kernel's ephemeral ones (freePort), which an outgoing connection may take
  // before the server binds them: then it starts again on others.
  return startOnFreshPortsOnClash('Temporal dev server', log, () => startDevServerOnce(binary, options));
}

async function startDevServerOnce(binary: string, options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const port = options.port ?? (await freePort());
  const uiPort = options.headless ? undefined : (options.uiPort ?? (await freePort()));
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', 'default', '--log-level', 'error'];
  if (uiPort) args.push('--ui-port', String(uiPort));
  else args.push('--headless');
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  // The HTTP API and metrics ports would otherwise be fixed (7243, 7233+...), clashing between stacks.
  args.push('--http-port', String(await freePort()), '--metrics-port', String(await freePort()));
  if (options.longPollSeconds) args.push('--dynamic-config-value', `matching.longPollExpirationInterval="${options.longPollSeconds}s"`);

  // Its own process group: a Ctrl-C at the terminal reaches the launcher alone, which stops the
  // apps first and then this server, in order.
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  let exited = false;
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.on('exit', () => {
    exited = true;
    process.removeListener('exit', killOnExit);
  });

  const address = `127.0.0.1:${port}`;
  await waitFor(
    `Temporal dev server on ${address}`,
    async () => {
      if (exited) throw new Error(`temporal server exited early:\n${stderr}`);
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
      } finally {
        await connection.close();
      }
    },
    120_000,
    300,
  );
  if (exited) throw new Error(`temporal server exited early:\n${stderr}`);

  return {
    address,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
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
