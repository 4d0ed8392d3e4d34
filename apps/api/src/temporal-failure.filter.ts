import { ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Response } from 'express';

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

@Catch()
export class TemporalFailureFilter extends BaseExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    if (error instanceof HttpException) return super.catch(error, host);
    const res = host.switchToHttp().getResponse<Response>();
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
    const failure = failureOf(error);
    const status = failure?.type ? FAILURE_STATUS[failure.type] : undefined;
    if (failure && status) {
      res.status(status).json({ statusCode: status, error: failure.type, message: failure.message, details: failure.details });
      return;
    }
    super.catch(error, host);
  }
}
