import { createPrivateKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DEMO_USERS } from '../libs/auth';
import { translate } from '../libs/i18n/error-catalogue';
import { DEMO_PASSWORD } from '../infra/oidc/oidc-provider-settings';
import { api } from './support/http';
import { ProviderSession } from './support/oidc-sign-in';

/**
 * Sign-in through the embedded OpenID provider (oidc-provider) the stack starts: tokens it
 * issues by authorization code with PKCE are accepted with the role and agency its claims carry;
 * tokens from another issuer, signed by a key it retired, or for another audience are refused.
 */
const me = (token: string) => api('GET', '/auth/me', undefined, { authorization: `Bearer ${token}` });
const refusal = (code: string, error: string) => ({ statusCode: 401, error, code, message: translate(code as Parameters<typeof translate>[0]), params: {} });
const claimsOf = (userId: string) => {
  const u = DEMO_USERS.find((d) => d.userId === userId)!;
  return { sub: u.userId, name: u.name, roles: [u.role], ...(u.agency ? { agency: u.agency } : {}), ...(u.applicantId ? { applicant_id: u.applicantId } : {}) };
};

describe('sign-in at the embedded OpenID provider', () => {
  it.each([
    ['chip-applicant', { userId: 'chip-applicant', role: 'applicant', applicantId: '91110108MA01XQ4T72' }],
    ['zgc-reviewer', { userId: 'zgc-reviewer', role: 'agency', agency: 'zgc' }],
    ['police-officer', { userId: 'police-officer', role: 'agency', agency: 'public-security' }],
    ['supervisor', { userId: 'supervisor', role: 'supervisor' }],
  ])('signs in %s by code + PKCE, and the API takes role and agency from the token', async (username, who) => {
    const tokens = await new ProviderSession().signIn(username, DEMO_PASSWORD);
    const payload = jwt.decode(tokens.access_token, { complete: true })!;
    expect(payload.payload).toMatchObject({ iss: process.env.AUTH_JWT_ISSUER, aud: process.env.AUTH_JWT_AUDIENCE, sub: username, roles: [who.role] });
    // Signed with the provider's current key: the first its JWKS lists.
    const published = (await (await fetch(`${process.env.AUTH_JWT_ISSUER}/jwks`)).json()) as { keys: Array<{ kid: string }> };
    expect(payload.header.kid).toBe(published.keys[0].kid);
    const answer = await me(tokens.access_token);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ...who, name: DEMO_USERS.find((u) => u.userId === username)!.name });
  });

  it('signs in an expert from the pool', async () => {
    const expert = DEMO_USERS.find((u) => u.role === 'expert')!;
    const answer = await me((await new ProviderSession().signIn(expert.userId, DEMO_PASSWORD)).access_token);
    expect([answer.status, answer.body.role, answer.body.userId]).toEqual([200, 'expert', expert.userId]);
  });

  it('shows its login page in Chinese and refuses a wrong password there', async () => {
    const session = new ProviderSession();
    const { location } = await session.authorize();
    const page = await session.follow(location);
    expect(page.status).toBe(200);
    expect(page.body).toContain('统一身份认证');
    expect(page.body).toContain('用户名');
    const wrong = await session.submitLogin(page.body, 'zgc-reviewer', 'not-the-password');
    expect([wrong.status, wrong.body.includes('用户名或密码错误')]).toEqual([401, true]);
  });

  it('refuses an authorization request without PKCE', async () => {
    const session = new ProviderSession();
    const { discovery, config } = await session.metadata();
    const query = new URLSearchParams({ client_id: config.clientId, response_type: 'code', scope: config.scope, redirect_uri: session.redirectUri, state: 'x' });
    const response = await session.fetch(`${discovery.authorization_endpoint}?${query}`);
    const back = new URL(response.headers.get('location')!);
    expect([back.origin + back.pathname, back.searchParams.get('error')]).toEqual([session.redirectUri, 'invalid_request']);
  });

  it('ends the session at the provider on logout: the next sign-in asks for the password again', async () => {
    const session = new ProviderSession();
    const tokens = await session.signIn('finance-officer', DEMO_PASSWORD);
    // Still signed in at the provider: a new authorization comes straight back with a code.
    const again = await session.follow((await session.authorize()).location);
    expect(again.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console\/\?code=/);
    expect(await session.logout(tokens.id_token)).toBe(session.redirectUri);
    const afterLogout = await session.follow((await session.authorize()).location);
    expect([afterLogout.status, afterLogout.location, afterLogout.body.includes('统一身份认证')]).toEqual([200, undefined, true]);
  });
});

describe('tokens the API refuses', () => {
  const issuer = process.env.AUTH_JWT_ISSUER!;
  const audience = process.env.AUTH_JWT_AUDIENCE!;

  it('a token from another issuer (its own key pair and iss): 401 with the catalogue message', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = jwt.sign(claimsOf('supervisor'), other.privateKey, { algorithm: 'RS256', keyid: 'other-key', issuer: 'https://sso.other.example.org', audience, expiresIn: 600 });
    const answer = await me(token);
    expect([answer.status, answer.body]).toEqual([401, refusal('auth.untrustedIssuer', 'untrusted_issuer')]);
    expect(answer.body.message).toBe('令牌不是本系统信任的统一身份认证服务签发的，请重新登录');
    // Another key pair claiming our issuer's name fares no better.
    const impostor = jwt.sign(claimsOf('supervisor'), other.privateKey, { algorithm: 'RS256', keyid: 'other-key', issuer, audience, expiresIn: 600 });
    expect((await me(impostor)).body).toEqual(refusal('auth.unknownSigningKey', 'unknown_key'));
  });

  it('a token signed by a key the provider has rotated out of its JWKS', async () => {
    const keys = JSON.parse(process.env.OIDC_TEST_SIGNING_KEYS!) as { previous: JsonWebKey & { kid: string }; retired: JsonWebKey & { kid: string } };
    const published = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: Array<{ kid: string }> };
    const kids = published.keys.map((k) => k.kid);
    expect(kids).toContain(keys.previous.kid);
    expect(kids).not.toContain(keys.retired.kid);
    const signWith = (key: JsonWebKey & { kid: string }) =>
      jwt.sign(claimsOf('supervisor'), createPrivateKey({ key, format: 'jwk' }), { algorithm: 'RS256', keyid: key.kid, issuer, audience, expiresIn: 600 });
    // The key before the current one is still published: what it signed before the rotation still verifies.
    expect((await me(signWith(keys.previous))).status).toBe(200);
    const answer = await me(signWith(keys.retired));
    expect([answer.status, answer.body]).toEqual([401, refusal('auth.unknownSigningKey', 'unknown_key')]);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('a token for another audience', async () => {
    const token = jwt.sign(claimsOf('supervisor'), process.env.AUTH_DEV_PRIVATE_KEY!, { algorithm: 'RS256', keyid: (jwt.decode((await api('POST', '/auth/dev-login', { userId: 'supervisor' })).body.token, { complete: true })!.header.kid), issuer, audience: 'some-other-system', expiresIn: 600 });
    expect((await me(token)).body).toEqual(refusal('auth.wrongAudience', 'wrong_audience'));
  });

  it('tells the consoles where to sign in', async () => {
    const answer = await api('GET', '/auth/config');
    expect(answer.body).toEqual({ authority: issuer, discoveryUrl: `${issuer}/.well-known/openid-configuration`, clientId: 'beijing-approvals-console', scope: 'openid profile api', devLogin: true });
    // The consoles may fetch from the provider (discovery, token) and nowhere else beyond the API.
    const page = await fetch(`${process.env.API_URL}/console/`);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${new URL(issuer).origin};`);
  });
});
