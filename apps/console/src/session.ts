import { useSyncExternalStore } from 'react';
import type { Actor } from './api/views';

/**
 * Who is signed in: the bearer token and the user it names, kept in localStorage so a case
 * link opened in a new tab is signed in too, and forgotten once the token has expired (its
 * `exp`). Signing out in one tab signs out every tab (the storage event).
 */
const KEY = 'beijing-approvals.session';

export interface Session {
  token: string;
  user: Actor;
  expiresAt: number;
  /** From the OpenID provider: what logging out hands back to it to end its session too. */
  idToken?: string;
}

function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return (payload.exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}

let current: Session | null = read();
const listeners = new Set<() => void>();

function read(): Session | null {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    return stored && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

function changed(): void {
  listeners.forEach((listener) => listener());
}

window.addEventListener('storage', (event) => {
  if (event.key !== KEY) return;
  current = read();
  changed();
});

export const session = {
  /** The session, unless its token has expired (then it is as if signed out). */
  get(): Session | null {
    return current && current.expiresAt > Date.now() ? current : null;
  },
  start(token: string, user: Actor, idToken?: string): void {
    current = { token, user, expiresAt: expiryOf(token), idToken };
    localStorage.setItem(KEY, JSON.stringify(current));
    changed();
  },
  clear(): void {
    current = null;
    localStorage.removeItem(KEY);
    changed();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** The signed-in user, re-rendering on sign-in and sign-out (in any tab). */
export function useSession(): Session | null {
  return useSyncExternalStore(session.subscribe, session.get);
}
