import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One Go program built from the module proxy by `go install module@version`. */
export interface GoProgram {
  /** What the progress lines call it: "Temporal CLI". */
  what: string;
  /** `path/to/cmd@version`, pinned. */
  module: string;
  /** Where the binary ends up (go install names it after the package's folder, often `server`). */
  binary: string;
  /** Set for this build only, e.g. GOTOOLCHAIN=local. */
  env?: Record<string, string>;
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function goAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return spawnSync('go', ['version'], { stdio: 'ignore', env }).status === 0;
}

function runGoInstall(program: GoProgram, gobin: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<{ ok: boolean; output: string }> {
  return new Promise((done) => {
    // -v prints each package as it is compiled: that is our progress indicator.
    const child = spawn('go', ['install', '-v', program.module], {
      env: { ...env, ...program.env, GOBIN: gobin },
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
      log(`building ${program.what}: ${downloads} modules downloaded, ${packages} packages compiled (${secs}s)`);
    }, 10_000);
    child.on('close', (code) => {
      clearInterval(ticker);
      done({ ok: code === 0, output });
    });
  });
}

/**
 * Builds the program into `program.binary`. The build goes to a private folder beside it and is
 * renamed into place only when complete, so an interrupted build or two builds at once never
 * leave a half-written binary where the next run would take it for a good one.
 */
export async function goInstall(program: GoProgram, log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const folder = dirname(program.binary);
  mkdirSync(folder, { recursive: true });
  const gobin = mkdtempSync(join(folder, '.building-'));
  try {
    let result = await runGoInstall(program, gobin, env, log);
    if (!result.ok && /sum\.golang\.org|checksum database|verifying module/.test(result.output)) {
      // Machines that reach only the module proxy cannot reach the checksum database.
      log('checksum database unreachable; retrying with GOSUMDB=off (the module proxy alone serves the build)');
      result = await runGoInstall(program, gobin, { ...env, GOSUMDB: 'off' }, log);
    }
    if (!result.ok) throw new Error(`go install ${program.module} failed:\n${result.output.slice(-4000)}`);
    const [built] = readdirSync(gobin);
    if (!built) throw new Error(`go install ${program.module} succeeded but left no binary in ${gobin}`);
    renameSync(join(gobin, built), program.binary);
    log(`${program.what} built: ${program.binary}`);
    return program.binary;
  } finally {
    rmSync(gobin, { recursive: true, force: true });
  }
}
