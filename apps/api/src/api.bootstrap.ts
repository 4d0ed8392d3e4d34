import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { ApiConfig, nestLogLevels, projectRoot } from '../../../libs/config';
import { createValidationPipe, requestHygiene } from '../../../libs/dto';
import { MaskingConsoleLogger } from '../../../libs/logging';
import { HttpMetrics } from '../../../libs/observability';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTERED } from '../../../libs/processes';
import { ApiModule } from './api.module';
import { documentActionsPerProcess, documentFilingPerProcess } from './processes/process-openapi';
import { requestContext } from './request-context.middleware';

/** This response's nonce for `<style>` elements: a fresh one per answer (consoleNonce below). */
const styleNonce = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce as string}'`;

/**
 * The consoles load only their own files (dist/console: no inline script, no style attribute)
 * and talk only to this API; nothing may frame them. Directives are listed, not helmet's
 * defaults, so the policy says exactly what the pages need. Ant Design writes its styles as
 * `<style>` elements at run time (CSS-in-JS), and its table and dialog helpers add their own
 * (scroll-bar measurement, scroll lock), so style elements carrying this response's nonce are
 * allowed; style attributes and scripts stay 'self' only. The consoles sign in at the OpenID
 * provider: its origin alone is added to connect-src (discovery and token requests), see
 * consolePolicy.
 */
const CONSOLE_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'none'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'"],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", styleNonce],
};

/** The consoles' policy, with the OpenID provider's origin (its discovery URL's) the one other place they may fetch from. */
function consolePolicy(discoveryUrl: string): Directives {
  return { ...CONSOLE_POLICY, 'connect-src': ["'self'", new URL(discoveryUrl).origin] };
}

type Directives = Record<string, Array<string | typeof styleNonce>>;

function securityHeaders(policy: Directives) {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: policy },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** One set of headers for every answer (pages, files, JSON, errors); the docs page gets its own CSP. */
function browserHardening(discoveryUrl: string) {
  const consoles = consolePolicy(discoveryUrl);
  const everywhere = securityHeaders(consoles);
  // Swagger UI's page carries a <style> block and style attributes, and its CSS draws with data: images.
  const docs = securityHeaders({ ...consoles, 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"] });
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    return (req.path === '/docs' || req.path.startsWith('/docs/') ? docs : everywhere)(req, res, next);
  };
}

/**
 * The role consoles, as `npm run build:console` leaves them in dist/console (apps/console is
 * their source). The page is answered with this response's nonce in it, never cached (the nonce
 * must match the policy sent with it); the script, stylesheet and icon are plain static files.
 */
function serveConsole(app: NestExpressApplication): void {
  const root = join(projectRoot(), 'dist', 'console');
  const page = join(root, 'index.html');
  let template: string | undefined;
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !['/console', '/console/', '/console/index.html', '/favicon.ico'].includes(req.path)) return next();
    if (req.path === '/console') return res.redirect(301, '/console/');
    // Browsers that ask for the site's icon regardless of the page's <link rel="icon">.
    if (req.path === '/favicon.ico') return res.redirect(301, '/console/favicon.svg');
    if (!existsSync(page)) return res.status(503).type('text/plain; charset=utf-8').send('控制台尚未构建：请先运行 npm run build:console（npm start 与 npm test 会自动构建）');
    template ??= readFileSync(page, 'utf8');
    res.set('Cache-Control', 'no-store').type('html').send(template.replaceAll('__CSP_NONCE__', res.locals.cspNonce as string));
  });
  app.useStaticAssets(root, { prefix: '/console/', index: false });
}

export async function startApi(config: ApiConfig): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    // Passport and ID numbers are masked in whatever Nest logs (an unhandled error echoing a body).
    logger: new MaskingConsoleLogger({ logLevels: nestLogLevels(config.NODE_ENV) }),
    bodyParser: false,
  });
  app.disable('x-powered-by');
  // First, so every answer is counted, refusals included (by route template and status: GET /metrics).
  app.use(app.get(HttpMetrics).middleware);
  // Clients are counted by address (rate limits, refused tokens): behind a proxy, read it from X-Forwarded-For.
  if (config.API_TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(config.API_TRUST_PROXY) ? Number(config.API_TRUST_PROXY) : config.API_TRUST_PROXY.split(',').map((s) => s.trim()));
  app.use(browserHardening(config.AUTH_OIDC_DISCOVERY_URL));
  // An application is a few kilobytes; anything far larger is refused before it is parsed.
  app.useBodyParser('json', { limit: '64kb' });
  // Before anything recursive sees the body: unstorable text, deep nesting, keys that would vanish.
  app.use(requestHygiene);
  app.use(requestContext);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  // Production publishes its API description only when asked to (API_DOCS_ENABLED).
  if (config.API_DOCS_ENABLED) {
    const document = documentActionsPerProcess(documentFilingPerProcess(SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Beijing enterprise-support approvals')
        .setDescription(REGISTERED.map((p) => `${p.names.zh} (${p.names.en})`).join('; '))
        .setVersion('0.1')
        .addBearerAuth()
        .build(),
    )));
    SwaggerModule.setup('docs', app, document);
  }
  // The role consoles: pages over this same API and the same tokens.
  serveConsole(app);
  await app.listen(config.API_PORT, config.API_HOST);
  const address = app.getHttpServer().address();
  const url = `http://${config.API_HOST}:${typeof address === 'object' && address ? address.port : config.API_PORT}`;
  Logger.log(`API listening on ${url}${config.API_DOCS_ENABLED ? ` (OpenAPI at ${url}/docs)` : ''}`, 'Api');
  return { app, url };
}
