import type { NextFunction, Request, Response } from 'express';
import { CONTENT_LANGUAGE, FieldProblem, languageOf, localizeErrorBody } from '../i18n/error-catalogue';
import { codePointLabel, findUnstorable } from '../persistence/storable-text';
import { invalidRequest, problem } from './api-error';

/** Our bodies nest fewer than 6 levels; anything far deeper is an attack on whatever recurses next. */
export const MAX_BODY_DEPTH = 32;
/** Past this many findings the rest adds nothing. */
const MAX_ERRORS = 20;

/**
 * Names every object in JavaScript has (`__proto__`, `constructor`, `toString`, …) plus
 * `prototype`: class-transformer skips such keys, so class-validator never sees them to refuse
 * them as unknown, and they would vanish with a 201. None is a field of ours.
 */
const BUILT_IN_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** `a\uD800b` → `a\\uD800b`: a field name that names a bad or invisible character instead of carrying it (valid pairs stay). */
function printable(key: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what we write out
  return key.replace(/[\u0000-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

function checkText(text: string, field: string, errors: FieldProblem[]): FieldProblem[] {
  const found = findUnstorable(text);
  if (found) {
    const code = found.kind === 'nul' ? 'validation.storableText.nul' : 'validation.storableText.loneSurrogate';
    errors.push(problem(field, 'storableText', code, { field, codePoint: codePointLabel(found.codeUnit) }));
  }
  return errors;
}

/** Strict percent-decoding: invalid UTF-8 (how a lone surrogate travels in a URL) is an error, not U+FFFD. */
function decode(raw: string, field: string, errors: FieldProblem[], plusIsSpace = false): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
  } catch {
    const sample = /%[0-9a-f]{2}(?:%[0-9a-f]{2})*/i.exec(raw)?.[0].slice(0, 24) ?? raw.slice(0, 24);
    errors.push(problem(field, 'storableText', 'validation.storableText.badPercentEncoding', { field, sample }));
    return undefined;
  }
}

/** Dotted, array indices included (`documents.0.reference`), as class-validator's 400s name fields. */
function fieldPath(parent: string, key: string | number): string {
  const name = typeof key === 'number' ? String(key) : printable(key);
  return parent ? `${parent}.${name}` : name;
}

/**
 * Walks a parsed JSON body with an explicit stack (a deeply nested body must not overflow ours),
 * checking every key and string value, and the nesting depth.
 */
export function inspectBody(body: unknown, errors: FieldProblem[] = []): FieldProblem[] {
  // A key's own finding waits on the stack in its place, so findings come out in the order sent.
  type Item = { value: unknown; path: string; depth: number } | { found: FieldProblem[] };
  const stack: Item[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length && errors.length < MAX_ERRORS) {
    const item = stack.pop()!;
    if ('found' in item) {
      errors.push(...item.found);
      continue;
    }
    const { value, path, depth } = item;
    if (typeof value === 'string') {
      checkText(value, path || 'body', errors);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth + 1 > MAX_BODY_DEPTH) {
      errors.push(problem('body', 'maxDepth', 'validation.maxDepth', { field: 'body', max: MAX_BODY_DEPTH }));
      break;
    }
    const children: Item[] = [];
    if (Array.isArray(value)) {
      value.forEach((v, i) => children.push({ value: v, path: fieldPath(path, i), depth: depth + 1 }));
    } else {
      for (const key of Object.keys(value)) {
        const child = fieldPath(path, key);
        if (findUnstorable(key)) {
          children.push({ found: checkText(key, child, []) });
        } else if (BUILT_IN_KEYS.has(key)) {
          children.push({ found: [problem(child, 'whitelistValidation', 'validation.whitelistValidation', { field: child })] });
        } else {
          children.push({ value: (value as Record<string, unknown>)[key], path: child, depth: depth + 1 });
        }
      }
    }
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
  return errors.slice(0, MAX_ERRORS);
}

/** Checks the raw query string, so a parameter the query parser would quietly turn into U+FFFD is caught. */
export function inspectQuery(rawQuery: string, errors: FieldProblem[] = []): FieldProblem[] {
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const name = decode(rawName, 'query', errors, true);
    if (name === undefined) continue;
    const field = printable(name) || 'query';
    if (findUnstorable(name)) {
      checkText(name, field, errors);
      continue;
    }
    if (BUILT_IN_KEYS.has(name)) {
      errors.push(problem(field, 'whitelistValidation', 'validation.whitelistValidation', { field }));
      continue;
    }
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1), field, errors, true);
    if (value !== undefined) checkText(value, field, errors);
  }
  return errors;
}

export function inspectPath(rawPath: string, errors: FieldProblem[] = []): FieldProblem[] {
  const path = decode(rawPath, 'path', errors);
  if (path !== undefined) checkText(path, 'path', errors);
  return errors;
}

/**
 * One check at the door, before routing, guards, class-transformer and class-validator: text
 * Postgres cannot store exactly (NUL, a lone surrogate, invalid UTF-8) in the path, a query
 * parameter, a body key or a body value; a body nested deeper than MAX_BODY_DEPTH; and body keys
 * that would vanish instead of being refused. Answers 400 naming each field and rule.
 */
export function requestHygiene(req: Request, res: Response, next: NextFunction): void {
  const url = req.originalUrl ?? req.url;
  const q = url.indexOf('?');
  const errors: FieldProblem[] = [];
  inspectPath(q < 0 ? url : url.slice(0, q), errors);
  if (q >= 0) inspectQuery(url.slice(q + 1), errors);
  if (req.body !== undefined) inspectBody(req.body, errors);
  if (errors.length) {
    // Answered here, before Nest's filters: in the language the request asks for, as they would.
    const lang = languageOf(req.headers['accept-language']);
    res.status(400).setHeader('content-language', CONTENT_LANGUAGE[lang]);
    res.json(localizeErrorBody(invalidRequest(errors.slice(0, MAX_ERRORS)).getResponse() as FieldProblem, lang));
    return;
  }
  next();
}
