import { BadRequestException, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationOptions, getMetadataStorage, registerDecorator } from 'class-validator';
import { isIsoDate, isValidCreditCode } from '../domain';
import { ErrorCode, ErrorParams, FieldProblem, isErrorCode, translate } from '../i18n/error-catalogue';
import { invalidRequest, problem } from './api-error';

/** The body of every 400: which field broke which rule, all at once. */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

/** A 400 with messages as written (the departments' services, which speak no catalogue); the API answers with invalidRequest. */
export function badRequest(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: errors.map((e) => e.message).join('; '), errors });
}

const CODED = 'i18n:';

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/**
 * A class-validator message that is a catalogue code (and parameters): `@Matches(re, { message:
 * coded('validation.phone') })`. The validation pipe answers it as that code, in the requested
 * language; `{field}` is the field's whole path.
 */
export function coded(code: ErrorCode, params?: ErrorParams): string {
  return params ? `${CODED}${code}${JSON.stringify(params)}` : `${CODED}${code}`;
}

export function decodeCoded(message: string): { code: ErrorCode; params: ErrorParams } | undefined {
  if (!message.startsWith(CODED)) return undefined;
  const rest = message.slice(CODED.length);
  const brace = rest.indexOf('{');
  const code = brace < 0 ? rest : rest.slice(0, brace);
  if (!isErrorCode(code)) return undefined;
  return { code, params: brace < 0 ? {} : (JSON.parse(rest.slice(brace)) as ErrorParams) };
}

export function IsCreditCode(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName,
      options: { message: coded('validation.isCreditCode'), ...options },
      validator: { validate: (value: unknown) => isValidCreditCode(value) },
    });
}

export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: { message: coded('validation.isCalendarDate'), ...options },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
}

/** The rule name class-validator reports a metadata's failures under. */
export function ruleOf(md: ValidationMetadata): string {
  if (md.name) return md.name;
  if (md.constraintCls) {
    const [constraint] = getMetadataStorage().getTargetValidatorConstraints(md.constraintCls);
    if (constraint?.name) return constraint.name;
  }
  return md.type;
}

/** What a rule's message needs from its decorator's arguments (`@MaxLength(2000)` → max 2000). */
export function constraintParams(rule: string, c: unknown[]): ErrorParams {
  switch (rule) {
    case 'min':
    case 'minLength':
    case 'arrayMinSize':
      return { min: c[0] as number };
    case 'max':
    case 'maxLength':
    case 'arrayMaxSize':
      return { max: c[0] as number };
    case 'isIntegerInRange':
    case 'length':
      return { min: c[0] as number, max: c[1] as number };
    case 'isIn':
      return { values: (c[0] as unknown[]).map(String) };
    case 'isEnum':
      return { values: Object.values(c[0] as object).filter((v) => typeof v === 'string') };
    case 'notEquals':
      return { value: String(c[0]) };
    default:
      return {};
  }
}

/** The decorator behind one reported rule of one property, if it can be found. */
function metadataFor(target: object | undefined, property: string, rule: string): ValidationMetadata | undefined {
  if (!target || typeof target !== 'object') return undefined;
  return getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((md) => md.propertyName === property && ruleOf(md) === rule);
}

/**
 * One rule class-validator reports as the answer names it: a catalogue code with the field's whole
 * path and the rule's bounds, its message in Chinese. A message written as a code (`coded(…)`)
 * is that code; class-validator's own default is the rule's code; a message written out by hand
 * stays as written (the catalogue spec proves the API's DTOs have none).
 */
function problemOf(error: ValidationError, field: string, rule: string, message: string): FieldProblem {
  const md = metadataFor(error.target, error.property, rule);
  const base: ErrorParams = { field, ...(md ? constraintParams(rule, md.constraints ?? []) : {}), ...(md?.each ? { each: true } : {}) };
  const asCode = decodeCoded(message);
  if (asCode) return problem(field, rule, asCode.code, { ...base, ...asCode.params });
  const code = `validation.${rule}`;
  const known: ErrorCode = isErrorCode(code) ? code : 'validation.invalid';
  const params = known === 'validation.invalid' ? { ...base, rule } : base;
  // class-validator words its nested rule itself (a default, though it sits in the metadata).
  const byHand = md !== undefined && md.message !== undefined && md.type !== 'nestedValidation';
  return byHand ? { field, rule, code: known, params, message } : problem(field, rule, known, params);
}

/** Flattens class-validator's tree into dotted field paths (`rdExpenses.totalYuan`), each rule a coded problem. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => problemOf(error, field, rule, message));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The same tree as messages only, as the departments' services answer (no catalogue there): coded messages in Chinese. */
function flattenAsWritten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => {
      const asCode = decodeCoded(message);
      // class-validator names only the leaf property; say the whole path.
      const text = asCode ? translate(asCode.code, { field, ...asCode.params }, 'zh') : parent ? message.replace(error.property, field) : message;
      return { field, rule, message: text };
    });
    return [...own, ...flattenAsWritten(error.children ?? [], field)];
  });
}

/**
 * Whitelisting, unknown fields refused, nested objects checked, every error named. The API's
 * answers carry catalogue codes (`{ catalogue: true }`, the default); the departments' services
 * keep their messages as written.
 */
export function createValidationPipe(options: { catalogue?: boolean } = {}): ValidationPipe {
  const catalogue = options.catalogue ?? true;
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // The target lets each rule be traced to its decorator (its bounds); it never reaches an answer.
    validationError: { target: catalogue, value: false },
    exceptionFactory: (errors) => (catalogue ? invalidRequest(flattenValidationErrors(errors)) : badRequest(flattenAsWritten(errors))),
  });
}

/** For a credit code in the path: 400 naming the parameter, rather than a lookup of garbage. */
@Injectable()
export class CreditCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isValidCreditCode(value)) {
      throw invalidRequest([problem('creditCode', 'isCreditCode', 'validation.isCreditCode', { field: 'creditCode' })]);
    }
    return value;
  }
}
