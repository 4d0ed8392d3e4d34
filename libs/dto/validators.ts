import { BadRequestException, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationOptions, registerDecorator } from 'class-validator';
import { isIsoDate, isValidCreditCode } from '../domain';

/** The body of every 400: which field broke which rule, all at once. */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

export function badRequest(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: errors.map((e) => e.message).join('; '), errors });
}

export function IsCreditCode(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName,
      options: { message: '$property must be an 18-character 统一社会信用代码 with a valid check character', ...options },
      validator: { validate: (value: unknown) => isValidCreditCode(value) },
    });
}

export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: { message: '$property must be a calendar date YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
}

/** Flattens class-validator's tree into dotted field paths: `rdExpenses.totalYuan`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule,
      // class-validator names only the leaf property; say the whole path.
      message: parent ? message.replace(error.property, field) : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Whitelisting, unknown fields refused, nested objects checked, every error named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => badRequest(flattenValidationErrors(errors)),
  });
}

/** For a credit code in the path: 400 naming the parameter, rather than a lookup of garbage. */
@Injectable()
export class CreditCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isValidCreditCode(value)) {
      throw badRequest([{ field: 'creditCode', rule: 'isCreditCode', message: 'creditCode must be an 18-character 统一社会信用代码 with a valid check character' }]);
    }
    return value;
  }
}
