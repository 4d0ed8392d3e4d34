import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { goAvailable, goInstall, isExecutable } from './go-install';

/**
 * Helm, for linting and rendering the chart in infra/helm (npm run helm:check). Helm is not on
 * npm; v3.22.0's go.mod has no `replace` directives, so `go install …@version` builds it from
 * the module proxy (about 3 minutes on 2 cores, once).
 */
export const HELM_VERSION = '3.22.0';
export const HELM_MODULE = `helm.sh/helm/v3/cmd/helm@v${HELM_VERSION}`;

/** Outside the clone, like the Temporal builds in CI, so every clone on a machine shares it. */
export function helmCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HELM_CACHE_DIR ?? join(env.HOME ?? homedir(), '.cache', 'beijing-approvals', 'helm');
}

/** The version is in the name, so a new pin builds anew instead of running an old binary. */
export function cachedHelmPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(helmCacheDir(env), `helm-${HELM_VERSION}`);
}

/**
 * HELM_PATH when set (it must be executable), else the pinned build in the cache. A `helm` on
 * PATH is not taken: another version may lint or render differently from what CI checks.
 */
export function findHelm(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.HELM_PATH) {
    if (!isExecutable(env.HELM_PATH)) throw new Error(`HELM_PATH=${env.HELM_PATH} is not an executable file`);
    return env.HELM_PATH;
  }
  const cached = cachedHelmPath(env);
  return isExecutable(cached) ? cached : undefined;
}

/** Returns a path to a runnable Helm, building the pinned version into the cache if needed. */
export async function ensureHelm(log: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const found = findHelm(env);
  if (found) return found;
  const binary = cachedHelmPath(env);
  if (!goAvailable(env)) {
    throw new Error(
      `Helm v${HELM_VERSION} was not found (HELM_PATH, ${binary}) and Go is not installed to build it.\n` +
        'Install Go (https://go.dev/dl), or set HELM_PATH to a helm v3 binary (https://helm.sh/docs/intro/install/).',
    );
  }
  log(`Helm not found; building ${HELM_MODULE} into ${dirname(binary)} (about 3 min on 2 cores, once)`);
  // GOTOOLCHAIN=local: build with the Go that is here, or fail naming the version the tag needs.
  return goInstall({ what: `Helm v${HELM_VERSION}`, module: HELM_MODULE, binary, env: { GOTOOLCHAIN: 'local' } }, log, env);
}
