import { createPrivateKey, generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_CLAIM_NAMES, DEMO_USERS, rsaKeyId, type ClaimNames } from '../../libs/auth';
import { DEV_OIDC_CLIENT_ID } from '../../libs/config/app-config';

/** Every demo user's password at the embedded provider (development only, printed by npm start). */
export const DEMO_PASSWORD = 'demo-2026';

/** The resource (RFC 8707) the consoles' access tokens are for, and the scope that asks for it. */
const API_RESOURCE = 'urn:beijing-approvals:api';
const API_SCOPE = 'api';

export type SigningKey = JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig' };

/**
 * The provider's signing keys: it signs with `current`; `previous` stays published so tokens it
 * signed before the last rotation still verify until they expire; `retired` is published no
 * more (kept for the tests, which check that a token it signed is refused).
 */
export interface SigningKeySet {
  current: SigningKey;
  previous?: SigningKey;
  retired?: SigningKey;
}

function signingKey(pem?: string): SigningKey {
  const key = pem ? createPrivateKey(pem) : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return { ...key.export({ format: 'jwk' }), kid: rsaKeyId(key), alg: 'RS256', use: 'sig' };
}

/** A new current key; the current becomes previous, the previous is retired (no longer published). */
export function rotateSigningKeys(keys?: SigningKeySet): SigningKeySet {
  return { current: signingKey(), previous: keys?.current, retired: keys?.previous };
}

/**
 * npm start keeps the key set under .data/ (sessions and tokens survive a restart); each start
 * with ROTATE_OIDC_KEYS=1 rotates it. Tests get a fresh set rotated twice, so a retired key exists.
 */
export function loadSigningKeys(file?: string, rotate = false): SigningKeySet {
  if (!file) return rotateSigningKeys(rotateSigningKeys(rotateSigningKeys()));
  let keys = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SigningKeySet) : undefined;
  if (!keys || rotate) {
    keys = rotateSigningKeys(keys);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  }
  return keys;
}

export interface ProviderSettingsInput {
  issuer: string;
  port: number;
  keys: SigningKeySet;
  /** The dev-login's PEM key: published beside the provider's own so dev-login tokens verify the same way. */
  devLoginKey?: string;
  /** Where the consoles are served (the API's origins): their sign-in and sign-out return there. */
  consoleOrigins: string[];
  audience: string;
  claimNames?: ClaimNames;
  clientId?: string;
  accessTokenSeconds?: number;
}

/** OIDC_PROVIDER_SETTINGS for infra/oidc/embedded-oidc-provider.mjs: the demo users come from libs/auth, the one list. */
export function providerSettings(o: ProviderSettingsInput): string {
  // The provider signs with the first key that fits: the current one comes first.
  const published = [o.keys.current, o.keys.previous, o.devLoginKey ? signingKey(o.devLoginKey) : undefined].filter((k): k is SigningKey => Boolean(k));
  return JSON.stringify({
    issuer: o.issuer,
    host: '127.0.0.1',
    port: o.port,
    clientId: o.clientId ?? DEV_OIDC_CLIENT_ID,
    redirectUris: o.consoleOrigins.map((origin) => `${origin}/console/`),
    audience: o.audience,
    resource: API_RESOURCE,
    resourceScope: API_SCOPE,
    claimNames: o.claimNames ?? DEFAULT_CLAIM_NAMES,
    accessTokenSeconds: o.accessTokenSeconds ?? 3600,
    jwks: { keys: published },
    cookieKeys: [randomBytes(32).toString('base64url')],
    password: DEMO_PASSWORD,
    users: DEMO_USERS.map(({ userId, name, role, agency, applicantId }) => ({ userId, name, role, agency, applicantId })),
  });
}
