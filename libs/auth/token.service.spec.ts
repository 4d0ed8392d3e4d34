import { HttpException } from '@nestjs/common';
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Actor } from '../domain/case-engine.contract';
import { TokenService, signToken } from './token.service';

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const issuer = 'https://sso.example.gov.cn';
const audience = 'beijing-approvals';
const { publicKey, privateKey } = pair();
const service = new TokenService({ publicKey, issuer, audience, maxLifetimeSeconds: 43_200, devPrivateKey: privateKey });
const now = () => Math.floor(Date.now() / 1000);
const sign = (claims: object, options: jwt.SignOptions = {}) => jwt.sign(claims, privateKey, { algorithm: 'RS256', issuer, audience, ...options });
const supervisor = { sub: 'boss', name: '王监察', role: 'supervisor' };

/** What the API would answer: status and body of the exception verify throws. */
function answer(token: string): { status: number; body: unknown } {
  try {
    service.verify(token);
  } catch (error) {
    if (error instanceof HttpException) return { status: error.getStatus(), body: error.getResponse() };
    throw error;
  }
  return { status: 200, body: undefined };
}

describe('token lifetime', () => {
  it('accepts a token within the maximum lifetime', () => {
    expect(answer(sign(supervisor, { expiresIn: 3600 })).status).toBe(200);
    expect(answer(sign(supervisor, { expiresIn: 43_200 })).status).toBe(200);
  });

  it('refuses a token without exp', () => {
    expect(answer(sign(supervisor))).toEqual({ status: 401, body: { statusCode: 401, error: 'token_lifetime', code: 'auth.tokenLifetime', message: '令牌未设有效期或有效期过长', params: {} } });
  });

  it('refuses a token valid longer than the maximum, counted from iat or, without iat, from now', () => {
    expect(answer(sign(supervisor, { expiresIn: 43_201 })).status).toBe(401);
    expect(answer(sign({ ...supervisor, exp: now() + 365 * 86_400 }, { noTimestamp: true })).status).toBe(401);
    // Issued a day ago for 25 hours: one hour left, but a lifetime far beyond 12 h.
    expect(answer(sign({ ...supervisor, iat: now() - 86_400, exp: now() + 3600 })).status).toBe(401);
  });

  it('does not let an iat in the future hide a long lifetime', () => {
    expect(answer(sign({ ...supervisor, iat: now() + 365 * 86_400, exp: now() + 365 * 86_400 + 3600 })).status).toBe(401);
  });

  it('answers an expired token with its own code', () => {
    expect(answer(sign({ ...supervisor, exp: now() - 10 })).body).toEqual({ statusCode: 401, error: 'expired_token', code: 'auth.expiredToken', message: '令牌已过期', params: {} });
  });

  it('issues development tokens no longer than the API accepts', () => {
    const short = new TokenService({ publicKey, issuer, audience, maxLifetimeSeconds: 600, devPrivateKey: privateKey });
    const token = short.issue({ userId: 'boss', name: '王监察', role: 'supervisor' });
    const { iat, exp } = jwt.decode(token) as jwt.JwtPayload;
    expect(exp! - iat!).toBe(600);
    expect(short.verify(token).userId).toBe('boss');
  });
});

describe('claims', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nowhere'])('refuses an agency token naming %s', (agency) => {
    expect(answer(sign({ sub: 'x', name: 'x', role: 'agency', agency }, { expiresIn: 600 }))).toEqual({ status: 401, body: { statusCode: 401, error: 'invalid_token', code: 'auth.invalidToken', message: '令牌无效', params: {} } });
  });

  it.each(['__proto__', 'toString', 'constructor'])('refuses the role %s', (role) => {
    expect(answer(sign({ sub: 'x', name: 'x', role }, { expiresIn: 600 })).status).toBe(401);
  });

  it('refuses claims of the wrong type', () => {
    expect(answer(sign({ sub: 'x', name: { toString: 'x' }, role: 'supervisor' }, { expiresIn: 600 })).status).toBe(401);
    expect(answer(sign({ sub: 'x', name: 'x', role: 'applicant', applicantId: ['91110108MA01XQ4T72'] }, { expiresIn: 600 })).status).toBe(401);
  });

  it('refuses a user id or name longer than the read model keeps (100 characters)', () => {
    expect(answer(sign({ sub: 'x'.repeat(101), name: 'x', role: 'supervisor' }, { expiresIn: 600 })).status).toBe(401);
    expect(answer(sign({ sub: 'x', name: '名'.repeat(101), role: 'supervisor' }, { expiresIn: 600 })).status).toBe(401);
    expect(service.verify(sign({ sub: 'x'.repeat(100), name: '名'.repeat(100), role: 'supervisor' }, { expiresIn: 600 })).userId).toHaveLength(100);
  });

  it('accepts a known agency', () => {
    const actor: Actor = { userId: 'z', name: '张科员', role: 'agency', agency: 'zgc' };
    expect(service.verify(signToken(actor, { privateKey, issuer, audience }))).toEqual(actor);
  });
});

describe('what a refusal tells', () => {
  it('never the issuer or audience the API expects', () => {
    const refusals = [
      answer(jwt.sign(supervisor, privateKey, { algorithm: 'RS256', issuer: 'someone-else', audience, expiresIn: 600 })),
      answer(jwt.sign(supervisor, privateKey, { algorithm: 'RS256', issuer, audience: 'someone-else', expiresIn: 600 })),
      answer(jwt.sign(supervisor, pair().privateKey, { algorithm: 'RS256', issuer, audience, expiresIn: 600 })),
      answer('not.a.token'),
    ];
    for (const refusal of refusals) expect(refusal).toEqual({ status: 401, body: { statusCode: 401, error: 'invalid_token', code: 'auth.invalidToken', message: '令牌无效', params: {} } });
    expect(JSON.stringify(refusals)).not.toMatch(/sso\.example|beijing-approvals|expected/);
  });

  it('a token signed with a development key when the API trusts a real issuer: refused', () => {
    const devKey = pair().privateKey;
    const devToken = signToken({ userId: 'boss', name: '王监察', role: 'supervisor' }, { privateKey: devKey, issuer, audience });
    expect(answer(devToken).status).toBe(401);
  });
});
