import { ChildProcess, spawn } from 'node:child_process';

export type AppName = 'departments' | 'worker' | 'api' | 'oidc';

/** What an app tells the launcher over its IPC channel once it is up (apps/<app>/src/main.ts). */
export interface AppReport {
  /** The address the app's HTTP server actually bound. */
  listening?: string;
  /** The worker: the task queue it polls. */
  polling?: string;
}

/** How an app that dies on its own is started again. */
export interface RestartPolicy {
  /** Delay before the first restart; it doubles with each further crash in a row. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** An app that ran at least this long before dying is not crash-looping: back to firstDelayMs. */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { firstDelayMs: 1000, maxDelayMs: 30_000, stableAfterMs: 60_000 };

/** The wait before restarting an app that has now crashed `crashesInARow` times in a row (1 for the first). */
export function restartDelayMs(policy: RestartPolicy, crashesInARow: number): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, crashesInARow - 1));
}

const TITLES: Record<AppName, string> = { api: 'the API', worker: 'the worker', departments: "the departments' services", oidc: 'the embedded OpenID provider' };
const OUTPUT_LINES_KEPT = 12;

const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

/**
 * One app of the stack as a child process, supervised: it is started, reports the address it
 * bound, and if it dies without being asked to it is logged and started again with backoff.
 * A kill the launcher asked for (stop, restart) is never taken for a crash.
 */
export class SupervisedApp {
  private child?: ChildProcess;
  /** The processes the launcher itself is killing: their exit is no crash. */
  private readonly asked = new WeakSet<ChildProcess>();
  private restartTimer?: NodeJS.Timeout;
  private crashesInARow = 0;
  private stopping = false;
  /** Until the stack is up, a death fails the start instead of being restarted. */
  private supervising = false;
  private lastReport?: AppReport;

  constructor(
    readonly name: AppName,
    private readonly entry: string,
    private readonly env: Record<string, string>,
    private readonly log: (line: string) => void,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** What the app reported when it came up (the address it bound). */
  get report(): AppReport | undefined {
    return this.lastReport;
  }

  /**
   * Starts the app and resolves with its report once it is up; rejects with its own last words
   * if it dies (or fails to bind its port) first.
   */
  start(): Promise<AppReport> {
    return this.launch();
  }

  /** From now on an unexpected death is logged and restarted rather than failing the start. */
  supervise(): void {
    this.supervising = true;
  }

  /** No restart from now on (the stack is stopping); a pending one is cancelled. */
  holdRestarts(): void {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
  }

  /** Kills the app with `signal` as the launcher's own act, waits for it to die, and starts a fresh one. */
  async restart(signal: NodeJS.Signals): Promise<void> {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const child = this.child;
    if (child) await this.kill(child, signal);
    if (this.stopping) return;
    this.launch().catch(() => undefined); // a failure to come back is logged by the exit handler
  }

  /** SIGTERM, then SIGKILL after 15 s; nothing is restarted afterwards. */
  async stop(): Promise<void> {
    this.holdRestarts();
    const child = this.child;
    if (!child) return;
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await this.kill(child, 'SIGTERM');
    clearTimeout(killer);
  }

  private kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    this.asked.add(child);
    return new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill(signal);
    });
  }

  private launch(): Promise<AppReport> {
    const started = Date.now();
    // Its own process group: a Ctrl-C at the terminal reaches the launcher alone, which then stops
    // the apps in order. The IPC channel carries the app's report and, should the launcher die
    // without stopping it, tells the app to go too (see main.ts).
    const child = spawn(process.execPath, ['--enable-source-maps', this.entry], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    this.child = child;
    const output: string[] = [];
    const relay = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        this.log(`[${this.name}] ${line}`);
        output.push(line);
        if (output.length > OUTPUT_LINES_KEPT * 4) output.splice(0, output.length - OUTPUT_LINES_KEPT * 4);
      }
    };
    child.stdout?.on('data', relay);
    child.stderr?.on('data', relay);
    // Should the launcher exit without stopping the app, take it down rather than orphan it.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);

    return new Promise<AppReport>((resolveUp, rejectUp) => {
      let up = false;
      child.on('message', (message: AppReport) => {
        if (up || !message || (!message.listening && !message.polling)) return;
        up = true;
        this.lastReport = message;
        if (this.supervising) this.log(`[${this.name}] restarted: ${message.listening ? `listening on ${message.listening}` : `polling "${message.polling}"`}`);
        resolveUp(message);
      });
      child.on('error', (error) => {
        if (!up) rejectUp(new Error(`${TITLES[this.name]} could not be started: ${error.message}`));
      });
      child.on('exit', (code, signal) => {
        process.removeListener('exit', killOnExit);
        if (this.child === child) this.child = undefined;
        const asked = this.asked.has(child);
        if (!up) rejectUp(this.failedToStart(code, signal, output));
        if (asked || this.stopping) return;
        if (!this.supervising) return; // the start fails (above); the stack stops what it began
        const ranMs = Date.now() - started;
        if (ranMs >= this.policy.stableAfterMs) this.crashesInARow = 0;
        this.crashesInARow += 1;
        const delay = restartDelayMs(this.policy, this.crashesInARow);
        const tail = up ? '' : ` before coming up (${this.lastWords(output).slice(-3).join(' / ')})`;
        this.log(`[${this.name}] exited unexpectedly (${describeExit(code, signal)}) after ${secs(ranMs)}${tail}; restarting in ${secs(delay)}`);
        this.restartTimer = setTimeout(() => {
          this.restartTimer = undefined;
          if (!this.stopping) this.launch().catch(() => undefined);
        }, delay);
      });
    });
  }

  /** The app's last lines, without colours, keeping the ones that say what went wrong (not stack frames). */
  private lastWords(output: string[]): string[] {
    // eslint-disable-next-line no-control-regex
    const plain = output.map((line) => line.replace(/\x1b\[[0-9;]*m/g, ''));
    return plain.filter((line) => !/^\s+at /.test(line)).slice(-OUTPUT_LINES_KEPT);
  }

  private failedToStart(code: number | null, signal: NodeJS.Signals | null, output: string[]): Error {
    const words = this.lastWords(output);
    const cause = words.map((line) => /\b(?:Error|error TS\d+): (.*)$/.exec(line)?.[1] ?? /^(Invalid configuration:.*)$/.exec(line)?.[1]).find(Boolean);
    const port = /EADDRINUSE.*:(\d+)$/.exec(cause ?? '')?.[1];
    return new Error(
      [
        `${TITLES[this.name]} did not start${cause ? `: ${cause}` : ''} (${describeExit(code, signal)}, before it was up).`,
        ...(port
          ? [`  Port ${port} was free when the launcher checked it, and another program took it before ${TITLES[this.name]} could bind it. Stop that program, or choose another port (API_PORT, DEPARTMENTS_PORT).`]
          : []),
        `  Its last output:`,
        ...(words.length ? words : ['(none)']).map((line) => `    ${line}`),
      ].join('\n'),
    );
  }
}
