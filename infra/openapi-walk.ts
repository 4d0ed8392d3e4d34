/**
 * Reading the published OpenAPI document (`GET /docs-json`) to generate requests: every
 * operation, its path and query parameters, and the fields of its body schema as the dotted JSON
 * paths our 400s name (`talent.name`, `documents.0.reference`). Used by `npm run fuzz` and the
 * input-hygiene e2e test, so a new endpoint or field is covered without editing either.
 */
import { registeredAction } from '../libs/processes/registry';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the OpenAPI document, read as published
export type OpenApi = any;

export interface ApiOperation {
  method: string;
  path: string;
  parameters: Array<{ name: string; in: 'path' | 'query'; schema?: OpenApi }>;
  body?: OpenApi;
}

export function operationsOf(spec: OpenApi): ApiOperation[] {
  return Object.entries(spec.paths as Record<string, Record<string, OpenApi>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: (op.parameters ?? []).filter((p: OpenApi) => p.in === 'path' || p.in === 'query'),
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

function resolve(spec: OpenApi, schema: OpenApi): OpenApi {
  if (!schema) return undefined;
  if (schema.$ref) return spec.components.schemas[schema.$ref.split('/').pop()];
  if (schema.allOf?.length === 1) return resolve(spec, schema.allOf[0]);
  return schema;
}

/**
 * Which kind of party a generated request is sent as, so that it reaches validation rather than
 * stopping at the role check: supervisors for supervision, clocks and the calendar, a process's
 * own step actions as their definition says (experts score), agencies for steps and inboxes, applicants for the rest.
 */
export function roleForPath(path: string, method = 'GET'): 'applicant' | 'agency' | 'supervisor' | 'expert' {
  if (path.startsWith('/supervision') || /\/(urge|reassign|reassign-options|extensions)$/.test(path) || (path.startsWith('/calendar') && method !== 'GET')) return 'supervisor';
  // A process's own step action, as the registry says who may take it (an expert's score …).
  const own = path.startsWith('/steps/') ? registeredAction('step', path.split('/').pop() ?? '') : undefined;
  const role = own?.definition.roles[0];
  if (role === 'applicant' || role === 'agency' || role === 'supervisor' || role === 'expert') return role;
  if (path.startsWith('/steps') || path === '/inbox' || path === '/worklist') return 'agency';
  return 'applicant';
}

const join = (parent: string, name: string): string => (parent ? `${parent}.${name}` : name);

/** Every string in a body schema, nested objects and arrays (index 0) included. */
export function stringFields(spec: OpenApi, schema: OpenApi, path = ''): string[] {
  const resolved = resolve(spec, schema);
  if (!resolved) return [];
  if (resolved.type === 'string') return [path];
  if (resolved.type === 'array') return stringFields(spec, resolved.items, join(path, '0'));
  return Object.entries(resolved.properties ?? {}).flatMap(([name, property]) => stringFields(spec, property, join(path, name)));
}

/** Every object in a body schema, where an unknown key could hide: '' is the body itself. */
export function objectPaths(spec: OpenApi, schema: OpenApi, path = ''): string[] {
  const resolved = resolve(spec, schema);
  if (!resolved) return [];
  if (resolved.type === 'array') return objectPaths(spec, resolved.items, join(path, '0'));
  if (!resolved.properties) return [];
  return [path, ...Object.entries(resolved.properties).flatMap(([name, property]) => objectPaths(spec, property, join(path, name)))];
}

/** Sets `value` at a dotted JSON path (a number is an array index), creating what is missing; an own property even for `__proto__`. */
export function setPath<T extends object>(target: T, path: string, value: unknown): T {
  const steps = path.split('.');
  let node: object = target;
  steps.forEach((step, i) => {
    const existing = (node as Record<string, unknown>)[step];
    const next = i === steps.length - 1 ? value : existing && typeof existing === 'object' ? existing : /^\d+$/.test(steps[i + 1]) ? [] : {};
    Object.defineProperty(node, step, { value: next, enumerable: true, writable: true, configurable: true });
    node = next as object;
  });
  return target;
}

/**
 * How a lone surrogate travels in a URL: its WTF-8 bytes, percent-encoded. Standard encoders
 * cannot send one (encodeURIComponent throws, URL writes U+FFFD), a hand-made client can.
 */
export function wtf8Percent(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i += 1) {
    const unit = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    const point = unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? ((unit - 0xd800) << 10) + (next - 0xdc00) + 0x10000 : unit;
    if (point > 0xffff) i += 1;
    const bytes =
      point < 0x80
        ? [point]
        : point < 0x800
          ? [0xc0 | (point >> 6), 0x80 | (point & 63)]
          : point < 0x10000
            ? [0xe0 | (point >> 12), 0x80 | ((point >> 6) & 63), 0x80 | (point & 63)]
            : [0xf0 | (point >> 18), 0x80 | ((point >> 12) & 63), 0x80 | ((point >> 6) & 63), 0x80 | (point & 63)];
    out += bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

/** Strings Postgres cannot store exactly, with what the 400 says of each; and one it can that must pass. */
export const UNSTORABLE_SAMPLES: Array<{ label: string; text: string; what: string }> = [
  { label: 'a lone high surrogate', text: '\ud800', what: '孤立代理项 U+D800' },
  { label: 'a lone low surrogate', text: '\udc00', what: '孤立代理项 U+DC00' },
  { label: 'a reversed pair', text: '\udc00\ud800', what: '孤立代理项 U+DC00' },
  { label: 'NUL', text: '\u0000', what: '空字符 U+0000' },
];
export const ASTRAL_SAMPLE = '😀';

/** Keys class-transformer skips (so they used to vanish with a 201), and a plain unknown one. */
export const VANISHING_KEYS = ['__proto__', 'constructor', 'prototype', 'unknownField'];
