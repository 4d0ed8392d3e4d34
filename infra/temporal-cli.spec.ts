import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTemporalCli, findTemporalCli } from './temporal-cli';

function folderWithExecutable(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-spec-'));
  writeFileSync(join(dir, name), '#!/bin/sh\necho fake\n');
  chmodSync(join(dir, name), 0o755);
  return dir;
}

describe('finding the Temporal CLI', () => {
  const empty = () => mkdtempSync(join(tmpdir(), 'cli-spec-empty-'));

  it('prefers TEMPORAL_CLI_PATH', () => {
    const dir = folderWithExecutable('my-temporal');
    expect(findTemporalCli({ TEMPORAL_CLI_PATH: join(dir, 'my-temporal'), PATH: folderWithExecutable('temporal') })).toBe(join(dir, 'my-temporal'));
  });

  it('refuses a TEMPORAL_CLI_PATH that is not executable, naming it', () => {
    expect(() => findTemporalCli({ TEMPORAL_CLI_PATH: '/nonexistent/temporal' })).toThrow('TEMPORAL_CLI_PATH=/nonexistent/temporal is not an executable file');
  });

  it('looks on PATH, then in the cache folder', () => {
    const onPath = folderWithExecutable('temporal');
    expect(findTemporalCli({ PATH: `/nonexistent:${onPath}`, TEMPORAL_CLI_CACHE_DIR: empty() })).toBe(join(onPath, 'temporal'));
    const cache = folderWithExecutable('temporal');
    expect(findTemporalCli({ PATH: '/nonexistent', TEMPORAL_CLI_CACHE_DIR: cache })).toBe(join(cache, 'temporal'));
    expect(findTemporalCli({ PATH: '/nonexistent', TEMPORAL_CLI_CACHE_DIR: empty() })).toBeUndefined();
  });

  it('fails with one clear message when neither the CLI nor Go is there', async () => {
    const env = { PATH: empty(), TEMPORAL_CLI_CACHE_DIR: join(empty(), 'cache') };
    mkdirSync(env.TEMPORAL_CLI_CACHE_DIR);
    await expect(ensureTemporalCli(() => undefined, env)).rejects.toThrow(/Go is not installed to build it[\s\S]*TEMPORAL_CLI_PATH[\s\S]*TEMPORAL_ADDRESS/);
  });
});
