import type { INestApplication } from '@nestjs/common';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApi } from '../apps/api/src/api.bootstrap';
import { rsaKeyId, signToken } from '../libs/auth';
import { apiConfigFrom } from '../libs/config';
import { supervisor } from './support/actors';
import { api } from './support/http';

/**
 * An API configured as production configures it — its OpenID provider named by an https
 * discovery URL, no development key — beside the test stack, on the same Postgres and Temporal.
 * The provider is played by a small server here publishing the issuer's discovery document and
 * keys (JWKS); it speaks plain http on loopback, so the URL is swapped in after the production
 * configuration accepted the https one.
 */
describe('the API in production', () => {
  const issuer = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const claims = { issuer: 'https://sso.beijing.gov.cn', audience: 'beijing-approvals' };
  let app: INestApplication;
  let url: string;
  let idp: Server;
  const call = async (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };

  beforeAll(async () => {
    idp = createServer((req, res) => {
      const base = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
      const body =
        req.url === '/.well-known/openid-configuration'
          ? { issuer: claims.issuer, jwks_uri: `${base}/jwks` }
          : { keys: [{ ...createPublicKey(issuer.publicKey).export({ format: 'jwk' }), kid: rsaKeyId(issuer.publicKey), alg: 'RS256', use: 'sig' }] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((listening) => idp.listen(0, '127.0.0.1', listening));
    const e = process.env;
    const config = apiConfigFrom({
      NODE_ENV: 'production',
      DATABASE_URL: e.DATABASE_URL,
      TEMPORAL_ADDRESS: e.TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: e.TEMPORAL_NAMESPACE,
      TEMPORAL_TASK_QUEUE: e.TEMPORAL_TASK_QUEUE,
      TEMPORAL_PAYLOAD_KEY: e.TEMPORAL_PAYLOAD_KEY,
      API_PORT: '0',
      AUTH_OIDC_DISCOVERY_URL: 'https://sso.beijing.gov.cn/.well-known/openid-configuration',
      AUTH_JWT_AUDIENCE: claims.audience,
      PUBLIC_BASE_URL: 'https://zwfw.beijing.gov.cn',
      // Behind a proxy on this host: clients are told apart by X-Forwarded-For.
      API_TRUST_PROXY: 'loopback',
      AUTH_FAILURES_PER_MINUTE: '5',
    });
    // Everything as production configured it, except that it logs as tests do.
    config.NODE_ENV = 'test';
    config.AUTH_OIDC_DISCOVERY_URL = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/.well-known/openid-configuration`;
    ({ app, url } = await startApi(config));
  });
  afterAll(async () => {
    await app?.close();
    idp?.close();
  });

  it("accepts the issuer's tokens", async () => {
    const me = await call('GET', '/auth/me', signToken(supervisor(), { privateKey: issuer.privateKey, ...claims }));
    expect([me.status, JSON.parse(me.body).userId]).toEqual([200, 'supervisor-1']);
  });

  it('refuses tokens of the development key: minted by dev-login, or signed with the key file naming the real issuer', async () => {
    const login = await api('POST', '/auth/dev-login', { userId: 'supervisor' });
    expect(login.status).toBe(201);
    expect((await call('GET', '/auth/me', login.body.token)).status).toBe(401);
    const forged = signToken(supervisor(), { privateKey: process.env.AUTH_DEV_PRIVATE_KEY!, ...claims });
    expect((await call('GET', '/auth/me', forged)).status).toBe(401);
  });

  it('has no dev login and no OpenAPI page (API_DOCS_ENABLED is off by default)', async () => {
    expect((await call('GET', '/auth/dev-users')).status).toBe(404);
    expect((await call('POST', '/auth/dev-login', undefined, { userId: 'supervisor' })).status).toBe(404);
    expect((await call('GET', '/docs')).status).toBe(404);
    expect((await call('GET', '/docs-json')).status).toBe(404);
  });

  it('counts refused tokens per client behind its proxy (API_TRUST_PROXY), so one cannot lock out the others', async () => {
    const good = signToken(supervisor(), { privateKey: issuer.privateKey, ...claims });
    const flooder = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 5; i += 1) expect((await call('GET', '/auth/me', `forged.${i}.token`, undefined, flooder)).status).toBe(401);
    const blocked = await call('GET', '/auth/me', good, undefined, flooder);
    expect(blocked.status).toBe(429);
    // 5 a minute: the next one is due within 12 s.
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(12);
    expect((await call('GET', '/auth/me', good, undefined, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
  });

  it('sends the protective headers', async () => {
    const page = await call('GET', '/console/');
    expect([page.status, page.headers.get('x-frame-options'), page.headers.get('x-content-type-options'), page.headers.get('x-powered-by')]).toEqual([200, 'DENY', 'nosniff', null]);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
