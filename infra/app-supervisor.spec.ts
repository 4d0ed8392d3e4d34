import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RESTART_POLICY, restartDelayMs, SupervisedApp } from './app-supervisor';

describe('restartDelayMs', () => {
  it('waits 1 s after a crash, doubling with each crash in a row up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => restartDelayMs(DEFAULT_RESTART_POLICY, n))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });
});

/** A stand-in app: reports as main.ts does, then lives `lifeMs` (or forever) and dies with exit code 3. */
function fakeApp(script: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'supervised-')), 'main.js');
  writeFileSync(file, script);
  return file;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (what: string, ok: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
};

describe('SupervisedApp', () => {
  const policy = { firstDelayMs: 100, maxDelayMs: 400, stableAfterMs: 60_000 };

  it('reports the address the app says it bound, restarts it with backoff when it dies on its own, and not once stopped', async () => {
    const entry = fakeApp(`process.send({ listening: 'http://127.0.0.1:' + (4000 + (process.pid % 1000)) }); setTimeout(() => process.exit(3), 150);`);
    const log: string[] = [];
    const app = new SupervisedApp('api', entry, {}, (line) => log.push(line), policy);
    const report = await app.start();
    expect(report.listening).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    app.supervise();
    await until('three restarts', () => log.filter((l) => l.startsWith('[api] restarted: listening on http://127.0.0.1:')).length >= 3);
    const crashes = log.filter((l) => l.includes('exited unexpectedly'));
    expect(crashes.slice(0, 3)).toEqual([
      expect.stringMatching(/^\[api\] exited unexpectedly \(exit code 3\) after \d+\.\d s; restarting in 0\.1 s$/),
      expect.stringMatching(/restarting in 0\.2 s$/),
      expect.stringMatching(/restarting in 0\.4 s$/),
    ]);
    await app.stop();
    const after = log.length;
    await sleep(800);
    expect(log.slice(after)).toEqual([]);
    expect(app.pid).toBeUndefined();
  });

  it('fails the start, with the app’s own words, when it dies before it is up', async () => {
    const entry = fakeApp(`console.error('Error: listen EADDRINUSE: address already in use 127.0.0.1:3000'); process.exit(1);`);
    const app = new SupervisedApp('api', entry, {}, () => undefined, policy);
    await expect(app.start()).rejects.toThrow(
      /^the API did not start: listen EADDRINUSE: address already in use 127\.0\.0\.1:3000 \(exit code 1, before it was up\)\.\n {2}Port 3000 was free when the launcher checked it/,
    );
  });

  it('a kill the launcher asks for is no crash: the app comes back once, at once', async () => {
    const entry = fakeApp(`process.send({ polling: 'approvals' }); setInterval(() => {}, 1000);`);
    const log: string[] = [];
    const app = new SupervisedApp('worker', entry, {}, (line) => log.push(line), policy);
    await app.start();
    app.supervise();
    const first = app.pid;
    await app.restart('SIGKILL');
    expect(app.pid).not.toBe(first);
    await until('the restart', () => log.includes('[worker] restarted: polling "approvals"'));
    await sleep(500);
    expect(log.filter((l) => l.includes('exited unexpectedly') || l.includes('restarted'))).toEqual(['[worker] restarted: polling "approvals"']);
    await app.stop();
  });
});
