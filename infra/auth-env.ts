import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertProductionAuth } from '../libs/config/app-config';

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

/** The API's sign-in settings the launcher passes through from its environment. */
const AUTH_SETTINGS = [
  'AUTH_OIDC_DISCOVERY_URL',
  'AUTH_JWT_ISSUER',
  'AUTH_JWT_AUDIENCE',
  'AUTH_CLAIM_ROLES',
  'AUTH_CLAIM_AGENCY',
  'AUTH_CLAIM_NAME',
  'AUTH_CLAIM_APPLICANT_ID',
  'AUTH_OIDC_CONSOLE_CLIENT_ID',
  'AUTH_OIDC_CONSOLE_SCOPE',
  'AUTH_TOKEN_MAX_LIFETIME_SECONDS',
  'AUTH_FAILURES_PER_MINUTE',
];

/**
 * The API's sign-in settings. Production names its OpenID provider (AUTH_OIDC_DISCOVERY_URL) and
 * refuses to start (one message naming the settings) without it: no development key pair is
 * generated, read or handed over, and no embedded provider started. Outside production, without
 * a discovery URL, the launcher starts the embedded provider (`embedded` true) and the dev-login
 * key it publishes; given one, the API trusts that provider and has no dev-login.
 */
export function authEnv(nodeEnv: string, source: Record<string, string | undefined>, devKeyFile?: string): { env: Record<string, string>; embedded: boolean } {
  const env: Record<string, string> = {};
  for (const name of AUTH_SETTINGS) {
    if (source[name]) env[name] = source[name];
  }
  if (nodeEnv === 'production') {
    assertProductionAuth({ ...env, AUTH_DEV_PRIVATE_KEY: source.AUTH_DEV_PRIVATE_KEY, OIDC_PROVIDER_SETTINGS: source.OIDC_PROVIDER_SETTINGS, NODE_ENV: nodeEnv });
    return { env, embedded: false };
  }
  env.AUTH_JWT_AUDIENCE ??= 'beijing-approvals';
  if (env.AUTH_OIDC_DISCOVERY_URL) return { env, embedded: false };
  env.AUTH_DEV_PRIVATE_KEY = devKeyPair(devKeyFile).privateKey;
  return { env, embedded: true };
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
