import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths';

export const CONSOLE_SOURCE = join(projectRoot(), 'apps', 'console');
export const CONSOLE_OUT = join(projectRoot(), 'dist', 'console');

/**
 * The role consoles (apps/console: React, Ant Design, ECharts) as the API serves them at
 * /console/: one minified script and stylesheet, the page and its icon. The page keeps a
 * placeholder for the per-response CSP nonce, which the API fills in (api.bootstrap.ts).
 */
export async function buildConsole(out = CONSOLE_OUT): Promise<string> {
  // Built aside and moved in whole, so a suite running beside this build never serves half of it.
  const aside = `${out}.building-${process.pid}`;
  rmSync(aside, { recursive: true, force: true });
  mkdirSync(aside, { recursive: true });
  await build({
    entryPoints: { app: join(CONSOLE_SOURCE, 'src', 'main.tsx') },
    outdir: aside,
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    // Chromium, Firefox and Safari of the last three years: what government desktops and phones run.
    target: ['chrome110', 'firefox115', 'safari16'],
    jsx: 'automatic',
    tsconfig: join(CONSOLE_SOURCE, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'favicon.svg']) copyFileSync(join(CONSOLE_SOURCE, file), join(aside, file));
  rmSync(out, { recursive: true, force: true });
  renameSync(aside, out);
  return out;
}

/** The newest modification under a folder (what the console bundles: its source and libs/). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

/** Builds the consoles when dist/console is missing or older than their sources (the test stacks call this). */
export async function ensureConsoleBuilt(out = CONSOLE_OUT): Promise<void> {
  const built = join(out, 'app.js');
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(newest(CONSOLE_SOURCE), newest(join(projectRoot(), 'libs')))) return;
  await buildConsole(out);
}

if (require.main === module) {
  const started = Date.now();
  buildConsole()
    .then((out) => console.log(`consoles written to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
