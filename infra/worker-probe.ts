import { hostname } from 'node:os';
import { Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { TemporalConfig, loadConfig } from '../libs/config/app-config';
import { temporalConnectionOptions } from '../libs/temporal/temporal-connection';

/**
 * Kubernetes' exec probe for a worker, which has no HTTP port: Temporal itself says whether this
 * pod polls. A worker's default identity is `<pid>@<hostname>` and a pod's hostname is its name,
 * so the pollers Temporal lists for the task queue tell which pods polled and when — the same
 * answer the API's readiness reads for the whole system, narrowed to this pod.
 *
 *   node dist/infra/worker-probe.js ready   # 0 when this pod polled both task queues lately
 *   node dist/infra/worker-probe.js live    # 1 only when Temporal answers and this pod has not polled
 *
 * `live` passes while Temporal cannot be asked: restarting every worker because the cluster is
 * down would only add a cold start to the outage. A worker whose Temporal Worker fails exits on
 * its own (apps/worker), so the kubelet restarts it without any probe.
 */
export type ProbeMode = 'ready' | 'live';

interface PollerSeen {
  identity?: string | null;
  lastAccessTime?: { seconds?: unknown; nanos?: number | null } | null;
}

/** Temporal's pollers of the workflow and the activity task queue, or why it could not be asked. */
export type TaskQueuePollers = { workflow: PollerSeen[]; activity: PollerSeen[] } | { unreachable: string };

export interface ProbeVerdict {
  ok: boolean;
  message: string;
}

function polledAtMs(poller: PollerSeen): number | undefined {
  const t = poller.lastAccessTime;
  return t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : undefined;
}

/** Whether a poller from `host` (identity `…@host`) polled within maxAgeMs of now. */
function polledFrom(pollers: PollerSeen[], host: string, nowMs: number, maxAgeMs: number): boolean {
  return pollers.some((p) => {
    const at = polledAtMs(p);
    return (p.identity ?? '').endsWith(`@${host}`) && at !== undefined && nowMs - at <= maxAgeMs;
  });
}

export function workerProbeVerdict(mode: ProbeMode, seen: TaskQueuePollers, host: string, taskQueue: string, nowMs: number, maxAgeSeconds: number): ProbeVerdict {
  if ('unreachable' in seen) {
    return mode === 'live'
      ? { ok: true, message: `Temporal cannot be asked (${seen.unreachable}); not judging this worker on that` }
      : { ok: false, message: `Temporal cannot be asked (${seen.unreachable})` };
  }
  const stale = (['workflow', 'activity'] as const).filter((kind) => !polledFrom(seen[kind], host, nowMs, maxAgeSeconds * 1000));
  if (stale.length === 0) return { ok: true, message: `${host} polls task queue "${taskQueue}" (workflow and activity)` };
  return { ok: false, message: `${host} has not polled the ${stale.join(' and ')} task queue "${taskQueue}" within ${maxAgeSeconds} s` };
}

/** Asks Temporal for the pollers of both task queues, within a few seconds. */
export async function taskQueuePollers(config: TemporalConfig, timeoutMs = 3000): Promise<TaskQueuePollers> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ ...temporalConnectionOptions(config), connectTimeout: timeoutMs });
    const { workflowService } = connection;
    const ask = (taskQueueType: proto.api.enums.v1.TaskQueueType) =>
      workflowService.describeTaskQueue({ namespace: config.TEMPORAL_NAMESPACE, taskQueue: { name: config.TEMPORAL_TASK_QUEUE }, taskQueueType });
    const [workflow, activity] = await connection.withDeadline(Date.now() + timeoutMs, () =>
      Promise.all([ask(proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW), ask(proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)]),
    );
    return { workflow: workflow.pollers ?? [], activity: activity.pollers ?? [] };
  } catch (error) {
    return { unreachable: (error instanceof Error ? error.message : String(error)).slice(0, 200) };
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

/** The probe as a command: prints its verdict and exits 0 or 1 (what the kubelet reads). */
export async function runWorkerProbe(argv: string[], env: NodeJS.ProcessEnv = process.env, host = hostname()): Promise<number> {
  const mode = argv[0];
  if (mode !== 'ready' && mode !== 'live') {
    console.error('usage: worker-probe ready|live (WORKER_POLL_MAX_AGE_SECONDS: how recent a poll must be, 70)');
    return 2;
  }
  const maxAgeSeconds = Number(env.WORKER_POLL_MAX_AGE_SECONDS ?? 70);
  if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 2) {
    console.error(`WORKER_POLL_MAX_AGE_SECONDS must be a whole number of seconds, at least 2 (got ${env.WORKER_POLL_MAX_AGE_SECONDS})`);
    return 2;
  }
  const config = loadConfig(TemporalConfig, env);
  const verdict = workerProbeVerdict(mode, await taskQueuePollers(config), host, config.TEMPORAL_TASK_QUEUE, Date.now(), maxAgeSeconds);
  console.log(verdict.message);
  return verdict.ok ? 0 : 1;
}

if (require.main === module) {
  runWorkerProbe(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
