import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { activityMapFrom } from '../../../activities';
import { WorkerConfig, workerSettingsLine } from '../../../libs/config';
import { WorkerTracing, temporalWorkerTracing, tracedBundlePath } from '../../../libs/observability';
import { payloadDataConverter, temporalConnectionOptions } from '../../../libs/temporal';

/**
 * Owns the Temporal Worker's life: created once the Nest context (and so every activity's
 * dependencies) is ready, drained on shutdown so in-flight activities finish or are handed back.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TemporalWorker');
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(WorkerConfig) private readonly config: WorkerConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** RUNNING while it polls; the metrics listener's readiness reads it. */
  get state(): string {
    return this.worker?.getState() ?? 'STARTING';
  }

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await NativeConnection.connect(temporalConnectionOptions(this.config));
    // Traced (OTEL_EXPORTER_OTLP_ENDPOINT): workflows and activities become spans of the request that started them.
    const tracing = temporalWorkerTracing();
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      activities: activityMapFrom(this.moduleRef),
      dataConverter: payloadDataConverter(this.config),
      maxCachedWorkflows: this.config.WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentWorkflowTaskExecutions: this.config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
      maxConcurrentActivityTaskExecutions: this.config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      stickyQueueScheduleToStartTimeout: `${this.config.WORKER_STICKY_TIMEOUT_SECONDS}s`,
      ...workflowSource(this.config, tracing),
      sinks: tracing?.sinks,
    });
    this.running = this.worker.run();
    // A worker that dies on its own takes the process with it, so a supervisor restarts it.
    this.running.catch((error: unknown) => {
      this.logger.error(`worker stopped: ${String(error)}`);
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    });
    this.logger.log(`polling task queue "${this.config.TEMPORAL_TASK_QUEUE}" on ${this.config.TEMPORAL_ADDRESS}; ${workerSettingsLine(this.config)}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}

/** Production loads the prebuilt bundle; development and tests bundle the sources at start. */
export function workflowSource(config: WorkerConfig, tracing?: WorkerTracing): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'interceptors'> {
  if (config.WORKFLOW_BUNDLE_PATH) {
    // A traced worker loads the bundle's traced build, which has the workflow interceptors in it.
    const codePath = tracing ? tracedBundlePath(config.WORKFLOW_BUNDLE_PATH) : config.WORKFLOW_BUNDLE_PATH;
    if (!existsSync(codePath)) throw new Error(`${tracing ? 'the traced build of ' : ''}WORKFLOW_BUNDLE_PATH=${config.WORKFLOW_BUNDLE_PATH} (${codePath}) does not exist; run npm run build`);
    const { workflowModules: _bundled, ...interceptors } = tracing?.interceptors ?? { workflowModules: [] };
    return { workflowBundle: { codePath }, interceptors };
  }
  return { workflowsPath: require.resolve(join(__dirname, '../../../workflows')), interceptors: tracing?.interceptors };
}
