import { ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Response } from 'express';
import { ProcessingUnavailableError } from './processing-unavailable.error';

/**
 * The one place Temporal's failures become HTTP answers. Workflows raise ApplicationFailures
 * with an explicit type; this table maps the type, never the class name.
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

@Catch()
export class TemporalFailureFilter extends BaseExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    if (error instanceof HttpException) return super.catch(error, host);
    const res = host.switchToHttp().getResponse<Response>();
    // An action no worker took up in time: 503 naming why, and when to try again.
    if (error instanceof ProcessingUnavailableError) {
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
      res.status(503).json({ statusCode: 503, error: 'ProcessingPaused', message: error.message, cause: error.blamed, carriedOut: error.carriedOut });
      return;
    }
    if (error instanceof WorkflowNotFoundError) {
      res.status(404).json({ statusCode: 404, error: 'Not Found', message: 'case not found' });
      return;
    }
    // Errors from Express's own body parser carry their 4xx status (413 too large, 400 bad JSON).
    const httpStatus = (error as { status?: unknown })?.status;
    if (typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus < 500) {
      res.status(httpStatus).json({ statusCode: httpStatus, error: (error as Error).name, message: (error as Error).message });
      return;
    }
    const down = unavailableDependency(error);
    if (down) {
      res.setHeader('Retry-After', '2');
      res.status(503).json({ statusCode: 503, error: 'Service Unavailable', message: `${down} briefly unavailable; retry shortly` });
      return;
    }
    const failure = failureOf(error);
    const status = failure?.type ? FAILURE_STATUS[failure.type] : undefined;
    if (failure && status) {
      res.status(status).json({ statusCode: status, error: failure.type, message: failure.message, details: failure.details });
      return;
    }
    super.catch(error, host);
  }
}
