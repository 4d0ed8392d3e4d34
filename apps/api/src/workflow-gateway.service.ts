import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { TEMPORAL_CLIENT } from '../../../libs/temporal';

/**
 * The one way the API acts on a running case: a Temporal update the workflow validates. A case
 * that has ended answers 409 rather than 404, since it exists but can no longer change.
 */
@Injectable()
export class WorkflowGateway {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  async update<Ret, Arg>(caseId: string, def: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
    const handle = this.temporal.workflow.getHandle(caseId);
    try {
      return await handle.executeUpdate(def, { args: [arg] });
    } catch (error) {
      // A process that has no such action (a liaison on a high-tech case): a conflict, not a crash.
      if (error instanceof WorkflowUpdateFailedError && /no registered handler|not registered|unknown update/i.test(String(error.cause?.message))) {
        throw new ConflictException({ statusCode: 409, error: 'InvalidState', message: `case ${caseId} has no such action (${def.name})` });
      }
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      const described = await handle.describe().catch(() => undefined);
      if (!described) throw new NotFoundException(`case ${caseId} not found`);
      throw new ConflictException({ statusCode: 409, error: 'InvalidState', message: `case ${caseId} has ended (${described.status.name.toLowerCase()}) and can no longer change` });
    }
  }
}
