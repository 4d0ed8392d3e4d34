import { HttpException } from '@nestjs/common';
import { ErrorBody, ErrorCode, ErrorParams, FieldProblem, translate } from '../i18n/error-catalogue';

/** The reason phrase each status answers with in `error` (as Nest's own exceptions say it). */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
export const reasonPhrase = (status: number): string => REASONS[status] ?? 'Error';

/** A field problem with its message in Chinese, the language an answer has until the filter renders it in the requested one. */
export function problem(field: string, rule: string, code: ErrorCode, params: ErrorParams = {}): FieldProblem {
  return { field, rule, code, params, message: translate(code, params, 'zh') };
}

/**
 * An error answer by its catalogue code: `{statusCode, error, code, message, params, …extra}`,
 * the message in Chinese; the exception filter renders it again in the language the request asks
 * for (Accept-Language). `error` is the reason phrase unless given (auth's machine codes, the
 * workflow's failure types).
 */
export class ApiError extends HttpException {
  constructor(status: number, code: ErrorCode, params: ErrorParams = {}, extra: { error?: string; errors?: FieldProblem[]; [key: string]: unknown } = {}) {
    const { error, ...rest } = extra;
    // A 400 naming fields says each field's message, as localizeErrorBody renders it.
    const message = code === 'request.invalid' && rest.errors ? rest.errors.map((e) => e.message ?? translate(e.code, e.params ?? {}, 'zh')).join('；') : translate(code, params, 'zh');
    const body: ErrorBody = { statusCode: status, error: error ?? reasonPhrase(status), code, message, params, ...rest };
    super(body, status);
  }
}

/** A 400 naming every broken field and rule at once. */
export function invalidRequest(problems: FieldProblem[]): ApiError {
  return new ApiError(400, 'request.invalid', {}, { errors: problems.map((p) => ({ ...p, message: p.message ?? translate(p.code, p.params ?? {}, 'zh') })) });
}
