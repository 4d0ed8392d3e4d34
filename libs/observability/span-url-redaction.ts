import type { Span } from '@opentelemetry/api';

/** The attributes of HTTP spans (old and stable semantic conventions) that hold the request's path or whole URL. */
const PATH_KEYS = ['http.target', 'url.path'] as const;
const URL_KEYS = ['http.url', 'url.full'] as const;

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/**
 * Replaces the path in an HTTP span's URL attributes with `path` (a route template or a
 * redactedPath) and empties its query: the departments' paths carry credit codes, and a span is
 * read by whoever runs the tracing backend, which is no place for an enterprise's identity.
 * Only attributes the span already has are rewritten, so no convention is added that was not in use.
 */
export function redactUrlAttributes(span: Span, path: string): void {
  const attributes = (span as Partial<{ attributes: Record<string, unknown> }>).attributes;
  if (!attributes) return;
  for (const key of PATH_KEYS) if (key in attributes) span.setAttribute(key, path);
  for (const key of URL_KEYS) {
    const url = attributes[key];
    if (typeof url === 'string') span.setAttribute(key, `${originOf(url)}${path}`);
  }
  if ('url.query' in attributes) span.setAttribute('url.query', '');
}
