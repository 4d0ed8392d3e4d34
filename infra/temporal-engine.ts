import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startTemporalDevServer, TemporalDevServer } from './temporal-dev-server';
import { startTemporalServer, TEMPORAL_SERVER_VERSION } from './temporal-server';

/**
 * Which Temporal the stack starts when TEMPORAL_ADDRESS names none: `dev` (the default) is
 * `temporal server start-dev`, one process on SQLite with one history shard; `server` is
 * Temporal's production server on the stack's PostgreSQL, with several history shards.
 */
export type TemporalEngine = 'dev' | 'server';

export function temporalEngineFrom(env: NodeJS.ProcessEnv = process.env): TemporalEngine {
  const value = env.TEMPORAL_ENGINE?.trim() || 'dev';
  if (value === 'dev' || value === 'server') return value;
  throw new Error(`TEMPORAL_ENGINE=${env.TEMPORAL_ENGINE} is not an engine: use dev (temporal server start-dev, the default) or server (Temporal's production server on PostgreSQL)`);
}

export function describeEngine(engine: TemporalEngine): string {
  return engine === 'server' ? `Temporal server v${TEMPORAL_SERVER_VERSION} on PostgreSQL` : 'Temporal dev server';
}

/**
 * Kept data belongs to the engine that wrote it: the dev server's cases are in .data/temporal.sqlite,
 * the production server's in Postgres. Starting the other one would show the read model's open
 * cases with no workflow behind them, so it is refused until the operator chooses.
 */
export function claimDataForEngine(dataDir: string, engine: TemporalEngine): void {
  const marker = join(dataDir, 'temporal-engine');
  // A folder from before this setting has no marker: its SQLite file says the dev server wrote it.
  const recorded = (existsSync(marker) && readFileSync(marker, 'utf8').trim()) || (existsSync(join(dataDir, 'temporal.sqlite')) ? 'dev' : undefined);
  if (recorded && recorded !== engine) {
    throw new Error(
      `${dataDir} holds cases run by TEMPORAL_ENGINE=${recorded}; this start asks for TEMPORAL_ENGINE=${engine}, whose Temporal has none of their workflows.\n` +
        `Start with TEMPORAL_ENGINE=${recorded} to go on with them, or move ${dataDir} away to begin afresh with ${engine}.`,
    );
  }
  mkdirSync(dirname(marker), { recursive: true });
  writeFileSync(marker, `${engine}\n`);
}

export interface OwnTemporalOptions {
  engine: TemporalEngine;
  /** The stack's Postgres server (no database): the production server keeps its databases there. */
  postgresUrl: string;
  /** Kept data (npm start): the dev server's SQLite file and the production server's log go here. */
  dataDir?: string;
  namespace: string;
  port: number;
  uiPort: number;
  headless: boolean;
  longPollSeconds: number;
  log: (line: string) => void;
}

/** Starts the chosen engine; both answer with the same shape. */
export function startOwnTemporal(options: OwnTemporalOptions): Promise<TemporalDevServer> {
  const { engine, dataDir, ...common } = options;
  if (engine === 'server') {
    return startTemporalServer({
      ...common,
      // Two stacks on one Postgres (DATABASE_URL) each need Temporal databases of their own.
      database: process.env.TEMPORAL_SERVER_DATABASE,
      logFile: dataDir ? join(dataDir, 'temporal-server.log') : undefined,
    });
  }
  return startTemporalDevServer({ ...common, dbFile: dataDir ? join(dataDir, 'temporal.sqlite') : undefined });
}
