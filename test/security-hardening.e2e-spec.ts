import { request } from 'node:http';
import { randomInt } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { agencyStaff, supervisor, tokenFor } from './support/actors';
import { api } from './support/http';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * A call from a client address of its own (any 127.x.y.z reaches the API on 127.0.0.1), so the
 * refused tokens one test sends count against that address alone, not against every other
 * suite calling from 127.0.0.1.
 */
function from(address: string, method: string, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const url = new URL(path, process.env.API_URL);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method, headers, localAddress: address }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
const freshAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const signed = (claims: object, options: jwt.SignOptions = {}) =>
  jwt.sign(claims, process.env.AUTH_DEV_PRIVATE_KEY!, { algorithm: 'RS256', issuer: process.env.AUTH_JWT_ISSUER, audience: process.env.AUTH_JWT_AUDIENCE, ...options });
const boss = { sub: 'supervisor-1', name: '电子监察', roles: ['supervisor'] };

describe('refused tokens', () => {
  const client = freshAddress();
  const ask = (token?: string) => from(client, 'GET', '/auth/me', token ? bearer(token) : {});

  it('answer 401 with a fixed message per kind and a machine code, never what the API expected', async () => {
    const answers = {
      missing: await ask(),
      garbage: await ask('not.a.token'),
      otherIssuer: await ask(jwt.sign(boss, process.env.AUTH_DEV_PRIVATE_KEY!, { algorithm: 'RS256', issuer: 'someone-else', audience: process.env.AUTH_JWT_AUDIENCE, expiresIn: 600 })),
      otherAudience: await ask(jwt.sign(boss, process.env.AUTH_DEV_PRIVATE_KEY!, { algorithm: 'RS256', issuer: process.env.AUTH_JWT_ISSUER, audience: 'someone-else', expiresIn: 600 })),
      expired: await ask(tokenFor(supervisor(), -10)),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, a]) => [k, [a.status, a.body]]))).toEqual({
      missing: [401, { statusCode: 401, error: 'missing_token', code: 'auth.missingToken', message: '缺少令牌（请求头 Authorization: Bearer …）', params: {} }],
      garbage: [401, { statusCode: 401, error: 'invalid_token', code: 'auth.invalidToken', message: '令牌无效', params: {} }],
      otherIssuer: [401, { statusCode: 401, error: 'untrusted_issuer', code: 'auth.untrustedIssuer', message: '令牌不是本系统信任的统一身份认证服务签发的，请重新登录', params: {} }],
      otherAudience: [401, { statusCode: 401, error: 'wrong_audience', code: 'auth.wrongAudience', message: '令牌不是签发给本系统的', params: {} }],
      expired: [401, { statusCode: 401, error: 'expired_token', code: 'auth.expiredToken', message: '令牌已过期', params: {} }],
    });
    const everything = JSON.stringify(Object.values(answers).map((a) => a.body));
    expect(everything).not.toContain(process.env.AUTH_JWT_ISSUER);
    expect(everything).not.toContain(process.env.AUTH_JWT_AUDIENCE);
    expect(everything).not.toMatch(/expected/i);
    expect([answers.missing.headers['www-authenticate'], answers.expired.headers['www-authenticate']]).toEqual(['Bearer', 'Bearer error="invalid_token"']);
  });

  it('refuse a token without exp, or valid longer than AUTH_TOKEN_MAX_LIFETIME_SECONDS (12 h)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const lifetime = { statusCode: 401, error: 'token_lifetime', code: 'auth.tokenLifetime', message: '令牌未设有效期或有效期过长', params: {} };
    expect((await ask(signed(boss))).body).toEqual(lifetime);
    expect((await ask(signed(boss, { expiresIn: 12 * 3600 + 60 }))).body).toEqual(lifetime);
    expect((await ask(signed({ ...boss, exp: now + 30 * 86_400 }, { noTimestamp: true }))).body).toEqual(lifetime);
    expect((await ask(signed(boss, { expiresIn: 12 * 3600 }))).status).toBe(200);
  });

  it.each(['__proto__', 'constructor', 'toString'])('refuse an agency token naming %s', async (agency) => {
    expect((await ask(signed({ sub: 'x', name: 'x', roles: ['agency'], agency }, { expiresIn: 600 }))).body).toEqual({ statusCode: 401, error: 'invalid_token', code: 'auth.invalidToken', message: '令牌无效', params: {} });
  });

  it('from dev-login last no longer than the API accepts', async () => {
    const login = await api('POST', '/auth/dev-login', { userId: 'zgc-reviewer' });
    const { iat, exp } = jwt.decode(login.body.token) as jwt.JwtPayload;
    expect(exp! - iat!).toBeLessThanOrEqual(12 * 3600);
    expect((await ask(login.body.token)).status).toBe(200);
  });
});

describe('too many refused tokens from one address', () => {
  it('get that address 429 with Retry-After — a valid token too — until its bucket refills; other addresses carry on', async () => {
    const flooder = freshAddress();
    const good = bearer(tokenFor(agencyStaff('zgc', `victim-${Date.now()}`)));
    const limit = Number(process.env.AUTH_FAILURES_PER_MINUTE ?? 30);
    let refused = 0;
    let blocked: RawAnswer | undefined;
    // Refills go on while we send, so allow some beyond the limit before giving up.
    while (!blocked && refused < limit + 20) {
      const answer = await from(flooder, 'GET', '/auth/me', bearer(`forged.${refused}.token`));
      if (answer.status === 401) refused += 1;
      else blocked = answer;
    }
    expect(refused).toBeGreaterThanOrEqual(limit);
    expect(blocked?.status).toBe(429);

    const withGoodToken = await from(flooder, 'GET', '/auth/me', good);
    expect(withGoodToken.status).toBe(429);
    expect(withGoodToken.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'auth.tooManyFailures',
      message: expect.stringMatching(/^认证失败次数过多，请 \d+ 秒后再试$/),
      params: { seconds: expect.any(Number) },
    });
    const retryAfter = Number(withGoodToken.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil(60 / limit));

    expect((await from(freshAddress(), 'GET', '/auth/me', good)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    expect((await from(flooder, 'GET', '/auth/me', good)).status).toBe(200);
  });
});

describe('browser hardening', () => {
  const strictCsp = (csp: string) => {
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    return directives;
  };

  it('sends the same protective headers with the consoles, an API answer, an error and the docs', async () => {
    const token = bearer(tokenFor(supervisor()));
    const pages = {
      console: await api('GET', '/console/'),
      script: await api('GET', '/console/app.js'),
      answer: await api('GET', '/auth/me', undefined, token),
      notFound: await api('GET', '/cases/nothing-here', undefined, token),
      docs: await api('GET', '/docs'),
    };
    expect(pages.console.status).toBe(200);
    expect(pages.docs.status).toBe(200);
    for (const [name, page] of Object.entries(pages)) {
      const h = page.headers;
      expect([name, h.get('x-content-type-options'), h.get('x-frame-options'), h.get('referrer-policy'), h.get('x-powered-by')]).toEqual([name, 'nosniff', 'DENY', 'no-referrer', null]);
      strictCsp(h.get('content-security-policy') ?? '');
    }
    // The consoles run nothing inline: no 'unsafe-inline' anywhere in their policy. Style elements
    // need this answer's nonce (Ant Design's CSS-in-JS), which the page carries and no other answer reuses.
    const consolePolicy = pages.console.headers.get('content-security-policy')!;
    expect(consolePolicy).not.toContain('unsafe');
    const [self, nonce, ...more] = strictCsp(consolePolicy)['style-src'];
    expect([self, nonce, more]).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}==?'$/), []]);
    expect(pages.console.body).toContain(`nonce="${nonce.slice(7, -1)}"`);
    expect(pages.console.headers.get('cache-control')).toBe('no-store');
    const again = await api('GET', '/console/');
    expect(strictCsp(again.headers.get('content-security-policy')!)['style-src'][1]).not.toBe(nonce);
    // Swagger UI's page carries a <style> block: only styles are let inline there, never scripts.
    expect(strictCsp(pages.docs.headers.get('content-security-policy')!)['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('keeps the console pages free of inline scripts, styles and handlers the policy would block', async () => {
    const html = (await api('GET', '/console/')).body as string;
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    // The bundle (React, Ant Design, ECharts) is one file of our own origin; what it does under the
    // policy is checked in Chromium (test/browser/csp.browser-spec.ts), where any refusal fails.
    const script = await api('GET', '/console/app.js');
    expect([script.status, script.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^(text|application)\/javascript/)]);
    expect((await api('GET', '/console/favicon.svg')).status).toBe(200);
    // Browsers that ask for /favicon.ico regardless are sent to the console's icon.
    expect((await api('GET', '/favicon.ico')).status).toBe(200);
  });
});
