import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Server } from 'node:http';
import type { Registry } from 'prom-client';
import { WorkerConfig } from '../../../libs/config';
import { METRICS_REGISTRY, coreMetricsText, startMetricsHttpServer } from '../../../libs/observability';
import { temporalCoreMetricsUrl } from '../../../libs/temporal';
import { TemporalWorkerService } from './temporal-worker.service';

/**
 * The worker's one HTTP port, when WORKER_METRICS_PORT is set: GET /metrics (the worker's own
 * metrics, then Temporal SDK Core's), GET /health/live, and GET /health/ready — 200 while the
 * Temporal worker polls, 503 before it does and once it is draining.
 */
@Injectable()
export class WorkerMetricsServer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerMetrics');
  private server?: Server;

  constructor(
    @Inject(WorkerConfig) private readonly config: WorkerConfig,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly worker: TemporalWorkerService,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.WORKER_METRICS_PORT === undefined) return;
    const { server, url } = await startMetricsHttpServer({
      host: this.config.WORKER_METRICS_HOST,
      port: this.config.WORKER_METRICS_PORT,
      nodeEnv: this.config.NODE_ENV,
      token: this.config.METRICS_TOKEN,
      metrics: async () => {
        const [own, core] = await Promise.all([this.registry.metrics(), coreMetricsText(temporalCoreMetricsUrl())]);
        return { contentType: this.registry.contentType, text: `${own}\n${core}` };
      },
      readiness: () => ({ ready: this.worker.state === 'RUNNING', detail: { worker: this.worker.state, taskQueue: this.config.TEMPORAL_TASK_QUEUE } }),
    });
    this.server = server;
    this.logger.log(`metrics on ${url}/metrics, health on ${url}/health/ready`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
}
