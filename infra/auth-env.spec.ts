import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiConfigFrom } from '../libs/config';
import { authEnv } from './auth-env';

const DISCOVERY = 'https://sso.beijing.gov.cn/.well-known/openid-configuration';
const ONE_MESSAGE = 'Invalid configuration:\n  AUTH_OIDC_DISCOVERY_URL: production names its OpenID provider by its discovery URL (https://…/.well-known/openid-configuration)';
const tempDevKeyFile = () => join(mkdtempSync(join(tmpdir(), 'dev-key-')), 'dev-jwt-key.pem');

describe('the launcher in production (its AUTH_* settings)', () => {
  it('neither generates nor reads a development key pair, even when one lies where npm start keeps it', () => {
    const file = tempDevKeyFile();
    expect(() => authEnv('production', {}, file)).toThrow(new Error(ONE_MESSAGE));
    expect(existsSync(file)).toBe(false);

    writeFileSync(file, 'not a key: reading it would throw');
    expect(authEnv('production', { AUTH_OIDC_DISCOVERY_URL: DISCOVERY, AUTH_CLAIM_ROLES: 'groups' }, file)).toEqual({
      env: { AUTH_OIDC_DISCOVERY_URL: DISCOVERY, AUTH_CLAIM_ROLES: 'groups' },
      embedded: false,
    });
  });

  it("refuses the embedded provider's development settings", () => {
    expect(() => authEnv('production', { AUTH_OIDC_DISCOVERY_URL: 'http://127.0.0.1:3300/.well-known/openid-configuration' }, tempDevKeyFile())).toThrow(/over https only/);
    expect(() => authEnv('production', { AUTH_OIDC_DISCOVERY_URL: DISCOVERY, OIDC_PROVIDER_SETTINGS: '{}' }, tempDevKeyFile())).toThrow(/OIDC_PROVIDER_SETTINGS/);
    expect(() => authEnv('production', { AUTH_OIDC_DISCOVERY_URL: DISCOVERY, AUTH_DEV_PRIVATE_KEY: 'x' }, tempDevKeyFile())).toThrow(/AUTH_DEV_PRIVATE_KEY: development logins are not allowed/);
  });

  it('gives the API settings without a dev login', () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/approvals', TEMPORAL_PAYLOAD_KEY: 'A'.repeat(43) + '=', PUBLIC_BASE_URL: 'https://zwfw.beijing.gov.cn' };
    const config = apiConfigFrom({ ...env, ...authEnv('production', { AUTH_OIDC_DISCOVERY_URL: DISCOVERY }, tempDevKeyFile()).env });
    expect([config.AUTH_OIDC_DISCOVERY_URL, config.AUTH_DEV_PRIVATE_KEY]).toEqual([DISCOVERY, undefined]);
  });
});

describe('the launcher in development', () => {
  it('runs the embedded provider, keeping one dev-login key across restarts', () => {
    const file = tempDevKeyFile();
    const first = authEnv('development', {}, file);
    expect(first).toMatchObject({ embedded: true, env: { AUTH_JWT_AUDIENCE: 'beijing-approvals' } });
    expect(readFileSync(file, 'utf8')).toBe(first.env.AUTH_DEV_PRIVATE_KEY);
    expect(authEnv('development', {}, file)).toEqual(first);
  });

  it('trusts an external provider instead when given one, and then has no dev login', () => {
    const { env, embedded } = authEnv('development', { AUTH_OIDC_DISCOVERY_URL: DISCOVERY }, tempDevKeyFile());
    expect([embedded, env.AUTH_DEV_PRIVATE_KEY, env.AUTH_OIDC_DISCOVERY_URL]).toEqual([false, undefined, DISCOVERY]);
  });
});
