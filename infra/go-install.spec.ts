import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goInstall } from './go-install';

/** A `go` on PATH that plays `go install`: writes a binary named `server` into GOBIN, or fails. */
function fakeGo(script: string): NodeJS.ProcessEnv {
  const bin = mkdtempSync(join(tmpdir(), 'fake-go-'));
  writeFileSync(join(bin, 'go'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, 'go'), 0o755);
  return { PATH: `${bin}:/usr/bin:/bin` };
}

describe('go install into the cache', () => {
  it('puts the built program under the name asked for (go install names every cmd/server "server")', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'go-install-spec-'));
    const env = fakeGo('echo "example.com/cmd/server"; echo "built with GOTOOLCHAIN=$GOTOOLCHAIN" > "$GOBIN/server"');
    const binary = join(cache, 'temporal-server-1.0.0');
    await expect(goInstall({ what: 'a program', module: 'example.com/cmd/server@v1.0.0', binary, env: { GOTOOLCHAIN: 'local' } }, () => undefined, env)).resolves.toBe(binary);
    expect(readFileSync(binary, 'utf8').trim()).toBe('built with GOTOOLCHAIN=local');
    expect(readdirSync(cache)).toEqual(['temporal-server-1.0.0']);
  });

  it('leaves nothing behind when the build fails, and says why', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'go-install-spec-'));
    const env = fakeGo('echo "$GOBIN" > /dev/null; echo "partial" > "$GOBIN/server"; echo "go: example.com@v1.0.0 requires go >= 9.9 (running go 1.0; GOTOOLCHAIN=local)" >&2; exit 1');
    const binary = join(cache, 'program');
    await expect(goInstall({ what: 'a program', module: 'example.com/cmd/server@v1.0.0', binary }, () => undefined, env)).rejects.toThrow(/go install example.com\/cmd\/server@v1.0.0 failed:[\s\S]*requires go >= 9.9/);
    expect(existsSync(binary)).toBe(false);
    expect(readdirSync(cache)).toEqual([]);
  });

  it('retries without the checksum database when it cannot be reached', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'go-install-spec-'));
    const env = fakeGo('if [ "$GOSUMDB" = off ]; then echo ok > "$GOBIN/server"; else echo "verifying module: Get https://sum.golang.org/lookup: dial tcp: i/o timeout" >&2; exit 1; fi');
    const lines: string[] = [];
    await goInstall({ what: 'a program', module: 'example.com/cmd/server@v1.0.0', binary: join(cache, 'program') }, (line) => lines.push(line), env);
    expect(readFileSync(join(cache, 'program'), 'utf8').trim()).toBe('ok');
    expect(lines.join('\n')).toMatch(/checksum database unreachable; retrying with GOSUMDB=off/);
  });
});
