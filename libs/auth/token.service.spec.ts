import { HttpException } from '@nestjs/common';
import { generateKeyPairSync } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { createLocalJWKSet, type JWK } from 'jose';
import jwt from 'jsonwebtoken';
import type { Actor } from '../domain/case-engine.contract';
import { DEFAULT_CLAIM_NAMES } from './claim-names';
import { IssuerKeys, TokenService, rsaKeyId, signToken } from './token.service';

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const issuer = 'https://sso.example.gov.cn';
const audience = 'beijing-approvals';
const { publicKey, privateKey } = pair();
// The issuer's published keys as its JWKS would list them (the unit under test never goes to the network).
const keys: IssuerKeys = { issuer: async () => issuer, getKey: createLocalJWKSet({ keys: [{ ...(createPublicKey(publicKey).export({ format: 'jwk' }) as JWK), kid: rsaKeyId(publicKey), alg: 'RS256' }] }) };
const settings = { discoveryUrl: `${issuer}/.well-known/openid-configuration`, audience, claims: DEFAULT_CLAIM_NAMES, maxLifetimeSeconds: 43_200, devPrivateKey: privateKey };
const service = new TokenService(settings, keys);
const now = () => Math.floor(Date.now() / 1000);
const sign = (claims: object, options: jwt.SignOptions = {}) => jwt.sign(claims, privateKey, { algorithm: 'RS256', issuer, audience, ...options });
const supervisor = { sub: 'boss', name: '王监察', roles: ['supervisor'] };

/** What the API would answer: status and body of the exception verify throws. */
async function answer(token: string): Promise<{ status: number; body: unknown }> {
  try {
    await service.verify(token);
  } catch (error) {
    if (error instanceof HttpException) return { status: error.getStatus(), body: error.getResponse() };
    throw error;
  }
  return { status: 200, body: undefined };
}

describe('token lifetime', () => {
  it('accepts a token within the maximum lifetime', async () => {
    expect((await answer(sign(supervisor, { expiresIn: 3600 }))).status).toBe(200);
    expect((await answer(sign(supervisor, { expiresIn: 43_200 }))).status).toBe(200);
  });

  it('refuses a token without exp', async () => {
    expect((await answer(sign(supervisor)))).toEqual({ status: 401, body: { statusCode: 401, error: 'token_lifetime', code: 'auth.tokenLifetime', message: '令牌未设有效期或有效期过长', params: {} } });
  });

  it('refuses a token valid longer than the maximum, counted from iat or, without iat, from now', async () => {
    expect((await answer(sign(supervisor, { expiresIn: 43_201 }))).status).toBe(401);
    expect((await answer(sign({ ...supervisor, exp: now() + 365 * 86_400 }, { noTimestamp: true }))).status).toBe(401);
    // Issued a day ago for 25 hours: one hour left, but a lifetime far beyond 12 h.
    expect((await answer(sign({ ...supervisor, iat: now() - 86_400, exp: now() + 3600 }))).status).toBe(401);
  });

  it('does not let an iat in the future hide a long lifetime', async () => {
    expect((await answer(sign({ ...supervisor, iat: now() + 365 * 86_400, exp: now() + 365 * 86_400 + 3600 }))).status).toBe(401);
  });

  it('answers an expired token with its own code', async () => {
    expect((await answer(sign({ ...supervisor, exp: now() - 10 }))).body).toEqual({ statusCode: 401, error: 'expired_token', code: 'auth.expiredToken', message: '令牌已过期', params: {} });
  });

  it('issues development tokens no longer than the API accepts', async () => {
    const short = new TokenService({ ...settings, maxLifetimeSeconds: 600 }, keys);
    const token = await short.issue({ userId: 'boss', name: '王监察', role: 'supervisor' });
    const { iat, exp } = jwt.decode(token) as jwt.JwtPayload;
    expect(exp! - iat!).toBe(600);
    expect((await short.verify(token)).userId).toBe('boss');
  });
});

describe('claims', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nowhere'])('refuses an agency token naming %s', async (agency) => {
    expect((await answer(sign({ sub: 'x', name: 'x', roles: ['agency'], agency }, { expiresIn: 600 })))).toEqual({ status: 401, body: { statusCode: 401, error: 'invalid_token', code: 'auth.invalidToken', message: '令牌无效', params: {} } });
  });

  it.each(['__proto__', 'toString', 'constructor'])('refuses the role %s', async (role) => {
    expect((await answer(sign({ sub: 'x', name: 'x', roles: [role] }, { expiresIn: 600 }))).status).toBe(401);
  });

  it('refuses claims of the wrong type', async () => {
    expect((await answer(sign({ sub: 'x', name: { toString: 'x' }, roles: ['supervisor'] }, { expiresIn: 600 }))).status).toBe(401);
    expect((await answer(sign({ sub: 'x', name: 'x', roles: ['applicant'], applicant_id: ['91110108MA01XQ4T72'] }, { expiresIn: 600 }))).status).toBe(401);
  });

  it('refuses a user id or name longer than the read model keeps (100 characters)', async () => {
    expect((await answer(sign({ sub: 'x'.repeat(101), name: 'x', roles: ['supervisor'] }, { expiresIn: 600 }))).status).toBe(401);
    expect((await answer(sign({ sub: 'x', name: '名'.repeat(101), roles: ['supervisor'] }, { expiresIn: 600 }))).status).toBe(401);
    expect((await service.verify(sign({ sub: 'x'.repeat(100), name: '名'.repeat(100), roles: ['supervisor'] }, { expiresIn: 600 }))).userId).toHaveLength(100);
  });

  it('accepts a known agency', async () => {
    const actor: Actor = { userId: 'z', name: '张科员', role: 'agency', agency: 'zgc' };
    expect(await service.verify(signToken(actor, { privateKey, issuer, audience }))).toEqual(actor);
  });
});

describe('what a refusal tells', () => {
  it('never the issuer or audience the API expects', async () => {
    const refusals = await Promise.all([
      answer(jwt.sign(supervisor, privateKey, { algorithm: 'RS256', issuer: 'someone-else', audience, expiresIn: 600 })),
      answer(jwt.sign(supervisor, privateKey, { algorithm: 'RS256', issuer, audience: 'someone-else', expiresIn: 600 })),
      answer(jwt.sign(supervisor, pair().privateKey, { algorithm: 'RS256', issuer, audience, expiresIn: 600 })),
      answer('not.a.token'),
    ]);
    expect(refusals.map((r) => [r.status, (r.body as { code: string }).code])).toEqual([
      [401, 'auth.untrustedIssuer'],
      [401, 'auth.wrongAudience'],
      [401, 'auth.invalidToken'],
      [401, 'auth.invalidToken'],
    ]);
    expect(JSON.stringify(refusals)).not.toMatch(/sso\.example|beijing-approvals|expected/);
  });

  it('a token signed with a development key when the API trusts a real issuer: refused', async () => {
    const devKey = pair().privateKey;
    const devToken = signToken({ userId: 'boss', name: '王监察', role: 'supervisor' }, { privateKey: devKey, issuer, audience });
    expect((await answer(devToken)).status).toBe(401);
  });
});

describe('claims named as the provider names them (AUTH_CLAIM_*)', () => {
  const custom = new TokenService({ ...settings, claims: { roles: 'https://sso.beijing.gov.cn/roles', agency: 'dept', name: 'display_name', applicantId: 'uscc' } }, keys);

  it('reads roles, agency, name and credit code from the configured claims', async () => {
    const token = sign({ sub: 'z', display_name: '张科员', 'https://sso.beijing.gov.cn/roles': ['offline_access', 'agency'], dept: 'zgc' }, { expiresIn: 600 });
    expect(await custom.verify(token)).toEqual({ userId: 'z', name: '张科员', role: 'agency', agency: 'zgc', applicantId: undefined });
    const applicant = sign({ sub: 'a', display_name: '陈经理', 'https://sso.beijing.gov.cn/roles': 'applicant', uscc: '91110108MA01XQ4T72' }, { expiresIn: 600 });
    expect((await custom.verify(applicant)).applicantId).toBe('91110108MA01XQ4T72');
  });

  it('refuses a token with none of our roles, or two of them', async () => {
    const none = sign({ sub: 'z', display_name: '张', 'https://sso.beijing.gov.cn/roles': ['offline_access'] }, { expiresIn: 600 });
    const two = sign({ sub: 'z', display_name: '张', 'https://sso.beijing.gov.cn/roles': ['supervisor', 'expert'] }, { expiresIn: 600 });
    const defaultNames = sign({ sub: 'z', name: '张', roles: ['supervisor'] }, { expiresIn: 600 });
    for (const token of [none, two, defaultNames]) await expect(custom.verify(token)).rejects.toMatchObject({ kind: 'invalid_token' });
  });
});

describe('an issuer publishing several keys (a rotation)', () => {
  const previous = pair();
  const rotating: IssuerKeys = {
    issuer: async () => issuer,
    getKey: createLocalJWKSet({
      keys: [publicKey, previous.publicKey].map((pem) => ({ ...(createPublicKey(pem).export({ format: 'jwk' }) as JWK), kid: rsaKeyId(pem), alg: 'RS256' })),
    }),
  };
  const during = new TokenService(settings, rotating);

  it('verifies a token with the kid of either key, and one without a kid by trying each', async () => {
    const withKid = jwt.sign(supervisor, previous.privateKey, { algorithm: 'RS256', keyid: rsaKeyId(previous.privateKey), issuer, audience, expiresIn: 600 });
    const withoutKid = jwt.sign(supervisor, previous.privateKey, { algorithm: 'RS256', issuer, audience, expiresIn: 600 });
    expect((await during.verify(withKid)).userId).toBe('boss');
    expect((await during.verify(withoutKid)).userId).toBe('boss');
  });

  it('still tells a wrong audience or a foreign key apart when the token names no kid', async () => {
    const wrongAudience = jwt.sign(supervisor, previous.privateKey, { algorithm: 'RS256', issuer, audience: 'someone-else', expiresIn: 600 });
    const foreign = jwt.sign(supervisor, pair().privateKey, { algorithm: 'RS256', issuer, audience, expiresIn: 600 });
    await expect(during.verify(wrongAudience)).rejects.toMatchObject({ kind: 'wrong_audience' });
    await expect(during.verify(foreign)).rejects.toMatchObject({ kind: 'invalid_token' });
  });
});
