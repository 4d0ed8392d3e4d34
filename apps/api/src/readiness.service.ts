import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { DataSource } from 'typeorm';
import { ApiConfig } from '../../../libs/config';
import { outsideAnyTrace } from '../../../libs/observability/tracing';
import { ErrorCode, ErrorParams, translate } from '../../../libs/i18n';
import { TEMPORAL_CLIENT } from '../../../libs/temporal';

export type CheckName = 'postgres' | 'temporal' | 'worker' | 'departments';
/** `unknown`: could not be asked (the worker, while Temporal is unreachable); `not-checked`: not configured. */
export type CheckState = 'up' | 'down' | 'unknown' | 'not-checked';

export interface Readiness {
  ready: boolean;
  checks: Record<CheckName, CheckState>;
  /**
   * What is wrong, one line per cause: `message` in the words the consoles show (what it means for
   * the work, Chinese), `detail` in the operators' (task queue, the engine's error), and a catalogue
   * code with its parameters.
   */
  problems: ReadinessProblem[];
  /** Temporal answered and nobody polls the workflow task queue: no update can be taken up now. */
  workflowTasksUnpolled: boolean;
  checkedAt: Date;
}

type TaskQueueKind = 'workflow' | 'activity';
interface PollerTime {
  lastAccessTime?: { seconds?: unknown; nanos?: number | null } | null;
}

const PROBE_TIMEOUT_MS = 2000;
/** Health is asked often (every console, every load balancer): one probe serves everyone for this long. */
const CACHE_MS = 2000;

/** Whether any of the pollers Temporal lists polled within maxAgeMs of now. */
export function anyFreshPoller(pollers: PollerTime[] | null | undefined, nowMs: number, maxAgeMs: number): boolean {
  return (pollers ?? []).some((p) => {
    const t = p.lastAccessTime;
    if (!t) return false;
    const atMs = Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
    return nowMs - atMs <= maxAgeMs;
  });
}

export interface ReadinessProblem {
  check: CheckName;
  /** For officials and supervisors: what it means for their work, and who acts. */
  message: string;
  /** For operators: the technical cause (never shown in the consoles). */
  detail: string;
  code: ErrorCode;
  params: ErrorParams;
}

function readinessProblem(check: CheckName, code: ErrorCode, params: ErrorParams): ReadinessProblem {
  return { check, message: translate(code, params), detail: translate(`${code}Detail`, params), code, params };
}

const QUEUES: Record<string, ErrorCode> = { workflow: 'readiness.workflowTasks', activity: 'readiness.activityTasks', 'workflow,activity': 'readiness.bothQueues' };

export function workerProblem(taskQueue: string, unpolled: TaskQueueKind[], maxAgeSeconds: number): ReadinessProblem {
  return readinessProblem('worker', 'readiness.noWorker', { taskQueue, queues: { code: QUEUES[unpolled.join(',')] ?? 'readiness.bothQueues' }, seconds: maxAgeSeconds });
}

export function departmentsProblem(url: string, reason: string): ReadinessProblem {
  return readinessProblem('departments', 'readiness.departmentsDown', { url, reason });
}

const reasonOf = (error: unknown) => (error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)).slice(0, 200);

/**
 * Can this system process cases now? Postgres and Temporal answer, a worker has polled both the
 * workflow and the activity task queue recently, and the departments' services answer. Shared by
 * /health/ready and by the gateway, which names the cause when an action times out.
 */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger('Readiness');
  private cached?: Readiness;
  private lastLogged = '';
  private inFlight?: Promise<Readiness>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly config: ApiConfig,
  ) {}

  /**
   * What the last probe found, if it is recent, without waiting for a new one (which is started in
   * the background when the last is older than the cache allows): for callers that must not wait.
   */
  peek(maxAgeMs = 5000): Readiness | undefined {
    const age = this.cached ? Date.now() - this.cached.checkedAt.getTime() : Number.POSITIVE_INFINITY;
    if (age >= CACHE_MS) this.current().catch(() => undefined);
    return age <= maxAgeMs ? this.cached : undefined;
  }

  /** The last probe if it is at most a couple of seconds old, else a fresh one (shared by concurrent callers). */
  current(): Promise<Readiness> {
    if (this.cached && Date.now() - this.cached.checkedAt.getTime() < CACHE_MS) return Promise.resolve(this.cached);
    // Shared by whoever asks next, so traced as no one's request.
    this.inFlight ??= outsideAnyTrace(() => this.probe()).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async probe(): Promise<Readiness> {
    const problems: Readiness['problems'] = [];
    const unpolled: TaskQueueKind[] = [];
    const [postgres, temporal, worker, departments] = await Promise.all([
      this.probePostgres(problems),
      this.probeTemporal(problems),
      this.probeWorker(problems, unpolled),
      this.probeDepartments(problems),
    ]);
    const checks = { postgres, temporal, worker: temporal === 'down' ? ('unknown' as const) : worker, departments };
    const order: CheckName[] = ['worker', 'departments', 'temporal', 'postgres'];
    problems.sort((a, b) => order.indexOf(a.check) - order.indexOf(b.check));
    const ready = Object.values(checks).every((state) => state === 'up' || state === 'not-checked');
    this.cached = {
      ready,
      checks,
      problems: temporal === 'down' ? problems.filter((p) => p.check !== 'worker') : problems,
      workflowTasksUnpolled: unpolled.includes('workflow'),
      checkedAt: new Date(),
    };
    this.logChange(this.cached);
    return this.cached;
  }

  /** Operators read the technical cause in the log, once per change, not every probe. */
  private logChange({ ready, problems }: Readiness): void {
    const now = ready ? '' : problems.map((p) => p.detail).join('；');
    if (now === this.lastLogged) return;
    if (now) this.logger.warn(`not ready: ${now}`);
    else this.logger.log('ready again');
    this.lastLogged = now;
  }

  private async probePostgres(problems: Readiness['problems']): Promise<CheckState> {
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS))]);
      return 'up';
    } catch (error) {
      problems.push(readinessProblem('postgres', 'readiness.postgresDown', { reason: reasonOf(error) }));
      return 'down';
    }
  }

  private async probeTemporal(problems: Readiness['problems']): Promise<CheckState> {
    try {
      await this.temporal.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () => this.temporal.workflowService.getSystemInfo({}));
      return 'up';
    } catch (error) {
      problems.push(readinessProblem('temporal', 'readiness.temporalDown', { reason: reasonOf(error) }));
      return 'down';
    }
  }

  /** A worker is online when someone has polled both task queues within WORKER_POLL_MAX_AGE_SECONDS. */
  private async probeWorker(problems: Readiness['problems'], unpolled: TaskQueueKind[]): Promise<CheckState> {
    const queue = this.config.TEMPORAL_TASK_QUEUE;
    const kinds: Array<[TaskQueueKind, proto.api.enums.v1.TaskQueueType]> = [
      ['workflow', proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW],
      ['activity', proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY],
    ];
    try {
      const answers = await this.temporal.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () =>
        Promise.all(
          kinds.map(([, taskQueueType]) => this.temporal.workflowService.describeTaskQueue({ namespace: this.config.TEMPORAL_NAMESPACE, taskQueue: { name: queue }, taskQueueType })),
        ),
      );
      const now = Date.now();
      const maxAgeMs = this.config.WORKER_POLL_MAX_AGE_SECONDS * 1000;
      unpolled.push(...kinds.filter((_, i) => !anyFreshPoller(answers[i].pollers, now, maxAgeMs)).map(([kind]) => kind));
      if (unpolled.length === 0) return 'up';
      problems.push(workerProblem(queue, unpolled, this.config.WORKER_POLL_MAX_AGE_SECONDS));
      return 'down';
    } catch (error) {
      // Temporal unreachable: its own check names the cause (and this one is left out).
      problems.push(readinessProblem('worker', 'readiness.workerUnknown', { reason: reasonOf(error) }));
      return 'unknown';
    }
  }

  private async probeDepartments(problems: Readiness['problems']): Promise<CheckState> {
    const url = this.config.DEPARTMENTS_URL?.replace(/\/+$/, '');
    if (!url) return 'not-checked';
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      if (response.ok) return 'up';
      problems.push(departmentsProblem(url, `HTTP ${response.status}`));
    } catch (error) {
      problems.push(departmentsProblem(url, reasonOf(error)));
    }
    return 'down';
  }
}
