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
