import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DEPARTMENTS_AUDIENCE, ServiceTokenSigner, ServiceTokenVerifier, departmentsCaller } from './service-token';

function keyPair() {
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { privateKey, publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
}

const ours = keyPair();
const theirs = keyPair();
const verifier = new ServiceTokenVerifier(ours.publicKey);
const sign = (claims: object, o: jwt.SignOptions, key = ours.privateKey) => jwt.sign(claims, key, { algorithm: 'RS256', ...o });

describe('service tokens for the departments', () => {
  it('name the calling service, and are accepted from a key the departments hold', () => {
    const signer = new ServiceTokenSigner('approvals-worker', ours.privateKey);
    const token = signer.token();
    expect(jwt.decode(token)).toMatchObject({ iss: 'approvals-worker', sub: 'approvals-worker', aud: DEPARTMENTS_AUDIENCE, exp: expect.any(Number) });
    expect(verifier.verify(token)).toBe('approvals-worker');
    // Reused while fresh: not a signature per request.
    expect(signer.token()).toBe(token);
    expect(signer.headers()).toEqual({ authorization: `Bearer ${token}` });
  });

  it.each([
    ['signed with another key', () => new ServiceTokenSigner('approvals-worker', theirs.privateKey).token(), /invalid signature/],
    ['expired', () => sign({}, { issuer: 'x', subject: 'x', audience: DEPARTMENTS_AUDIENCE, expiresIn: -10 }), /jwt expired/],
    ['for another audience (a user token of the API)', () => sign({}, { issuer: 'x', subject: 'x', audience: 'beijing-approvals', expiresIn: 60 }), /audience invalid/],
    ['without an expiry', () => sign({}, { issuer: 'x', subject: 'x', audience: DEPARTMENTS_AUDIENCE }), /no expiry/],
    ['long-lived (issued more than ten minutes ago)', () => sign({ iat: Math.floor(Date.now() / 1000) - 3600 }, { issuer: 'x', subject: 'x', audience: DEPARTMENTS_AUDIENCE, expiresIn: 86_400 }), /maxAge exceeded/],
    ['naming nobody', () => sign({}, { audience: DEPARTMENTS_AUDIENCE, expiresIn: 60 }), /issuer and subject/],
    ['with alg none', () => jwt.sign({ iss: 'x', sub: 'x', aud: DEPARTMENTS_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 60 }, '', { algorithm: 'none' }), /jwt signature is required|invalid algorithm/],
    ['HMAC-signed with the public key', () => `${jwt.sign({ iss: 'x', sub: 'x', aud: DEPARTMENTS_AUDIENCE }, 'k', { algorithm: 'HS256', expiresIn: 60 }).split('.').slice(0, 2).join('.')}.forged`, /invalid/],
    ['not a token at all', () => 'garbage', /jwt malformed/],
  ])('are refused when %s', (_what, token, reason) => {
    expect(() => verifier.verify(token())).toThrow(reason);
  });

  it('accept either of two keys during a rotation', () => {
    const both = new ServiceTokenVerifier(`${ours.publicKey}\n${theirs.publicKey}`);
    expect(both.verify(new ServiceTokenSigner('a', ours.privateKey).token())).toBe('a');
    expect(both.verify(new ServiceTokenSigner('b', theirs.privateKey).token())).toBe('b');
  });

  it('need a key to sign with, named when missing', () => {
    expect(() => departmentsCaller('approvals-tests', {})).toThrow(/DEPARTMENTS_SERVICE_PRIVATE_KEY \(or DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE\) is not set/);
    expect(() => new ServiceTokenVerifier('')).toThrow(/DEPARTMENTS_SERVICE_PUBLIC_KEY must hold at least one PEM public key/);
  });
});
