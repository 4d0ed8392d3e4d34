import { delimiter, join } from 'node:path';
import { goAvailable, goInstall, isExecutable } from './go-install';
import { projectRoot } from './paths';

/**
 * Finds the Temporal CLI, building it with `go install` when it is nowhere to be found.
 * v1.5.1 is pinned because later tags carry `replace` directives that `go install` refuses.
 */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export function temporalCliCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEMPORAL_CLI_CACHE_DIR ?? join(projectRoot(), '.cache', 'temporal-cli');
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
  log(`Temporal CLI not found; building ${TEMPORAL_CLI_MODULE} into ${cacheDir} (a few minutes, once)`);
  return goInstall({ what: 'Temporal CLI', module: TEMPORAL_CLI_MODULE, binary: join(cacheDir, 'temporal') }, log, env);
}
