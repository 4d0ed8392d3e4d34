import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { OfficialYear } from '../libs/calendar';
import { calendarYearLoadedSignal } from '../libs/domain';
import { caseWorkflowTypeFilter } from '../libs/processes/registry';

/** Signals in flight at once: enough to get through thousands of cases quickly, few enough not to flood the server. */
const BATCH = 20;

/**
 * The rollout's one activity: every running case on this worker's task queue, found through
 * Temporal's visibility, is signalled the loaded notice. Each case applies a version once, so a
 * retry after a crash (or the second sweep) signalling a case again changes nothing. Uses the
 * worker's own client (activity context), so it needs no connection of its own.
 */
@Injectable()
export class CalendarRolloutActivities {
  async signalRunningCases(notice: OfficialYear): Promise<number> {
    const context = Context.current();
    const { client } = context;
    // Every registered process's cases (libs/processes/registry.ts).
    const query = `ExecutionStatus = 'Running' AND TaskQueue = '${context.info.taskQueue}' AND ${caseWorkflowTypeFilter()}`;
    let signalled = 0;
    let batch: string[] = [];
    const send = async () => {
      await Promise.all(
        batch.map((workflowId) =>
          client.workflow
            .getHandle(workflowId)
            .signal(calendarYearLoadedSignal, notice)
            .then(
              () => void (signalled += 1),
              // Ended between the listing and the signal: nothing left to recount.
              (error: unknown) => {
                if (!(error instanceof WorkflowNotFoundError)) throw error;
              },
            ),
        ),
      );
      batch = [];
      context.heartbeat(signalled);
    };
    for await (const execution of client.workflow.list({ query })) {
      batch.push(execution.workflowId);
      if (batch.length >= BATCH) await send();
    }
    await send();
    context.log.info('calendar notice signalled to running cases', { year: notice.year, version: notice.version, signalled });
    return signalled;
  }
}
