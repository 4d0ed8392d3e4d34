import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, createWriteStream, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, WriteStream } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DEV_S3_ACCESS_KEY_ID, DEV_S3_SECRET_ACCESS_KEY } from '../libs/config/app-config';
import { goAvailable, isExecutable } from './go-install';
import { freePort, waitFor } from './ports';

/**
 * SeaweedFS (Apache-2.0): a real S3-compatible object store, the embedded default for uploaded
 * materials under npm start and the tests. Its `weed mini` runs master, volume server, filer and
 * S3 gateway in one process. The pinned module's go.mod carries a `replace` directive, so
 * `go install module@version` is refused; it is built from the module's own source instead
 * (copied out of the module cache, writable, `go build ./weed`), once, into the cache.
 */
export const SEAWEEDFS_MODULE = 'github.com/seaweedfs/seaweedfs';
export const SEAWEEDFS_VERSION = 'v0.0.0-20261109003541-7506e5f91cd6';

export function seaweedfsCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SEAWEEDFS_CACHE_DIR ?? join(homedir(), '.cache', 'beijing-approvals', 'seaweedfs');
}

/** The binary's place in the cache; the version is in its name, so a new pin builds anew. */
export function seaweedfsBinary(env: NodeJS.ProcessEnv = process.env): string {
  return join(seaweedfsCacheDir(env), `weed-${SEAWEEDFS_VERSION}`);
}

function runGo(args: string[], cwd: string | undefined, env: NodeJS.ProcessEnv, log: (line: string) => void, what: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((done) => {
    const child = spawn('go', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let lines = 0;
    const started = Date.now();
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output = (output + text).slice(-20_000);
      lines += text.split('\n').filter(Boolean).length;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const ticker = setInterval(() => log(`${what}: ${lines} lines of output (${Math.round((Date.now() - started) / 1000)}s)`), 15_000);
    child.on('close', (code) => {
      clearInterval(ticker);
      done({ ok: code === 0, output });
    });
  });
}

/**
 * Builds `weed` into the cache unless it is there. The build runs in a private copy of the module
 * and writes to a private folder beside the binary, renamed into place only when complete: an
 * interrupted build never leaves a half-written binary that the next run would take for good.
 */
export async function ensureSeaweedfs(log: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const binary = seaweedfsBinary(env);
  if (isExecutable(binary)) return binary;
  if (!goAvailable(env)) {
    throw new Error(
      `The embedded object store needs SeaweedFS's weed in ${seaweedfsCacheDir(env)}, and Go (https://go.dev/dl) to build it.\n` +
        'Install Go, or set S3_ENDPOINT (with S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_BUCKET) to an existing S3-compatible store.',
    );
  }
  log(`SeaweedFS not found; building ${SEAWEEDFS_MODULE}@${SEAWEEDFS_VERSION} into ${dirname(binary)} (many minutes on 2 cores, once)`);
  // The module proxy alone serves the build (no checksum database); -mod=mod lets go fill go.sum gaps.
  const goEnv = { ...env, GOSUMDB: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
  const download = spawnSync('go', ['mod', 'download', '-json', `${SEAWEEDFS_MODULE}@${SEAWEEDFS_VERSION}`], { env: goEnv, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (download.status !== 0) throw new Error(`go mod download ${SEAWEEDFS_MODULE}@${SEAWEEDFS_VERSION} failed:\n${download.stdout}${download.stderr}`);
  const { Dir: moduleDir } = JSON.parse(download.stdout) as { Dir: string };
  mkdirSync(dirname(binary), { recursive: true });
  const building = mkdtempSync(join(dirname(binary), '.building-'));
  const source = mkdtempSync(join(tmpdir(), 'seaweedfs-src-'));
  try {
    // The module cache is read-only and holds the go.mod whose replace directive needs go to write go.sum.
    cpSync(moduleDir, source, { recursive: true });
    makeWritable(source);
    const result = await runGo(['build', '-o', join(building, 'weed'), './weed'], source, goEnv, log, 'building SeaweedFS');
    if (!result.ok) throw new Error(`go build ./weed (SeaweedFS ${SEAWEEDFS_VERSION}) failed:\n${result.output.slice(-4000)}`);
    renameSync(join(building, 'weed'), binary);
    log(`SeaweedFS built: ${binary}`);
    return binary;
  } finally {
    rmSync(building, { recursive: true, force: true });
    rmSync(source, { recursive: true, force: true });
  }
}

function makeWritable(path: string): void {
  const stats = statSync(path);
  chmodSync(path, stats.mode | 0o200);
  if (stats.isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry));
}

/** The S3 gateway's identities: one with every right on the store, under the given keys. */
export function s3IdentitiesConfig(accessKeyId: string, secretAccessKey: string): string {
  return `${JSON.stringify(
    { identities: [{ name: 'approvals', credentials: [{ accessKey: accessKeyId, secretKey: secretAccessKey }], actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'] }] },
    null,
    2,
  )}\n`;
}

export interface SeaweedfsOptions {
  /** Kept between runs (npm start: .data/seaweedfs); a fresh temporary folder otherwise. */
  dataDir?: string;
  /** The S3 gateway's port (a free one when absent or taken). */
  port?: number;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Appends the server's output here; kept in memory only when absent. */
  logFile?: string;
  log?: (line: string) => void;
}

export interface ObjectStore {
  /** The S3 endpoint: http://127.0.0.1:<port>. */
  url: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

/** A client of the store as the API will use it (path-style, the given keys). */
export function objectStoreClient(store: Pick<ObjectStore, 'url' | 'region' | 'accessKeyId' | 'secretAccessKey'>): S3Client {
  return new S3Client({
    endpoint: store.url,
    region: store.region,
    forcePathStyle: true,
    credentials: { accessKeyId: store.accessKeyId, secretAccessKey: store.secretAccessKey },
  });
}

/**
 * Builds (once) and starts SeaweedFS on loopback with its S3 gateway, the bucket created; resolves
 * once the bucket answers through S3 with the configured keys.
 */
export async function startSeaweedfs(options: SeaweedfsOptions): Promise<ObjectStore> {
  const log = options.log ?? console.log;
  const binary = await ensureSeaweedfs(log);
  const accessKeyId = options.accessKeyId ?? DEV_S3_ACCESS_KEY_ID;
  const secretAccessKey = options.secretAccessKey ?? DEV_S3_SECRET_ACCESS_KEY;
  const configDir = mkdtempSync(join(tmpdir(), 'seaweedfs-'));
  const dataDir = options.dataDir ?? join(configDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const s3Config = join(configDir, 's3.json');
  writeFileSync(s3Config, s3IdentitiesConfig(accessKeyId, secretAccessKey), { mode: 0o600 });
  const port = options.port ?? (await freePort());
  // Every port named: mini's defaults (9333, 8888 …) would clash between stacks on one machine.
  const [master, volume, filer] = [await freePort(), await freePort(), await freePort()];
  const grpc = async () => String(await freePort());
  const args = [
    'mini',
    '-ip=127.0.0.1',
    '-ip.bind=127.0.0.1',
    `-dir=${dataDir}`,
    `-s3.config=${s3Config}`,
    `-bucket=${options.bucket}`,
    `-s3.port=${port}`,
    `-s3.port.grpc=${await grpc()}`,
    '-s3.port.iceberg=0',
    '-s3.port.lance=0',
    `-master.port=${master}`,
    `-master.port.grpc=${await grpc()}`,
    '-master.telemetry=false',
    `-volume.port=${volume}`,
    `-volume.port.grpc=${await grpc()}`,
    `-filer.port=${filer}`,
    `-filer.port.grpc=${await grpc()}`,
    '-webdav=false',
    '-admin.ui=false',
  ];
  let logFile: WriteStream | undefined;
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    logFile = createWriteStream(options.logFile, { flags: 'a' });
  }
  const child = spawn(binary, args, { env: { PATH: process.env.PATH ?? '', HOME: configDir }, stdio: ['ignore', 'pipe', 'pipe'], detached: true, cwd: configDir });
  let tail = '';
  const onData = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8000);
    logFile?.write(chunk);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = false;
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.on('exit', () => {
    exited = true;
    process.removeListener('exit', killOnExit);
  });
  const stop = () =>
    new Promise<void>((resolveStop) => {
      const finish = () => {
        logFile?.end();
        rmSync(configDir, { recursive: true, force: true });
        resolveStop();
      };
      if (exited) return finish();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(killer);
        finish();
      });
      child.kill('SIGTERM');
    });
  const url = `http://127.0.0.1:${port}`;
  const store: ObjectStore = { url, region: 'us-east-1', bucket: options.bucket, accessKeyId, secretAccessKey, stop };
  const client = objectStoreClient(store);
  try {
    await waitFor(
      `SeaweedFS S3 gateway on ${url}`,
      async () => {
        if (exited) return;
        try {
          await client.send(new HeadBucketCommand({ Bucket: options.bucket }));
        } catch (error) {
          // Up, but the bucket not yet made by mini's start-up: make it.
          if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) {
            await client.send(new CreateBucketCommand({ Bucket: options.bucket })).catch(() => undefined);
          }
          throw error;
        }
      },
      120_000,
      300,
    );
    if (exited) throw new Error(`SeaweedFS exited early:\n${tail}`);
    return store;
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${tail.slice(-3000)}`);
  } finally {
    client.destroy();
  }
}
