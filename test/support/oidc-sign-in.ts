import { createHash, randomBytes } from 'node:crypto';
import { api } from './http';

/**
 * Signs in at the embedded OpenID provider as a browser would, over real HTTP: the console's
 * authorization request (code + PKCE S256), the provider's login page, the redirect back with a
 * code, and the token request. A small cookie jar carries the provider's session between steps.
 */
export class ProviderSession {
  private readonly cookies = new Map<string, string>();
  readonly redirectUri = `${process.env.API_URL}/console/`;
  private discovery?: Record<string, string>;
  private config?: { authority: string; clientId: string; scope: string };

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()];
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0\b/i.test(a.trim()));
      if (expired || !value) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async metadata(): Promise<{ discovery: Record<string, string>; config: { authority: string; clientId: string; scope: string } }> {
    if (!this.config) {
      const answer = await api('GET', '/auth/config');
      if (answer.status !== 200) throw new Error(`GET /auth/config answered ${answer.status}`);
      this.config = answer.body;
    }
    this.discovery ??= (await (await fetch(`${this.config!.authority}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    return { discovery: this.discovery!, config: this.config! };
  }

  /** Starts an authorization request; resolves with where the provider sends the browser next. */
  async authorize(): Promise<{ location: string; verifier: string; state: string }> {
    const { discovery, config } = await this.metadata();
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(16).toString('base64url');
    const query = new URLSearchParams({
      client_id: config.clientId,
      response_type: 'code',
      scope: config.scope,
      redirect_uri: this.redirectUri,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state,
      nonce: randomBytes(16).toString('base64url'),
    });
    const response = await this.fetch(`${discovery.authorization_endpoint}?${query}`);
    return { location: this.absolute(response.headers.get('location') ?? ''), verifier, state };
  }

  /** Follows redirects until the browser would leave the provider (or a page is shown). */
  async follow(location: string): Promise<{ status: number; location?: string; body: string }> {
    let next = location;
    for (let hops = 0; hops < 10; hops += 1) {
      if (!next.startsWith(new URL((await this.metadata()).config.authority).origin)) return { status: 302, location: next, body: '' };
      const response = await this.fetch(next);
      const to = response.headers.get('location');
      if (!to) return { status: response.status, body: await response.text() };
      next = this.absolute(to, next);
    }
    throw new Error('too many redirects');
  }

  /** Posts the provider's login form. */
  async submitLogin(loginPage: string, username: string, password: string): Promise<{ status: number; location?: string; body: string }> {
    const action = /<form method="post" action="([^"]+)"/.exec(loginPage)?.[1];
    if (!action) throw new Error('no login form on the page');
    const response = await this.fetch(this.absolute(action), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username, password }).toString() });
    const to = response.headers.get('location');
    if (!to) return { status: response.status, body: await response.text() };
    return this.follow(this.absolute(to));
  }

  /** The token endpoint's answer for the code the redirect carried. */
  async exchange(callback: string, verifier: string, state: string): Promise<{ access_token: string; id_token: string }> {
    const { discovery, config } = await this.metadata();
    const url = new URL(callback);
    if (url.searchParams.get('state') !== state) throw new Error(`state mismatch in ${callback}`);
    const response = await this.fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(this.redirectUri).origin },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: url.searchParams.get('code') ?? '', redirect_uri: this.redirectUri, client_id: config.clientId, code_verifier: verifier }).toString(),
    });
    const body = (await response.json()) as { access_token: string; id_token: string };
    if (!response.ok) throw new Error(`token endpoint answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  }

  /** The whole sign-in: tokens for the user. */
  async signIn(username: string, password: string): Promise<{ access_token: string; id_token: string }> {
    const { location, verifier, state } = await this.authorize();
    const page = await this.follow(location);
    const back = page.location ? page : await this.submitLogin(page.body, username, password);
    if (!back.location) throw new Error(`sign-in did not come back to the console (${back.status}): ${back.body.slice(0, 300)}`);
    return this.exchange(back.location, verifier, state);
  }

  /** RP-initiated logout as the console does it; resolves with where the provider sends the browser afterwards. */
  async logout(idToken: string): Promise<string | undefined> {
    const { discovery, config } = await this.metadata();
    const query = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: this.redirectUri, client_id: config.clientId });
    const page = await this.follow(`${discovery.end_session_endpoint}?${query}`);
    // The page posts its form itself (a script); a test posts it as the browser would.
    const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1];
    const fields = [...page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    if (!action) throw new Error(`no logout form: ${page.body.slice(0, 300)}`);
    const response = await this.fetch(this.absolute(action), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const to = response.headers.get('location');
    return to ? (await this.follow(this.absolute(to))).location : undefined;
  }

  private absolute(location: string, base?: string): string {
    return new URL(location, base ?? this.config?.authority ?? process.env.AUTH_JWT_ISSUER).toString();
  }
}
