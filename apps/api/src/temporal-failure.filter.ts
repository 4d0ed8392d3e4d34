import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Request, Response } from 'express';
import { reasonPhrase } from '../../../libs/dto';
import { CONTENT_LANGUAGE, ErrorBody, ErrorCode, ErrorParams, FieldProblem, isErrorCode, languageOf, localizeErrorBody, translate } from '../../../libs/i18n';
import { ProcessingUnavailableError } from './processing-unavailable.error';

/**
 * The one place errors become HTTP answers. Workflows raise ApplicationFailures with an explicit
 * type; this table maps the type, never the class name.
 */
export const FAILURE_STATUS: Record<string, number> = {
  NotFound: 404,
  Forbidden: 403,
  InvalidInput: 400,
  InvalidState: 409,
};

function failureOf(error: unknown): ApplicationFailure | undefined {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) return error.cause;
  return undefined;
}

/** Postgres errors that mean the server is restarting or out of reach, not that the query is wrong. */
const DATABASE_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

/**
 * Which dependency is briefly out of reach, if that is what the error says: the database
 * restarting, or Temporal unavailable (gRPC 14). The client should retry, so 503, not 500.
 */
export function unavailableDependency(error: unknown): 'database' | 'Temporal' | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown; cause?: unknown };
  const code = e?.driverError?.code ?? e?.code;
  if (typeof code === 'string' && DATABASE_DOWN.has(code)) return 'database';
  // TypeORM's answer when a transaction's connection died under it (a REPEATABLE READ case read during a restart).
  if ((error as { name?: unknown })?.name === 'QueryRunnerAlreadyReleasedError') return 'database';
  if (typeof e?.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)/.test(e.message)) return 'database';
  if (code === 14 || (e?.cause as { code?: unknown })?.code === 14) return 'Temporal';
  return undefined;
}

/** What a workflow's refusal carries in its details (workflows/engine/failures.ts): the catalogue code, its parameters, the field. */
interface CodedFailure {
  code: string;
  params?: ErrorParams;
  field?: string;
  rule?: string;
}

function codedDetail(failure: ApplicationFailure): CodedFailure | undefined {
  const detail = (failure.details ?? [])[0] as Partial<CodedFailure> | undefined;
  return detail && isErrorCode(detail.code) ? (detail as CodedFailure) : undefined;
}

/** The body-parser's own 4xx (malformed JSON, too large, …) by its `type`. */
const BODY_PARSER_CODES: Record<string, ErrorCode> = {
  'entity.parse.failed': 'request.badJson',
  'entity.too.large': 'request.tooLarge',
  'encoding.unsupported': 'request.unsupportedMediaType',
  'charset.unsupported': 'request.unsupportedMediaType',
};

const body = (status: number, code: ErrorCode, params: ErrorParams = {}, extra: Record<string, unknown> = {}): ErrorBody => ({
  statusCode: status,
  error: reasonPhrase(status),
  code,
  message: translate(code, params),
  params,
  ...extra,
});

/**
 * Every error answer carries a catalogue code, its parameters and its message in the language the
 * request asks for (Accept-Language: zh-CN by default, en): ours (ApiError), a workflow's refusal
 * (its code in the failure's details), Nest's and Express's own (route not found, bad JSON), a
 * dependency down, and anything unforeseen (500, logged, never its English text).
 */
@Catch()
export class TemporalFailureFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('ExceptionsHandler');

  override catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    if (res.headersSent) return super.catch(error, host);
    const answer = this.answer(error, req, res);
    const lang = languageOf(req.headers['accept-language']);
    res.setHeader('content-language', CONTENT_LANGUAGE[lang]);
    res.status(answer.statusCode).json(localizeErrorBody(answer, lang));
  }

  private answer(error: unknown, req: Request, res: Response): ErrorBody {
    if (error instanceof HttpException) return this.httpAnswer(error, req);
    // An action no worker took up in time: 503 naming why, and when to try again.
    if (error instanceof ProcessingUnavailableError) {
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
      return { ...body(503, error.code, error.params), error: 'ProcessingPaused', cause: error.blamed, carriedOut: error.carriedOut };
    }
    if (error instanceof WorkflowNotFoundError) return body(404, 'case.notFound');
    // Errors from Express's own body parser carry their 4xx status (413 too large, 400 bad JSON).
    const httpStatus = (error as { status?: unknown })?.status;
    if (typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus < 500) {
      const code = BODY_PARSER_CODES[String((error as { type?: unknown }).type)] ?? 'http.error';
      return { ...body(httpStatus, code, code === 'http.error' ? { status: httpStatus } : {}), error: (error as Error).name };
    }
    const down = unavailableDependency(error);
    if (down) {
      res.setHeader('Retry-After', '2');
      return body(503, down === 'database' ? 'server.databaseUnavailable' : 'server.temporalUnavailable');
    }
    const failure = failureOf(error);
    const status = failure?.type ? FAILURE_STATUS[failure.type] : undefined;
    if (failure && status) {
      const coded = codedDetail(failure);
      if (!coded) return { ...body(status, 'workflow.refused', { detail: failure.message }), error: failure.type! };
      const params = coded.params ?? {};
      const errors: FieldProblem[] | undefined = coded.field ? [{ field: coded.field, rule: coded.rule ?? coded.code, code: coded.code, params }] : undefined;
      return { ...body(status, coded.code as ErrorCode, params), error: failure.type!, ...(errors ? { errors } : {}) };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return body(500, 'server.internal');
  }

  /** Ours carry their code; Nest's own (an unknown route, a pipe of its own) are given one by status. */
  private httpAnswer(error: HttpException, req: Request): ErrorBody {
    const status = error.getStatus();
    const response = error.getResponse();
    if (typeof response === 'object' && response !== null && isErrorCode((response as { code?: unknown }).code)) return response as ErrorBody;
    if (status === 404) return body(404, 'route.notFound', { method: req.method, path: req.path });
    // Nest turns the JSON body parser's SyntaxError into a plain 400 carrying its message (routes-resolver.js).
    const text = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    if (status === 400 && typeof text === 'string' && /JSON/.test(text)) return body(400, 'request.badJson');
    return body(status, 'http.error', { status });
  }
}
