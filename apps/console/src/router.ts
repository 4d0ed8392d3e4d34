import { useSyncExternalStore } from 'react';

/**
 * Hash routes (`#/cases/high-tech-…?tab=steps`): the API serves one page, so every address
 * the console shows is a hash, and a link copied from it opens the same view.
 */
export interface Route {
  /** The path after `#`, without the query: `/cases/high-tech-…`. */
  path: string;
  segments: string[];
  query: URLSearchParams;
  /** The whole hash as it stands: what a login comes back to. */
  href: string;
}

function parse(hash: string): Route {
  const href = hash.replace(/^#/, '') || '/';
  const [path, search = ''] = href.split('?');
  return { path, segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search), href };
}

let route = parse(location.hash);
const listeners = new Set<() => void>();
/** Reads the address again: after history.replaceState (the sign-in's return), which fires no hashchange. */
export function syncRoute(): void {
  route = parse(location.hash);
  listeners.forEach((l) => l());
}
window.addEventListener('hashchange', syncRoute);

export function useRoute(): Route {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => route,
  );
}

/** `#/…` for a path and query, dropping empty parameters. */
export function hrefOf(path: string, query: Record<string, string | number | undefined | null> = {}): string {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)]));
  const q = search.toString();
  return `#${path}${q ? `?${q}` : ''}`;
}

export function navigate(href: string, { replace = false } = {}): void {
  const target = href.startsWith('#') ? href : `#${href}`;
  if (replace) location.replace(target);
  else location.hash = target;
}

export const caseHref = (id: string) => `#/cases/${encodeURIComponent(id)}`;

/** The route shown now, outside React (the API client sends a login back here). */
export const currentHref = (): string => route.href;
