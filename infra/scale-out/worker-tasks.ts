import type { Client } from '@temporalio/client';
import { pool } from '../chaos/pool';

/** Workflow and activity tasks each worker ran, counted from the cases' own histories. */
export type TasksByWorker = Record<string, { workflowTasks: number; activityTasks: number }>;

/**
 * Which worker did the work: each started task in a case's history names the worker that took
 * it (its identity, `pid@host` by default); `workerOf` maps a process id to the instance's name.
 */
export async function tasksByWorker(client: Client, caseIds: string[], workerOf: (pid: number) => string | undefined): Promise<TasksByWorker> {
  const tasks: TasksByWorker = {};
  const count = (identity: string | null | undefined, kind: 'workflowTasks' | 'activityTasks') => {
    if (!identity) return;
    const name = workerOf(Number(/^(\d+)@/.exec(identity)?.[1])) ?? `other (${identity})`;
    tasks[name] ??= { workflowTasks: 0, activityTasks: 0 };
    tasks[name][kind] += 1;
  };
  await pool(caseIds, 8, async (id) => {
    const history = await client.workflow.getHandle(id).fetchHistory();
    for (const event of history.events ?? []) {
      count(event.workflowTaskStartedEventAttributes?.identity, 'workflowTasks');
      count(event.activityTaskStartedEventAttributes?.identity, 'activityTasks');
    }
  });
  return tasks;
}
