import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../infra/paths';

const SOURCES = ['apps', 'libs', 'activities', 'workflows', 'infra'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx|js|json|css|html|svg)$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** dist/ as npm run build leaves it (the workflow bundle is written last), no older than any source. */
function distIsCurrent(root: string): boolean {
  const marker = join(root, 'dist', 'workflow-bundle.js');
  if (!existsSync(marker) || !existsSync(join(root, 'dist', 'apps', 'api', 'src', 'main.js'))) return false;
  const built = statSync(marker).mtimeMs;
  return SOURCES.every((dir) => newestSource(join(root, dir)) <= built);
}

/**
 * The apps as npm start runs them, from dist/: suites that start the apps as child processes call
 * this first. It builds (npm run build) only when dist/ is missing or older than a source, and one
 * suite at a time (a lock folder), so suites running side by side never build over each other.
 */
export async function built(): Promise<void> {
  const root = projectRoot();
  const lock = join(root, '.cache', 'build.lock');
  mkdirSync(join(root, '.cache'), { recursive: true });
  for (;;) {
    if (distIsCurrent(root)) return;
    try {
      mkdirSync(lock);
    } catch {
      // Another suite is building; a lock older than 10 minutes is left from a run that died.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      if (distIsCurrent(root)) return;
      await new Promise<void>((resolveBuilt, rejectBuilt) =>
        execFile('npm', ['run', 'build', '--silent'], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
          error ? rejectBuilt(new Error(`npm run build failed:\n${stdout}${stderr}`)) : resolveBuilt(),
        ),
      );
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

