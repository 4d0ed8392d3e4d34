import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerConfig, nestLogLevels } from '../../../libs/config';
import { MaskingConsoleLogger } from '../../../libs/logging';
import { freeLoopbackPort } from '../../../libs/observability';
import { installTemporalRuntimeLogging } from '../../../libs/temporal';
import { WorkerModule } from './worker.module';

/**
 * A Nest application context: it exists to give activities their dependencies. Its only HTTP port
 * is the optional metrics and health listener (WORKER_METRICS_PORT).
 */
export async function startWorker(config: WorkerConfig): Promise<INestApplicationContext> {
  // With a metrics port, Core's own Prometheus endpoint on a private loopback port, merged into /metrics.
  const coreMetrics = config.WORKER_METRICS_PORT === undefined ? undefined : `127.0.0.1:${await freeLoopbackPort()}`;
  installTemporalRuntimeLogging(config.NODE_ENV, { prometheusBindAddress: coreMetrics });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: new MaskingConsoleLogger({ logLevels: nestLogLevels(config.NODE_ENV) }) });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
