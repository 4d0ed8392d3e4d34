import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimDataForEngine, temporalEngineFrom } from './temporal-engine';

describe('the TEMPORAL_ENGINE setting', () => {
  it('is the dev server unless set', () => {
    expect(temporalEngineFrom({})).toBe('dev');
    expect(temporalEngineFrom({ TEMPORAL_ENGINE: '' })).toBe('dev');
    expect(temporalEngineFrom({ TEMPORAL_ENGINE: 'dev' })).toBe('dev');
    expect(temporalEngineFrom({ TEMPORAL_ENGINE: 'server' })).toBe('server');
  });

  it('refuses anything else, naming the two choices', () => {
    expect(() => temporalEngineFrom({ TEMPORAL_ENGINE: 'production' })).toThrow(/TEMPORAL_ENGINE=production is not an engine: use dev .* or server/);
  });
});

describe('kept data and the engine that wrote it', () => {
  const dataDir = () => join(mkdtempSync(join(tmpdir(), 'engine-spec-')), '.data');

  it('records the engine of a fresh data folder and accepts it again', () => {
    const dir = dataDir();
    claimDataForEngine(dir, 'server');
    expect(readFileSync(join(dir, 'temporal-engine'), 'utf8').trim()).toBe('server');
    expect(() => claimDataForEngine(dir, 'server')).not.toThrow();
  });

  it('refuses the other engine, saying how to go on', () => {
    const dir = dataDir();
    claimDataForEngine(dir, 'dev');
    expect(() => claimDataForEngine(dir, 'server')).toThrow(/holds cases run by TEMPORAL_ENGINE=dev[\s\S]*Start with TEMPORAL_ENGINE=dev[\s\S]*move .* away/);
  });

  it('takes a folder from before the setting, with the dev server\'s SQLite file, for the dev server\'s', () => {
    const dir = dataDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'temporal.sqlite'), '');
    expect(() => claimDataForEngine(dir, 'server')).toThrow(/TEMPORAL_ENGINE=dev/);
    expect(existsSync(join(dir, 'temporal-engine'))).toBe(false);
    claimDataForEngine(dir, 'dev');
    expect(readFileSync(join(dir, 'temporal-engine'), 'utf8').trim()).toBe('dev');
  });
});
