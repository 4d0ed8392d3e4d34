import { useCallback, useEffect, useState } from 'react';
import { ApiError, request, type Answer } from './client';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Reads it again now (after an action), keeping what is shown meanwhile. */
  reload: () => void;
}

export interface ResourceOptions {
  /**
   * How it stays current: 'long-poll' (a case page, an inbox: If-None-Match + Prefer: wait,
   * answered by the API as soon as it changes) or a refresh every N ms (dashboards, lists).
   */
  watch?: 'long-poll' | number;
  anonymous?: boolean;
}

interface Held<T> {
  key: string;
  data?: T;
  error?: ApiError;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** A GET the view shows, kept current as `watch` says; `path` null reads nothing. */
export function useResource<T>(path: string | null, options: ResourceOptions = {}): Resource<T> {
  const { watch, anonymous } = options;
  const [generation, setGeneration] = useState(0);
  const key = `${path}#${generation}`;
  const [held, setHeld] = useState<Held<T>>({ key: '' });

  useEffect(() => {
    if (!path) return;
    const stop = new AbortController();
    const { signal } = stop;
    const keep = (next: Omit<Held<T>, 'key'>) => {
      if (!signal.aborted) setHeld((before) => ({ ...(before.key.split('#')[0] === path ? before : {}), ...next, key }));
    };
    void (async () => {
      let etag: string | null = null;
      let first = true;
      while (!signal.aborted) {
        try {
          const longPoll: boolean = watch === 'long-poll' && etag !== null;
          const answer: Answer<T> = await request<T>('GET', path, undefined, {
            signal,
            anonymous,
            headers: longPoll ? { 'if-none-match': etag!, prefer: 'wait=25' } : {},
          });
          if (answer.status === 200) {
            etag = answer.etag;
            keep({ data: answer.body, error: undefined });
          }
          if (!watch) return;
          if (typeof watch === 'number') await sleep(watch, signal);
        } catch (error) {
          if (signal.aborted) return;
          if (error instanceof ApiError) keep({ error, ...(first ? { data: undefined } : {}) });
          // A 4xx the view shows stays until asked again; the API away is tried again shortly.
          if (!watch || (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429)) return;
          await sleep(2000, signal);
        }
        first = false;
      }
    })();
    return () => stop.abort();
  }, [path, watch, anonymous, key]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const current = held.key.split('#')[0] === path;
  return {
    data: current ? held.data : undefined,
    error: current ? held.error : undefined,
    loading: path !== null && held.key !== key && !(current && held.data !== undefined),
    reload,
  };
}
