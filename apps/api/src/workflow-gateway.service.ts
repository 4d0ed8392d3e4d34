import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { createHash, randomUUID } from 'node:crypto';
import { ApiConfig } from '../../../libs/config';
import { ApiError } from '../../../libs/dto';
import { label } from '../../../libs/i18n';
import { TEMPORAL_CLIENT } from '../../../libs/temporal';
import { ProcessingUnavailableError } from './processing-unavailable.error';
import { Readiness, ReadinessService } from './readiness.service';
import { currentIdempotencyKey } from './request-context.middleware';

/** Seconds a client should wait before retrying: a supervisor restarts a worker within seconds. */
const RETRY_AFTER_SECONDS = 15;

const logger = new Logger('WorkflowGateway');

/**
 * gRPC codes Temporal answers when it could not take an update just now and a retry may succeed:
 * cancelled, deadline exceeded, resource exhausted (too many updates in flight on one workflow),
 * aborted (the update was cut short, e.g. by its worker's death), unavailable. The client library
 * wraps them in a ServiceError, which would otherwise be a 500.
 */
const TRANSIENT_GRPC_CODES: Readonly<Record<number, string>> = { 1: 'CANCELLED', 4: 'DEADLINE_EXCEEDED', 8: 'RESOURCE_EXHAUSTED', 10: 'ABORTED', 14: 'UNAVAILABLE' };

/** The gRPC code's name when this error is Temporal being briefly unable to take an update, else undefined. */
export function transientTemporalFailure(error: unknown): string | undefined {
  if (!(error instanceof ServiceError) || !isGrpcServiceError(error.cause)) return undefined;
  return TRANSIENT_GRPC_CODES[error.cause.code];
}

/**
 * The update id of one action. With an Idempotency-Key it is derived from the key, the case, the
 * action, who acts and what they ask, so a retry is the same update: Temporal answers it with the
 * first attempt's outcome (even one a worker applied after the caller gave up) instead of doing it
 * twice. The same key with a different request is a different update. Without a key each request
 * is its own action: a second identical urge or exclusion may be meant.
 */
export function updateIdFor(caseId: string, updateName: string, arg: unknown, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return randomUUID();
  const { actor, ...request } = (arg ?? {}) as { actor?: { userId?: string } };
  const digest = createHash('sha256')
    .update(JSON.stringify([caseId, updateName, actor?.userId ?? null, idempotencyKey, request]))
    .digest('base64url');
  return `${updateName}-${digest.slice(0, 32)}`;
}

/**
 * The one way the API acts on a running case: a Temporal update the workflow validates. A case
 * that has ended answers 409 rather than 404, since it exists but can no longer change. With no
 * worker polling, an action answers 503 at once (not done); one no worker takes up within
 * WORKFLOW_UPDATE_TIMEOUT_SECONDS answers 503 then (it may still be done) rather than hanging.
 */
@Injectable()
export class WorkflowGateway {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly config: ApiConfig,
    private readonly readiness: ReadinessService,
  ) {}

  /** `def` is an update's definition, or its name as a process's contract declares it (the API imports no workflow's update definitions for those). */
  async update<Ret, Arg>(caseId: string, def: UpdateDefinition<Ret, [Arg]> | string, arg: Arg): Promise<Ret> {
    const name = typeof def === 'string' ? def : def.name;
    // Known to have no worker: refused at once, and certainly not done, rather than left waiting.
    const known = this.readiness.peek();
    if (known?.workflowTasksUnpolled) throw this.refused(known);
    const handle = this.temporal.workflow.getHandle(caseId);
    const key = currentIdempotencyKey();
    const updateId = updateIdFor(caseId, name, arg, key);
    const deadline = Date.now() + this.config.WORKFLOW_UPDATE_TIMEOUT_SECONDS * 1000;
    try {
      return await this.temporal.connection.withDeadline(deadline, () => handle.executeUpdate<Ret, [Arg]>(def, { args: [arg], updateId }));
    } catch (error) {
      // Temporal has admitted the update (or not even that) and no worker has taken it up. It is not
      // withdrawn: a worker that comes back still applies it, which the answer says.
      if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) throw this.timedOut(await this.readiness.current(), key !== undefined);
      // A workflow that has no such update: a conflict, not a crash.
      if (error instanceof WorkflowUpdateFailedError && /no registered handler|not registered|unknown update/i.test(String(error.cause?.message))) {
        throw new ApiError(409, 'case.noSuchAction', { caseId, action: name }, { error: 'InvalidState' });
      }
      const transient = transientTemporalFailure(error);
      if (transient) {
        logger.warn(`update ${name} on ${caseId}: Temporal answered ${transient} (${(error as ServiceError).cause?.message ?? ''}); answered 503, a retry with its key is the same update`);
        throw new ProcessingUnavailableError(key !== undefined ? 'processing.interruptedKeyed' : 'processing.interrupted', { code: transient }, 'temporal', 'unknown', RETRY_AFTER_SECONDS);
      }
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      const described = await handle.describe().catch(() => undefined);
      if (!described) throw new ApiError(404, 'case.notFound');
      throw new ApiError(409, 'case.ended', { caseId, status: label('workflowStatus', described.status.name.toLowerCase()) }, { error: 'InvalidState' });
    }
  }

  private refused(readiness: Readiness): ProcessingUnavailableError {
    const worker = readiness.problems.find((p) => p.check === 'worker');
    const headline = worker ? { code: worker.code, params: worker.params } : { code: 'processing.pausedHeadline' };
    return new ProcessingUnavailableError('processing.refused', { headline }, 'worker', 'no', RETRY_AFTER_SECONDS);
  }

  private timedOut(readiness: Readiness, keyed: boolean): ProcessingUnavailableError {
    const seconds = this.config.WORKFLOW_UPDATE_TIMEOUT_SECONDS;
    // A department down does not hold an update up (the workflow asks departments in activities).
    const problems = readiness.problems.filter((p) => p.check !== 'departments');
    const headline = problems.length ? problems.map((p) => ({ code: p.code, params: p.params })) : { code: 'processing.notTakenUp', params: { seconds } };
    const blamed = (problems[0]?.check ?? 'unknown') as ProcessingUnavailableError['blamed'];
    return new ProcessingUnavailableError(keyed ? 'processing.timedOutKeyed' : 'processing.timedOut', { headline, seconds }, blamed, 'unknown', RETRY_AFTER_SECONDS);
  }
}
