import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { Actor } from './api/views';
import { syncRoute } from './router';
import { session } from './session';

/** Where the API says the consoles sign in (GET /auth/config). */
export interface SignInConfig {
  authority: string;
  discoveryUrl: string;
  clientId: string;
  scope: string;
  devLogin: boolean;
}

/** The console's one address: sign-in and sign-out come back here; the page it was on rides in the state. */
const consoleUrl = () => `${location.origin}/console/`;

let config: Promise<SignInConfig> | undefined;
/** Why the last return from the provider did not sign in (the login page shows it). */
export let signInFailure: string | undefined;
let manager: Promise<UserManager> | undefined;

export function signInConfig(): Promise<SignInConfig> {
  config ??= fetch('/auth/config', { headers: { accept: 'application/json', 'accept-language': 'zh-CN' }, cache: 'no-store' })
    .then(async (response) => {
      if (!response.ok) throw new Error(((await response.json().catch(() => ({}))) as { message?: string }).message ?? `统一身份认证配置不可用（${response.status}）`);
      return (await response.json()) as SignInConfig;
    })
    .catch((error: unknown) => {
      config = undefined;
      throw error;
    });
  return config;
}

/** oidc-client-ts for the provider the API names: authorization code with PKCE (S256), no client secret. */
function userManager(): Promise<UserManager> {
  manager ??= signInConfig().then(
    (c) =>
      new UserManager({
        authority: c.authority,
        metadataUrl: c.discoveryUrl,
        client_id: c.clientId,
        redirect_uri: consoleUrl(),
        post_logout_redirect_uri: consoleUrl(),
        response_type: 'code',
        scope: c.scope,
        loadUserInfo: false,
        automaticSilentRenew: false,
        // The console keeps its own session (session.ts); the library's user only lives through the redirect.
        userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      }),
  );
  return manager;
}

/** Goes to the provider's sign-in; `next` is the console page to land on afterwards. */
export async function signInAtProvider(next: string): Promise<void> {
  await (await userManager()).signinRedirect({ state: { next } });
}

/** Where a sign-in may send someone back to: a page of this console, never elsewhere. */
export const safeNext = (next: unknown) => (typeof next === 'string' && next.startsWith('/') && !next.startsWith('/login') ? next : '/');

/**
 * The provider sent the browser back with a code (or an error): exchanges it (with the PKCE
 * verifier kept since the redirect), asks the API who the token names, starts the session and
 * puts the page that asked for the sign-in back in the address bar. A failure is kept in
 * signInFailure for the login page.
 */
export async function completeSignIn(): Promise<void> {
  const query = new URLSearchParams(location.search);
  if (!query.has('state') || !(query.has('code') || query.has('error'))) return;
  let next = '/';
  try {
    const user = await (await userManager()).signinRedirectCallback();
    next = safeNext((user.state as { next?: unknown } | undefined)?.next);
    const response = await fetch('/auth/me', { headers: { authorization: `Bearer ${user.access_token}`, accept: 'application/json', 'accept-language': 'zh-CN' }, cache: 'no-store' });
    const body = (await response.json()) as Actor & { message?: string };
    if (!response.ok) throw new Error(body.message ?? `登录未能完成（${response.status}）`);
    session.start(user.access_token, body, user.id_token);
    await (await userManager()).removeUser();
  } catch (error) {
    signInFailure = `统一身份认证登录未能完成：${(error as Error).message}`;
    next = '/login';
  }
  history.replaceState(null, '', `${location.pathname}#${next}`);
  syncRoute();
}

/** Ends the session here and at the provider (RP-initiated logout); the provider sends the browser back to the sign-in. */
export async function signOut(): Promise<void> {
  const ended = session.get();
  session.clear();
  if (!ended?.idToken) {
    location.hash = '#/login';
    return;
  }
  await (await userManager()).signoutRedirect({ id_token_hint: ended.idToken });
}
