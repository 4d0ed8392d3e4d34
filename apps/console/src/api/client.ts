import { currentHref, navigate } from '../router';
import { session } from '../session';
import type { ErrorBody, FieldError } from './views';

/** Every request asks for Chinese: the API answers its errors in the language asked for. */
const LANGUAGE = 'zh-CN';

/** A refused or failed request, with the API's own body: the message to show and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(messageOf(status, body));
  }

  /** Errors by field, for a form to show beside its fields. */
  get fieldErrors(): FieldError[] {
    return this.body?.errors ?? [];
  }
}

function messageOf(status: number, body: ErrorBody | undefined): string {
  const message = Array.isArray(body?.message) ? body.message.join('；') : body?.message;
  if (message) return message;
  if (status === 0) return '无法连接服务器，请检查网络后重试';
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '无权进行此操作';
  if (status === 404) return '未找到';
  if (status === 429) return '请求过于频繁，请稍后再试';
  if (status >= 500) return `服务暂不可用（${status}），请稍后再试`;
  return `请求未能完成（${status}）`;
}

// An action not answered for certain (503: processing paused; or no answer at all) may still
// be carried out later. Done again, it goes with the same Idempotency-Key, so the API takes it
// for the same action and answers with its outcome instead of doing it twice.
const unanswered = new Map<string, string>();

export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** No bearer token (public pages), even when someone is signed in. */
  anonymous?: boolean;
}

export interface Answer<T> {
  status: number;
  body: T;
  etag: string | null;
}

/**
 * One call to the API as the signed-in user. A 401 on a signed-in call ends the session and
 * goes to the login, which comes back here afterwards. Non-GET calls carry an Idempotency-Key.
 */
export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<Answer<T>> {
  const signedIn = options.anonymous ? null : session.get();
  const headers: Record<string, string> = { 'accept-language': LANGUAGE, accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (signedIn) headers.authorization = `Bearer ${signedIn.token}`;
  const action = method !== 'GET' && !headers['idempotency-key'] ? `${method} ${path} ${JSON.stringify(body ?? null)}` : null;
  if (action) {
    if (!unanswered.has(action)) unanswered.set(action, crypto.randomUUID());
    headers['idempotency-key'] = unanswered.get(action)!;
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: options.signal, cache: 'no-store' });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, undefined);
  }
  if (action && response.status < 500) unanswered.delete(action);
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = { statusCode: response.status, message: text };
  }
  if (response.status === 401 && signedIn) {
    session.clear();
    if (!currentHref().startsWith('/login')) navigate(`/login?next=${encodeURIComponent(currentHref())}`, { replace: true });
  }
  if (!response.ok && response.status !== 304) throw new ApiError(response.status, parsed as ErrorBody | undefined);
  return { status: response.status, body: parsed as T, etag: response.headers.get('etag') };
}

export const api = {
  get: async <T>(path: string, options?: RequestOptions) => (await request<T>('GET', path, undefined, options)).body,
  post: async <T>(path: string, body: unknown = {}, options?: RequestOptions) => (await request<T>('POST', path, body, options)).body,
};

/** A path with its query, dropping empty parameters. */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)]));
  const q = search.toString();
  return q ? `${path}?${q}` : path;
}

/** Downloads a file the API answers (an Excel export), named as the API names it. */
export async function download(path: string, fallbackName: string): Promise<string> {
  const signedIn = session.get();
  const response = await fetch(path, { headers: { 'accept-language': LANGUAGE, ...(signedIn ? { authorization: `Bearer ${signedIn.token}` } : {}) }, cache: 'no-store' }).catch(() => {
    throw new ApiError(0, undefined);
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
    throw new ApiError(response.status, body);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : (/filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return name;
}

/** Sends one file as multipart/form-data without a token (the public verification of a PDF); the answer as JSON. */
export async function postFile<T>(path: string, field: string, file: Blob, name: string): Promise<T> {
  const form = new FormData();
  form.append(field, file, name);
  const response = await fetch(path, { method: 'POST', headers: { 'accept-language': LANGUAGE, accept: 'application/json' }, body: form, cache: 'no-store' }).catch(() => {
    throw new ApiError(0, undefined);
  });
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) throw new ApiError(response.status, body as ErrorBody | undefined);
  return body as T;
}
