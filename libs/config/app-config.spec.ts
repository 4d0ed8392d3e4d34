import { randomBytes } from 'node:crypto';
import { WorkerConfig, loadConfig } from './app-config';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/approvals' };
const key = () => randomBytes(32).toString('base64');

describe('TEMPORAL_PAYLOAD_KEY', () => {
  it('is required: without it no app starts', () => {
    expect(() => loadConfig(WorkerConfig, base)).toThrow(/TEMPORAL_PAYLOAD_KEY: TEMPORAL_PAYLOAD_KEY must be 32 bytes in base64/);
  });

  it('must be exactly 32 bytes', () => {
    expect(() => loadConfig(WorkerConfig, { ...base, TEMPORAL_PAYLOAD_KEY: randomBytes(24).toString('base64') })).toThrow(/TEMPORAL_PAYLOAD_KEY must be 32 bytes/);
    expect(() => loadConfig(WorkerConfig, { ...base, TEMPORAL_PAYLOAD_KEY: randomBytes(33).toString('base64') })).toThrow(/TEMPORAL_PAYLOAD_KEY must be 32 bytes/);
    expect(loadConfig(WorkerConfig, { ...base, TEMPORAL_PAYLOAD_KEY: key() }).TEMPORAL_PAYLOAD_KEY).toHaveLength(44);
  });

  it('takes previous keys, comma-separated, each 32 bytes', () => {
    const previous = `${key()}, ${key()}`;
    expect(loadConfig(WorkerConfig, { ...base, TEMPORAL_PAYLOAD_KEY: key(), TEMPORAL_PAYLOAD_PREVIOUS_KEYS: previous }).TEMPORAL_PAYLOAD_PREVIOUS_KEYS).toBe(previous);
    expect(() => loadConfig(WorkerConfig, { ...base, TEMPORAL_PAYLOAD_KEY: key(), TEMPORAL_PAYLOAD_PREVIOUS_KEYS: `${key()},c2hvcnQ=` })).toThrow(
      /TEMPORAL_PAYLOAD_PREVIOUS_KEYS: TEMPORAL_PAYLOAD_PREVIOUS_KEYS must be comma-separated keys/,
    );
  });
});
