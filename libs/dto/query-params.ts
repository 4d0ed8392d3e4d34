import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, ValidationOptions, registerDecorator } from 'class-validator';
import type { ProcessCode } from '../domain/case-record';
import { PROCESS_CODES } from '../processes/registry';
import { invalidRequest, problem } from './api-error';
import { coded } from './validators';

/** Plain decimal digits only: '1e3', '0x10', ' 5', '5.0', '' and '-1' stay text and are refused. */
const DIGITS = /^\d{1,16}$/;


const inRange = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;

/**
 * An integer query parameter within [min, max]. The text becomes a number only when it is plain
 * digits; anything else, and any number outside the bounds, is a 400 naming the parameter and the
 * bounds — never a value Postgres refuses (`bigint out of range`) or a silent clamp.
 */
export function IsIntegerInRange(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    Transform(({ value }) => (typeof value === 'string' && DIGITS.test(value) ? Number(value) : value))(target, propertyName);
    registerDecorator({
      name: 'isIntegerInRange',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [min, max],
      options: { message: coded('validation.isIntegerInRange'), ...options },
      validator: { validate: (value: unknown) => inRange(value, min, max) },
    });
  };
}

/** The same for an integer path parameter: `@Param('year', new IntegerParamPipe('year', 1, 9999))`. */
@Injectable()
export class IntegerParamPipe implements PipeTransform<string, number> {
  constructor(
    private readonly field: string,
    private readonly min: number,
    private readonly max: number,
  ) {}

  transform(value: string | number): number {
    // The global ValidationPipe has already made a number of a parameter typed `number`.
    const n = typeof value === 'number' ? value : DIGITS.test(value) ? Number(value) : NaN;
    if (!inRange(n, this.min, this.max)) {
      throw invalidRequest([problem(this.field, 'isIntegerInRange', 'validation.isIntegerInRange', { field: this.field, min: this.min, max: this.max })]);
    }
    return n;
  }
}

const PROCESSES = [...PROCESS_CODES];
export const CASE_LIST_MAX_LIMIT = 200;
export const CASE_LIST_MAX_OFFSET = 100_000;

/** GET /cases: filters and one page. */
export class CaseListQueryDto {
  @ApiPropertyOptional({ description: 'only cases in this status' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  status?: string;

  @ApiPropertyOptional({ enum: PROCESSES })
  @IsOptional()
  @IsIn(PROCESSES)
  process?: ProcessCode;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: CASE_LIST_MAX_LIMIT, default: 50, description: 'cases per page' })
  @IsOptional()
  @IsIntegerInRange(1, CASE_LIST_MAX_LIMIT)
  limit: number = 50;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: CASE_LIST_MAX_OFFSET, default: 0, description: 'cases to skip, newest first' })
  @IsOptional()
  @IsIntegerInRange(0, CASE_LIST_MAX_OFFSET)
  offset: number = 0;
}
