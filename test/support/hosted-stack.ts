import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { AppName } from '../../infra/app-supervisor';
import { projectRoot } from '../../infra/paths';
import type { HostCommand, HostEvent } from '../../infra/stack-host';
import type { Stack, StackOptions } from '../../infra/stack';
import { built } from './built-apps';

/** npm start's stack, run by infra/stack-host.ts in a process of its own, as a suite sees it. */
export interface HostedStack {
  urls: Stack['urls'];
  env: Stack['env'];
  /** Every line the stack logged (the apps' output and the supervisor's), as it comes. */
  logged: string[];
  pidOf(name: AppName): Promise<number | undefined>;
  restartApp(name: AppName, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export interface HostedStackOptions {
  options: Omit<StackOptions, 'log' | 'beforeAppsStart'>;
  /** The host's environment: this process's, without these names, with these set. */
  unset?: string[];
  set?: Record<string, string>;
  /** Runs in the pause between choosing the apps' ports and starting the apps. */
  beforeAppsStart?: (env: Record<string, string>) => Promise<void>;
  logged?: string[];
}

/** Starts the stack (building dist/ first if it is not current); rejects with the launcher's own message if it fails. */
export async function startHostedStack(spec: HostedStackOptions): Promise<HostedStack> {
  await built();
  const env: Record<string, string | undefined> = { ...process.env, ...spec.set };
  for (const name of spec.unset ?? []) delete env[name];
  const host: ChildProcess = fork(join(projectRoot(), 'dist', 'infra', 'stack-host.js'), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const logged = spec.logged ?? [];
  const waiters: Array<(event: HostEvent) => boolean> = [];
  const send = (command: HostCommand) => host.send(command);
  const next = <E extends HostEvent['event']>(name: E) =>
    new Promise<Extract<HostEvent, { event: E }>>((resolveEvent) =>
      waiters.push((event) => {
        if (event.event !== name) return false;
        resolveEvent(event as Extract<HostEvent, { event: E }>);
        return true;
      }),
    );
  host.on('message', (event: HostEvent) => {
    if (event.event === 'log') logged.push(event.line);
    if (event.event === 'beforeAppsStart') {
      void (spec.beforeAppsStart ?? (async () => undefined))(event.env).then(() => send({ cmd: 'continue' }));
    }
    const taker = waiters.findIndex((take) => take(event));
    if (taker >= 0) waiters.splice(taker, 1);
  });
  const exited = new Promise<number | null>((resolveExit) => host.once('exit', (code) => resolveExit(code)));

  send({ cmd: 'start', options: spec.options, pauseBeforeApps: spec.beforeAppsStart !== undefined });
  const outcome = await Promise.race([next('started'), next('failed'), exited.then((code) => ({ event: 'failed' as const, message: `the stack host exited (${code})` }))]);
  if (outcome.event === 'failed') {
    await exited;
    throw new Error(outcome.message);
  }
  const stop = async () => {
    if (host.exitCode !== null || host.signalCode !== null) return;
    send({ cmd: 'stop' });
    await exited;
  };
  return {
    urls: outcome.urls,
    env: outcome.env,
    logged,
    pidOf: async (name) => {
      const answer = next('pids');
      send({ cmd: 'pids' });
      return (await answer).pids[name];
    },
    restartApp: async (name, signal = 'SIGKILL') => {
      const answer = next('restarted');
      send({ cmd: 'restartApp', name, signal });
      await answer;
    },
    stop,
  };
}
