import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { projectRoot } from './paths';

/**
 * Finds the Temporal CLI, building it with `go install` when it is nowhere to be found.
 * v1.5.1 is pinned because later tags carry `replace` directives that `go install` refuses.
 */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export function temporalCliCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEMPORAL_CLI_CACHE_DIR ?? join(projectRoot(), '.cache', 'temporal-cli');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TEMPORAL_CLI_PATH) {
    if (!isExecutable(env.TEMPORAL_CLI_PATH)) {
      throw new Error(`TEMPORAL_CLI_PATH=${env.TEMPORAL_CLI_PATH} is not an executable file`);
    }
    return env.TEMPORAL_CLI_PATH;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'temporal'))) return join(dir, 'temporal');
  }
  const cached = join(temporalCliCacheDir(env), 'temporal');
  return isExecutable(cached) ? cached : undefined;
}

function goAvailable(env: NodeJS.ProcessEnv): boolean {
  return spawnSync('go', ['version'], { stdio: 'ignore', env }).status === 0;
}

function goInstall(cacheDir: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<{ ok: boolean; output: string }> {
  return new Promise((done) => {
    // -v prints each package as it is compiled: that is our progress indicator.
    const child = spawn('go', ['install', '-v', TEMPORAL_CLI_MODULE], {
      env: { ...env, GOBIN: cacheDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let packages = 0;
    let downloads = 0;
    const started = Date.now();
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output = (output + text).slice(-20_000);
      for (const line of text.split('\n')) {
        if (line.startsWith('go: downloading')) downloads += 1;
        else if (line.trim() && !line.startsWith('go:')) packages += 1;
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const ticker = setInterval(() => {
      const secs = Math.round((Date.now() - started) / 1000);
      log(`building Temporal CLI: ${downloads} modules downloaded, ${packages} packages compiled (${secs}s)`);
    }, 10_000);
    child.on('close', (code) => {
      clearInterval(ticker);
      done({ ok: code === 0, output });
    });
  });
}

/** Returns a path to a runnable `temporal` binary, building it into the cache if needed. */
export async function ensureTemporalCli(log: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const found = findTemporalCli(env);
  if (found) return found;
  if (!goAvailable(env)) {
    throw new Error(
      'The Temporal CLI was not found (TEMPORAL_CLI_PATH, PATH, ' + temporalCliCacheDir(env) + ') and Go is not installed to build it.\n' +
        'Install Go (https://go.dev/dl) or the Temporal CLI (https://docs.temporal.io/cli#install), ' +
        'or set TEMPORAL_CLI_PATH to the binary, or TEMPORAL_ADDRESS to an existing Temporal server.',
    );
  }
  const cacheDir = temporalCliCacheDir(env);
  mkdirSync(cacheDir, { recursive: true });
  log(`Temporal CLI not found; building ${TEMPORAL_CLI_MODULE} into ${cacheDir} (a few minutes, once)`);
  let result = await goInstall(cacheDir, env, log);
  if (!result.ok && /sum\.golang\.org|checksum database|verifying module/.test(result.output)) {
    // Machines that reach only the module proxy cannot reach the checksum database.
    log('checksum database unreachable; retrying with GOSUMDB=off (the module proxy alone serves the build)');
    result = await goInstall(cacheDir, { ...env, GOSUMDB: 'off' }, log);
  }
  if (!result.ok) {
    throw new Error(`go install ${TEMPORAL_CLI_MODULE} failed:\n${result.output.slice(-4000)}`);
  }
  const built = join(cacheDir, 'temporal');
  log(`Temporal CLI built: ${built}`);
  return built;
}
