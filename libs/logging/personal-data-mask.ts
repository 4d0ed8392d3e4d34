import { inspect } from 'node:util';
import { maskPassport } from '../domain';

/**
 * Personal data in logs: passport and PRC resident ID numbers are masked before anything is
 * written, the way the API masks them for a party without a step on the case — first two and last
 * two characters kept (C4XK29T71 → C4****71, 110105199003071234 → 11****34), enough for support
 * staff to tell two people apart and match a complaint, not enough to use.
 *
 * Two detections:
 *  - by field name, in objects and in text (JSON, escaped JSON inside a message, key=value,
 *    key: value): passportNumber, passport, idNumber, idCardNumber and their snake_case and
 *    Chinese spellings;
 *  - by pattern, anywhere in text: an 18-character resident ID (region, birth date, sequence,
 *    check character).
 * A passport number has no pattern of its own (6–12 letters and digits look like many other
 * codes), so a passport number in free text is NOT caught: code must only ever pass passport
 * numbers in a named field (passportNumber), never interpolated into a message.
 */
export const maskIdentifier = maskPassport;

/** Field names, compared without case, '_', '-' or spaces. */
const PERSONAL_FIELDS = new Set([
  'passport',
  'passportnumber',
  'passportno',
  'idnumber',
  'idno',
  'idcard',
  'idcardnumber',
  'idcardno',
  'residentidnumber',
  '护照号',
  '护照号码',
  '身份证号',
  '身份证号码',
]);

export function isPersonalField(name: string): boolean {
  return PERSONAL_FIELDS.has(name.toLowerCase().replace(/[\s_-]/g, ''));
}

const SEP = '[_-]?';
const FIELD_NAMES = [
  `passport(?:${SEP}(?:number|no))?`,
  `id${SEP}(?:card${SEP})?(?:number|no)`,
  `id${SEP}card`,
  `resident${SEP}id${SEP}(?:number|no)`,
  '护照号码?',
  '身份证号码?',
].join('|');

/**
 * A field name not part of a longer word, its closing quote (escaped any number of times), ':',
 * '：' or '=', an opening quote, then the value: letters and digits.
 */
const NAMED_FIELD = new RegExp(`(?<![A-Za-z0-9])((?:${FIELD_NAMES})(?:\\\\*["'])?\\s*[:=：]\\s*(?:\\\\*["'])?)([A-Za-z0-9]+)`, 'gi');

/** GB 11643: 6-digit region, birth date (18xx–20xx), 3-digit sequence, check digit or X. */
const RESIDENT_ID = /(?<![A-Za-z0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![A-Za-z0-9])/g;

/** Masks passport and ID numbers in a line of text (a log message, a stack trace, a JSON body). */
export function maskPersonalData(text: string): string {
  return text.replace(NAMED_FIELD, (_match, prefix: string, value: string) => `${prefix}${maskIdentifier(value)}`).replace(RESIDENT_ID, (id) => maskIdentifier(id));
}

const MAX_DEPTH = 12;

/**
 * A masked copy of a log argument or log metadata: strings masked as text, named fields masked
 * whatever they hold, errors copied (still errors, so they print with their stack) with message
 * and stack masked; the original, which may yet be thrown or returned, is left alone. Symbol keys
 * are kept: Temporal passes its log timestamp under one. Instances of other classes (a URL, a
 * protobuf message) are logged as their masked inspection: copying their internals is not safe.
 */
export function maskPersonalDataIn<T>(value: T): T {
  return maskValue(value, 0, new WeakMap()) as T;
}

function maskValue(value: unknown, depth: number, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) || value instanceof Date) return value;
  if (seen.has(value)) return seen.get(value);
  if (depth >= MAX_DEPTH) return '[nested too deep to log]';
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(maskValue(item, depth + 1, seen));
    return copy;
  }
  if (value instanceof Map) {
    const copy = new Map();
    seen.set(value, copy);
    for (const [k, v] of value) copy.set(k, maskField(k, v, depth, seen));
    return copy;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  let copy: object;
  if (value instanceof Error) {
    // A native error given the original's prototype: inspected, it prints as that error.
    copy = new Error();
    Object.setPrototypeOf(copy, prototype);
  } else if (prototype === Object.prototype || prototype === null) {
    copy = Object.create(prototype) as object;
  } else {
    return maskPersonalData(inspect(value, { depth: 4, breakLength: Infinity }));
  }
  seen.set(value, copy);
  // Own properties, enumerable or not: an error's message and stack are not enumerable.
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if ('value' in descriptor) descriptor.value = maskField(key, descriptor.value, depth, seen);
    Object.defineProperty(copy, key, descriptor);
  }
  return copy;
}

function maskField(key: unknown, field: unknown, depth: number, seen: WeakMap<object, unknown>): unknown {
  if (typeof key === 'string' && isPersonalField(key) && (typeof field === 'string' || typeof field === 'number')) return maskIdentifier(String(field));
  return maskValue(field, depth + 1, seen);
}
