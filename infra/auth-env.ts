import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEV_JWT_ISSUER, assertProductionAuth } from '../libs/config/app-config';

/**
 * An RS256 key pair for development (user tokens, the departments' service tokens); kept under
 * .data/ by npm start so tokens survive restarts. Never called in production (see authEnv and
 * departmentsServiceEnv): its private half sits beside it in clear.
 */
function devKeyPair(file?: string): { publicKey: string; privateKey: string } {
  let privateKey = file && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (!privateKey) {
    privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    if (file) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, privateKey, { mode: 0o600 });
    }
  }
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { publicKey, privateKey };
}

/**
 * The API's token settings. Production trusts only the issuer it is configured with, and refuses
 * to start (one message naming the settings) without it: no development key pair is generated,
 * read or handed over. Development and tests sign their own tokens unless given an issuer's key.
 */
export function authEnv(nodeEnv: string, source: Record<string, string | undefined>, devKeyFile?: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['AUTH_JWT_PUBLIC_KEY', 'AUTH_JWT_PUBLIC_KEY_FILE', 'AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE', 'AUTH_TOKEN_MAX_LIFETIME_SECONDS', 'AUTH_FAILURES_PER_MINUTE']) {
    if (source[name]) env[name] = source[name];
  }
  if (nodeEnv === 'production') {
    assertProductionAuth({ ...env, AUTH_DEV_PRIVATE_KEY: source.AUTH_DEV_PRIVATE_KEY, NODE_ENV: nodeEnv });
    return env;
  }
  env.AUTH_JWT_ISSUER ??= DEV_JWT_ISSUER;
  env.AUTH_JWT_AUDIENCE ??= 'beijing-approvals';
  if (!env.AUTH_JWT_PUBLIC_KEY && !env.AUTH_JWT_PUBLIC_KEY_FILE) {
    const keys = devKeyPair(devKeyFile);
    env.AUTH_JWT_PUBLIC_KEY = keys.publicKey;
    env.AUTH_DEV_PRIVATE_KEY = keys.privateKey;
  }
  return env;
}

/**
 * Calls to the departments are signed (the worker holds the private half, the departments the
 * public one): a generated pair outside production unless one is given; production passes on
 * what it is given (DEPARTMENTS_SERVICE_*_KEY or their _FILE forms) and the apps refuse to start
 * without it.
 */
export function departmentsServiceEnv(nodeEnv: string, source: Record<string, string | undefined>, devKeyFile?: string): Record<string, string> {
  const names = ['DEPARTMENTS_SERVICE_PRIVATE_KEY', 'DEPARTMENTS_SERVICE_PUBLIC_KEY', 'DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE', 'DEPARTMENTS_SERVICE_PUBLIC_KEY_FILE'];
  const given = Object.fromEntries(names.filter((name) => source[name]).map((name) => [name, source[name]!]));
  if (nodeEnv === 'production' || Object.keys(given).length > 0) return given;
  const keys = devKeyPair(devKeyFile);
  return { DEPARTMENTS_SERVICE_PRIVATE_KEY: keys.privateKey, DEPARTMENTS_SERVICE_PUBLIC_KEY: keys.publicKey };
}
