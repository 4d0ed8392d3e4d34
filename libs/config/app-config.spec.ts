import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerConfig, departmentsConfigFrom, loadConfig, workerConfigFrom } from './app-config';

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

describe('the departments\' service keys', () => {
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const worker = { ...base, TEMPORAL_PAYLOAD_KEY: key() };
  const departments = { DEPARTMENTS_DATABASE_URL: base.DATABASE_URL };

  it.each(['production', 'development', 'test'])('are required in %s, with one message naming the setting', (NODE_ENV) => {
    expect(() => workerConfigFrom({ ...worker, NODE_ENV })).toThrow(
      'Invalid configuration:\n  DEPARTMENTS_SERVICE_PRIVATE_KEY: required: the PEM private key the worker signs its calls to the departments with (or DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE)',
    );
    expect(() => departmentsConfigFrom({ ...departments, NODE_ENV })).toThrow(
      'Invalid configuration:\n  DEPARTMENTS_SERVICE_PUBLIC_KEY: required: the PEM public key of the services allowed to call the departments (or DEPARTMENTS_SERVICE_PUBLIC_KEY_FILE)',
    );
  });

  it('are PEM keys, given inline or as files', () => {
    expect(() => workerConfigFrom({ ...worker, DEPARTMENTS_SERVICE_PRIVATE_KEY: 'secret' })).toThrow(/DEPARTMENTS_SERVICE_PRIVATE_KEY must be a PEM private key/);
    expect(() => departmentsConfigFrom({ ...departments, DEPARTMENTS_SERVICE_PUBLIC_KEY: privateKey })).toThrow(/DEPARTMENTS_SERVICE_PUBLIC_KEY must be one or more PEM public keys/);
    const dir = mkdtempSync(join(tmpdir(), 'service-keys-'));
    writeFileSync(join(dir, 'private.pem'), privateKey);
    writeFileSync(join(dir, 'public.pem'), publicKey);
    expect(workerConfigFrom({ ...worker, NODE_ENV: 'production', DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE: join(dir, 'private.pem') }).DEPARTMENTS_SERVICE_PRIVATE_KEY).toBe(privateKey);
    expect(departmentsConfigFrom({ ...departments, NODE_ENV: 'production', DEPARTMENTS_SERVICE_PUBLIC_KEY_FILE: join(dir, 'public.pem') }).DEPARTMENTS_SERVICE_PUBLIC_KEY).toBe(publicKey);
    expect(() => workerConfigFrom({ ...worker, DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE: join(dir, 'missing.pem') })).toThrow(/DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE: cannot read .*missing\.pem/);
  });
});
