import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HELM_MODULE, cachedHelmPath, ensureHelm, findHelm } from './helm-cli';

/** A folder for PATH holding a fake `go` that plays `go install` with this script. */
function binWithGo(script: string): string {
  const bin = mkdtempSync(join(tmpdir(), 'fake-go-'));
  writeFileSync(join(bin, 'go'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, 'go'), 0o755);
  return bin;
}

describe('the Helm lookup and build', () => {
  it('builds the pinned version into the cache under a versioned name, with GOTOOLCHAIN=local, and then finds it there', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'helm-cache-'));
    const env = { HELM_CACHE_DIR: cache, PATH: `${binWithGo('[ "$1" = version ] && exit 0; [ "$1 $3" = "install helm.sh/helm/v3/cmd/helm@v3.22.0" ] && printf "#!/bin/sh\\necho $GOTOOLCHAIN\\n" > "$GOBIN/helm"; chmod +x "$GOBIN/helm"')}:/usr/bin:/bin` };
    const lines: string[] = [];
    expect(findHelm(env)).toBeUndefined();
    const helm = await ensureHelm((line) => lines.push(line), env);
    expect(helm).toBe(join(cache, 'helm-3.22.0'));
    expect(readFileSync(helm, 'utf8')).toContain('echo local');
    expect(lines[0]).toBe(`Helm not found; building ${HELM_MODULE} into ${cache} (about 3 min on 2 cores, once)`);
    expect(findHelm(env)).toBe(helm);
  });

  it('is cached under ~/.cache/beijing-approvals/helm unless HELM_CACHE_DIR says otherwise', () => {
    expect(cachedHelmPath({ HOME: '/home/ci' })).toBe('/home/ci/.cache/beijing-approvals/helm/helm-3.22.0');
  });

  it('takes HELM_PATH when it is executable, and names it when it is not', () => {
    const helm = join(binWithGo('exit 1'), 'go');
    expect(findHelm({ HELM_PATH: helm })).toBe(helm);
    expect(() => findHelm({ HELM_PATH: '/nonexistent/helm' })).toThrow('HELM_PATH=/nonexistent/helm is not an executable file');
  });

  it('says in one message how to get Helm when neither it nor Go is there', async () => {
    const env = { HELM_CACHE_DIR: mkdtempSync(join(tmpdir(), 'helm-cache-')), PATH: mkdtempSync(join(tmpdir(), 'empty-path-')) };
    await expect(ensureHelm(() => undefined, env)).rejects.toThrow(/Helm v3\.22\.0 was not found \(HELM_PATH, .*helm-3\.22\.0\) and Go is not installed to build it\.\nInstall Go .*or set HELM_PATH/);
  });
});
