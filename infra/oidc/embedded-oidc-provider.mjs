// The embedded OpenID provider for development and tests: oidc-provider (panva), which is ESM
// only, so it runs as a process of its own, started by infra/stack.ts with its whole setting in
// OIDC_PROVIDER_SETTINGS (see infra/oidc/oidc-provider-settings.ts, which builds it). Never in
// production: the launcher does not start it there and the API refuses to trust it.
import { createServer } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

// Two warnings are true of this provider by design (development only: state in memory, and
// whichever Node the project runs on); any other warning is shown.
const EXPECTED_WARNINGS = [/Unsupported runtime/, /in-memory adapter/];
const warn = console.warn.bind(console);
console.warn = (...args) => {
  if (!EXPECTED_WARNINGS.some((expected) => expected.test(String(args[0])))) warn(...args);
};
const { default: Provider } = await import('oidc-provider');

const settings = JSON.parse(process.env.OIDC_PROVIDER_SETTINGS ?? 'null');
if (!settings) {
  console.error('OIDC_PROVIDER_SETTINGS is not set: this provider is started by infra/stack.ts');
  process.exit(1);
}
if (process.env.NODE_ENV === 'production') {
  console.error('Invalid configuration:\n  the embedded OpenID provider is for development and tests only; production names its own provider (AUTH_OIDC_DISCOVERY_URL)');
  process.exit(1);
}

const users = new Map(settings.users.map((u) => [u.userId, u]));
const ROLE_LABELS = { applicant: '申请人（企业）', agency: '部门经办人', expert: '评审专家', supervisor: '电子监察' };

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const sameText = (a, b) => {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The claims each demo user carries, under the names the API reads (AUTH_CLAIM_*). */
function claimsOf(user) {
  const c = settings.claimNames;
  return {
    sub: user.userId,
    [c.name]: user.name,
    [c.roles]: [user.role],
    ...(user.agency ? { [c.agency]: user.agency } : {}),
    ...(user.applicantId ? { [c.applicantId]: user.applicantId } : {}),
  };
}

const page = (title, body) => `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f0f2f5;margin:0;padding:40px 16px;color:#1f1f1f}
main{max-width:420px;margin:0 auto;background:#fff;border-radius:8px;padding:28px 32px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:20px;margin:0 0 4px}p.sub{color:#666;margin:0 0 20px;font-size:13px}
label{display:block;margin:12px 0 4px;font-size:14px}input{width:100%;box-sizing:border-box;padding:8px 10px;font-size:15px;border:1px solid #d9d9d9;border-radius:6px}
button{margin-top:20px;width:100%;padding:9px;font-size:15px;border:0;border-radius:6px;background:#1677ff;color:#fff;cursor:pointer}
.error{background:#fff2f0;border:1px solid #ffccc7;color:#a8071a;padding:8px 12px;border-radius:6px;font-size:14px}
details{margin-top:24px;font-size:13px;color:#555}td{padding:2px 8px 2px 0}code{background:#f5f5f5;padding:0 4px}
</style></head><body><main>${body}</main></body></html>`;

function loginPage(uid, { username = '', error } = {}) {
  const byRole = Object.keys(ROLE_LABELS).map((role) => {
    const rows = settings.users.filter((u) => u.role === role).map((u) => `<tr><td><code>${escape(u.userId)}</code></td><td>${escape(u.name)}</td></tr>`).join('');
    return `<tr><th colspan="2" align="left">${ROLE_LABELS[role]}</th></tr>${rows}`;
  });
  return page(
    '统一身份认证 · 登录',
    `<h1>统一身份认证</h1><p class="sub">北京市企业服务事项联办平台（开发环境）</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
<label for="username">用户名</label><input id="username" name="username" value="${escape(username)}" required autofocus>
<label for="password">密码</label><input id="password" name="password" type="password" required>
<button type="submit">登录</button>
</form>
<details><summary>开发环境演示用户（密码均为 <code>${escape(settings.password)}</code>）</summary><table>${byRole.join('')}</table></details>`,
  );
}

const provider = new Provider(settings.issuer, {
  clients: [
    {
      client_id: settings.clientId,
      token_endpoint_auth_method: 'none',
      application_type: 'web',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: settings.redirectUris,
      post_logout_redirect_uris: settings.redirectUris,
    },
  ],
  jwks: settings.jwks,
  cookies: { keys: settings.cookieKeys },
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: [settings.claimNames.name, settings.claimNames.roles, settings.claimNames.agency, settings.claimNames.applicantId] },
  conformIdTokenClaims: false,
  findAccount: (_ctx, id) => {
    const user = users.get(id);
    return user && { accountId: id, claims: () => claimsOf(user) };
  },
  // The consoles are ours: no consent screen, the grant is made at sign-in.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    grant.addResourceScope(settings.resource, settings.resourceScope);
    await grant.save();
    return grant;
  },
  clientBasedCORS: (_ctx, origin, client) => client.redirectUris.some((uri) => URL.parse(uri)?.origin === origin),
  // The API's tokens: JWTs for its audience, carrying the claims it reads roles and agency from.
  extraTokenClaims: (_ctx, token) => {
    if (token.kind !== 'AccessToken') return undefined;
    const user = users.get(token.accountId);
    if (!user) return undefined;
    const claims = claimsOf(user);
    delete claims.sub; // the token's own sub is set by the provider
    return claims;
  },
  ttl: { AccessToken: settings.accessTokenSeconds, IdToken: settings.accessTokenSeconds, Session: 8 * 3600, Interaction: 600, Grant: 8 * 3600 },
  features: {
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => settings.resource,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        if (resource !== settings.resource) throw new Provider.errors.InvalidTarget();
        return { scope: settings.resourceScope, audience: settings.audience, accessTokenFormat: 'jwt', accessTokenTTL: settings.accessTokenSeconds, jwt: { sign: { alg: 'RS256' } } };
      },
    },
    rpInitiatedLogout: {
      enabled: true,
      // Signing out in a console ends the session here at once: the form posts itself.
      logoutSource: (ctx, form) => {
        ctx.body = page(
          '统一身份认证 · 退出',
          `<h1>正在退出登录…</h1>${form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}
<noscript><button type="submit" form="op.logoutForm">退出登录</button></noscript>
<script>document.getElementById('op.logoutForm').submit()</script>`,
        );
      },
      postLogoutSuccessSource: (ctx) => {
        ctx.body = page('统一身份认证 · 已退出', '<h1>您已退出登录</h1><p class="sub">可以关闭此页面。</p>');
      },
    },
  },
  renderError: (ctx, out) => {
    ctx.type = 'html';
    ctx.body = page('统一身份认证 · 出错', `<h1>登录未能完成</h1><p class="error">${escape(out.error)}：${escape(out.error_description ?? '')}</p><p class="sub">请回到业务系统重新登录。</p>`);
  },
});
// Behind nothing: the issuer is plain http on loopback in development.
provider.proxy = false;

function readForm(req) {
  return new Promise((resolveBody, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error('form too large'));
    });
    req.on('end', () => resolveBody(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
  res.end(html);
}

/** The sign-in screens (oidc-provider leaves them to us); everything else is the provider's. */
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page('统一身份认证', '<p class="error">登录请求已失效，请回到业务系统重新登录。</p>'));
  if (req.method === 'GET' && !action) return send(res, 200, loginPage(uid));
  if (req.method === 'POST' && action === 'login') {
    const form = await readForm(req);
    const username = (form.get('username') ?? '').trim();
    const user = users.get(username);
    if (!user || !sameText(form.get('password') ?? '', settings.password)) {
      return send(res, 401, loginPage(uid, { username, error: '用户名或密码错误，请重新输入。' }));
    }
    return provider.interactionFinished(req, res, { login: { accountId: user.userId } }, { mergeWithLastSubmission: false });
  }
  return send(res, 404, page('统一身份认证', '<p class="error">页面不存在。</p>'));
}

const callback = provider.callback();
const server = createServer((req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login))?\/?$/.exec(new URL(req.url ?? '/', settings.issuer).pathname);
  if (!match) return callback(req, res);
  interaction(req, res, match[1], match[2]).catch((error) => {
    const expired = error instanceof Provider.errors.SessionNotFound;
    send(res, expired ? 400 : 500, page('统一身份认证', `<p class="error">${expired ? '登录请求已过期，请回到业务系统重新登录。' : '登录出错，请稍后再试。'}</p>`));
    if (!expired) console.error(error);
  });
});

server.on('error', (error) => {
  console.error(`Error: ${error.message}`);
  process.exit(1);
});
server.listen(settings.port, settings.host, () => {
  process.send?.({ listening: settings.issuer });
});
// The launcher gone without stopping us: go too.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
