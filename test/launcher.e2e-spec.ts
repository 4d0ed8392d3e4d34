import { ChildProcess, spawn } from 'node:child_process';
import { createServer as createHttpServer, Server } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../infra/paths';
import { freePort } from '../infra/ports';
import { built } from './support/built-apps';
import { startHostedStack } from './support/hosted-stack';
import { eventually } from './support/http';

/** Another program on a port: it even answers /health with 200, as a stale dev server would. */
async function impostor(port: number): Promise<Server> {
  const server = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","impostor":true}'));
  await new Promise<void>((resolveListen, rejectListen) => server.once('error', rejectListen).listen(port, '127.0.0.1', resolveListen));
  return server;
}
const close = (server?: Server) => new Promise<void>((resolveClose) => (server ? server.close(() => resolveClose()) : resolveClose()));

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolveOpen(true);
    });
    socket.once('error', () => resolveOpen(false));
  });
}

/** `node dist/infra/start.js` (npm start without the build) against the shared stack's Postgres and Temporal, on a task queue of its own. */
function npmStart(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'infra', 'start.js')], {
    env: { ...process.env, TEMPORAL_TASK_QUEUE: `launcher-${Date.now().toString(36)}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return { child, output: () => output, exited };
}
const printed = (output: string, label: string) => new RegExp(`^  ${label}\\s+(\\S+)`, 'm').exec(output)?.[1];

beforeAll(() => built(), 300_000);

describe('the launcher prints only addresses its own apps bound', () => {
  it('a port taken between the check and the bind fails the start with the API’s own error, and stops everything it started', async () => {
    let taken: Server | undefined;
    let env: Record<string, string> = {};
    const logged: string[] = [];
    try {
      const started = startHostedStack({
        options: { persistent: false, apps: 'children' },
        unset: ['DATABASE_URL', 'DEPARTMENTS_DATABASE_URL', 'TEMPORAL_ADDRESS'],
        logged,
        // The race, made certain: the launcher has checked API_PORT is free; another program takes it now.
        beforeAppsStart: async (chosen) => {
          env = chosen;
          taken = await impostor(Number(chosen.API_PORT));
        },
      });
      const failure = await started.then(
        async (stack) => {
          await stack.stop(); // started on someone else's port: the bug this test is about
          return 'started';
        },
        (error: Error) => error.message,
      );
      expect(failure).toMatch(
        new RegExp(
          `^the API did not start: listen EADDRINUSE: address already in use 127\\.0\\.0\\.1:${env.API_PORT} \\(exit code 1, before it was up\\)\\.\\n` +
            `  Port ${env.API_PORT} was free when the launcher checked it, and another program took it before the API could bind it\\.`,
        ),
      );
      // Nothing it started is left running: the departments' services, Temporal, Postgres.
      const postgresPort = Number(/:(\d+)\//.exec(env.DATABASE_URL)![1]);
      const temporalPort = Number(env.TEMPORAL_ADDRESS.split(':')[1]);
      expect(await Promise.all([Number(env.DEPARTMENTS_PORT), temporalPort, postgresPort].map(listening))).toEqual([false, false, false]);
      // And nothing came up as the API: the impostor still holds its port.
      expect(logged.some((line) => /^\[api\] .*listening/i.test(line))).toBe(false);
      expect(await (await fetch(`http://127.0.0.1:${env.API_PORT}/health`)).json()).toMatchObject({ impostor: true });
    } finally {
      await close(taken);
    }
  }, 180_000);

  it('npm start: preferred ports held by others, it prints the addresses its apps bound, which answer as ours; Ctrl-C stops them, restarting nothing', async () => {
    const apiPort = await freePort();
    const departmentsPort = await freePort();
    const held = [await impostor(apiPort), await impostor(departmentsPort)];
    try {
      // No provider named (the suite's own stack names its provider): npm start runs the embedded one.
      const start = npmStart({ API_PORT: String(apiPort), DEPARTMENTS_PORT: String(departmentsPort), AUTH_OIDC_DISCOVERY_URL: '', AUTH_JWT_ISSUER: '' });
      await eventually('npm start to be ready', async () => (/Press Ctrl-C/.test(start.output()) ? true : start.child.exitCode !== null ? true : undefined), 120_000);
      const output = start.output();
      expect(output).toMatch(/Ready in/);
      const api = printed(output, 'API')!;
      const departments = printed(output, "Departments' services")!;
      expect([api, departments]).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/)]);
      expect([new URL(api).port, new URL(departments).port]).not.toContain(String(apiPort));
      expect([new URL(api).port, new URL(departments).port]).not.toContain(String(departmentsPort));
      expect(printed(output, 'Health')).toBe(`${api}/health/ready`);
      // What answers there is ours, ready, not an impostor.
      expect(await (await fetch(`${api}/health/ready`)).json()).toMatchObject({ status: 'ok', checks: { worker: 'up', departments: 'up' } });
      expect(await (await fetch(`${departments}/health`)).json()).toEqual({ status: 'ok' });
      // The embedded OpenID provider, where the API's consoles sign in.
      const oidc = printed(output, 'OpenID provider')!;
      expect(oidc).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${oidc}/.well-known/openid-configuration`)).json()).toMatchObject({ issuer: oidc, code_challenge_methods_supported: ['S256'] });
      expect(await (await fetch(`${api}/auth/config`)).json()).toMatchObject({ authority: oidc, devLogin: true });

      start.child.kill('SIGINT');
      expect(await start.exited).toBe(0);
      expect(start.output()).toMatch(/SIGINT: stopping API, worker, departments, Temporal and Postgres …\nstopped\.\n$/);
      expect(start.output()).not.toMatch(/exited unexpectedly|\] restarted/);
      expect(await Promise.all([new URL(api).port, new URL(departments).port, new URL(oidc).port].map((port) => listening(Number(port))))).toEqual([false, false, false]);
    } finally {
      await Promise.all(held.map(close));
    }
  }, 180_000);

  it('npm start: an app that cannot bind its address fails the start, naming it and why, exits non-zero and leaves nothing running', async () => {
    const departmentsPort = await freePort();
    // 192.0.2.1 (TEST-NET-1) is no address of this machine: the API's bind fails whatever the port.
    const start = npmStart({ API_HOST: '192.0.2.1', DEPARTMENTS_PORT: String(departmentsPort) });
    expect(await start.exited).toBe(1);
    expect(start.output()).toMatch(/^the API did not start: listen EADDRNOTAVAIL: address not available 192\.0\.2\.1:\d+ \(exit code 1, before it was up\)\.$/m);
    expect(start.output()).not.toMatch(/Ready in/);
    expect(await listening(departmentsPort)).toBe(false);
  }, 180_000);
});
