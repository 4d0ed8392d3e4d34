import { randomUUID } from 'node:crypto';
import { ServiceTokenSigner, departmentsCaller } from '../../libs/auth/service-token';
import { randomCreditCode } from '../../libs/domain';

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

function base(service: 'api' | 'departments'): string {
  const url = service === 'api' ? process.env.API_URL : process.env.DEPARTMENTS_URL;
  if (!url) throw new Error(`${service} URL not set: is the e2e global setup running?`);
  return url;
}

export async function http<T = any>(
  service: 'api' | 'departments',
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer<T>> {
  const response = await fetch(`${base(service)}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export const api = <T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => http<T>('api', method, path, body, headers);
let testsCaller: ServiceTokenSigner | undefined;
/** The tests call the departments as a service of their own, with a token signed by the stack's key. */
export function departmentsHeaders(): Record<string, string> {
  testsCaller ??= departmentsCaller('approvals-tests');
  return testsCaller.headers();
}

export const departments = <T = any>(method: string, path: string, body?: unknown) => http<T>('departments', method, path, body, departmentsHeaders());

/** A valid, unused 统一社会信用代码 for each test, so tests never share an enterprise. */
export const uniqueCreditCode = randomCreditCode;

export function idempotencyKey(): string {
  return randomUUID();
}

export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
