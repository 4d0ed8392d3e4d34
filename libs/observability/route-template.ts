import type { IncomingMessage } from 'node:http';

/** What Express leaves on a request it routed: the matched route, relative to its router's mount point. */
type RoutedRequest = IncomingMessage & { route?: { path?: unknown }; baseUrl?: string; originalUrl?: string };

/**
 * The route template a request matched (`/cases/:id`), never the raw path: labels and span names
 * stay few however many cases there are. Undefined when no route matched.
 */
export function matchedRoute(req: IncomingMessage): string | undefined {
  const { route, baseUrl } = req as RoutedRequest;
  const path = route?.path;
  if (typeof path === 'string') return `${baseUrl ?? ''}${path}` || '/';
  if (Array.isArray(path)) return `${baseUrl ?? ''}${path.join('|')}`;
  return undefined;
}

/**
 * The route label of a request for metrics: the template it matched, or for what no controller
 * routes, one fixed label per kind (the consoles' static files, the OpenAPI page, anything else),
 * so a scan of random paths cannot make a series per path.
 */
export function routeLabel(req: IncomingMessage): string {
  const route = matchedRoute(req);
  if (route) return route;
  const path = ((req as RoutedRequest).originalUrl ?? req.url ?? '').split('?')[0];
  if (path === '/console' || path.startsWith('/console/')) return '/console/*';
  if (path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-')) return '/docs/*';
  return 'unmatched';
}

/** How a route's fixed segments are spelled: lowercase kebab-case words (`rd-expenses`, `cases`). */
const ROUTE_WORD = /^[a-z]+(?:-[a-z]+)*$/;

/**
 * A path fit for a span attribute when no route template is known (a call to a department, a
 * path no controller routes): the fixed words kept, every other segment — a credit code, a year,
 * a permit, case or passport number, an encoded name — replaced by `:value`, and the query
 * string dropped. `/tax/rd-expenses/91110108MA01XQ4T72/2025?x=1` → `/tax/rd-expenses/:value/:value`.
 */
export function redactedPath(path: string): string {
  const pathname = path.split(/[?#]/)[0];
  return pathname
    .split('/')
    .map((segment) => (segment === '' || ROUTE_WORD.test(segment) ? segment : ':value'))
    .join('/');
}
