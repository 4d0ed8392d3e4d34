import { HttpException } from '@nestjs/common';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenService, signToken } from '../libs/auth';
import { apiConfigFrom } from '../libs/config';
import { authEnv } from './auth-env';

const ONE_MESSAGE = "Invalid configuration:\n  AUTH_JWT_PUBLIC_KEY: production needs the token issuer's RS256 public key: set AUTH_JWT_PUBLIC_KEY (PEM) or AUTH_JWT_PUBLIC_KEY_FILE";
const issuer = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const tempDevKeyFile = () => join(mkdtempSync(join(tmpdir(), 'dev-key-')), 'dev-jwt-key.pem');

describe('the launcher in production (its AUTH_* settings)', () => {
  it('neither generates nor reads a development key pair, even when one lies where npm start keeps it', () => {
    const file = tempDevKeyFile();
    expect(() => authEnv('production', { AUTH_JWT_ISSUER: 'https://sso.beijing.gov.cn' }, file)).toThrow(new Error(ONE_MESSAGE));
    expect(existsSync(file)).toBe(false);

    writeFileSync(file, 'not a key: reading it would throw');
    const env = authEnv('production', { AUTH_JWT_PUBLIC_KEY: issuer.publicKey, AUTH_JWT_ISSUER: 'https://sso.beijing.gov.cn' }, file);
    expect(env).toEqual({ AUTH_JWT_PUBLIC_KEY: issuer.publicKey, AUTH_JWT_ISSUER: 'https://sso.beijing.gov.cn' });
  });

  it('refuses the development issuer', () => {
    expect(() => authEnv('production', { AUTH_JWT_PUBLIC_KEY: issuer.publicKey }, tempDevKeyFile())).toThrow(/AUTH_JWT_ISSUER: production must name its token issuer/);
    expect(() => authEnv('production', { AUTH_JWT_PUBLIC_KEY: issuer.publicKey, AUTH_JWT_ISSUER: 'beijing-approvals-dev' }, tempDevKeyFile())).toThrow(/AUTH_JWT_ISSUER/);
  });

  it('gives the API settings under which a token signed with the dev key file is refused, and the issuer’s accepted', () => {
    // The key pair npm start keeps in .data/dev-jwt-key.pem, made as development makes it.
    const devKeyFile = tempDevKeyFile();
    const dev = authEnv('development', {}, devKeyFile);
    expect(readFileSync(devKeyFile, 'utf8')).toBe(dev.AUTH_DEV_PRIVATE_KEY);

    const env = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/approvals', TEMPORAL_PAYLOAD_KEY: 'A'.repeat(43) + '=' };
    const auth = authEnv('production', { AUTH_JWT_PUBLIC_KEY: issuer.publicKey, AUTH_JWT_ISSUER: 'https://sso.beijing.gov.cn', AUTH_JWT_AUDIENCE: 'beijing-approvals' }, devKeyFile);
    const config = apiConfigFrom({ ...env, ...auth });
    const tokens = new TokenService({ publicKey: config.AUTH_JWT_PUBLIC_KEY, issuer: config.AUTH_JWT_ISSUER, audience: config.AUTH_JWT_AUDIENCE, maxLifetimeSeconds: config.AUTH_TOKEN_MAX_LIFETIME_SECONDS, devPrivateKey: config.AUTH_DEV_PRIVATE_KEY });
    expect(tokens.canIssue).toBe(false);

    const boss = { userId: 'boss', name: '王监察', role: 'supervisor' as const };
    const claims = { issuer: config.AUTH_JWT_ISSUER, audience: config.AUTH_JWT_AUDIENCE };
    const signedWithDevKey = signToken(boss, { privateKey: readFileSync(devKeyFile, 'utf8'), ...claims });
    expect(() => tokens.verify(signedWithDevKey)).toThrow(HttpException);
    expect(() => tokens.verify(signToken(boss, { privateKey: dev.AUTH_DEV_PRIVATE_KEY, issuer: dev.AUTH_JWT_ISSUER, audience: dev.AUTH_JWT_AUDIENCE }))).toThrow(HttpException);
    expect(tokens.verify(signToken(boss, { privateKey: issuer.privateKey, ...claims }))).toEqual(boss);
  });
});

describe('the launcher in development', () => {
  it('keeps one dev key pair across restarts and signs its own tokens', () => {
    const file = tempDevKeyFile();
    const first = authEnv('development', {}, file);
    expect(first).toMatchObject({ AUTH_JWT_ISSUER: 'beijing-approvals-dev', AUTH_JWT_AUDIENCE: 'beijing-approvals' });
    expect(authEnv('development', {}, file)).toEqual(first);
  });

  it('trusts an external issuer instead when given one, and then has no dev login', () => {
    const env = authEnv('development', { AUTH_JWT_PUBLIC_KEY: issuer.publicKey }, tempDevKeyFile());
    expect(env.AUTH_DEV_PRIVATE_KEY).toBeUndefined();
    expect(env.AUTH_JWT_PUBLIC_KEY).toBe(issuer.publicKey);
  });
});
