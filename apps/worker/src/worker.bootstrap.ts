import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerConfig, nestLogLevels } from '../../../libs/config';
import { MaskingConsoleLogger } from '../../../libs/logging';
import { installTemporalRuntimeLogging } from '../../../libs/temporal';
import { WorkerModule } from './worker.module';

/** A Nest application context, no HTTP port: it exists to give activities their dependencies. */
export async function startWorker(config: WorkerConfig): Promise<INestApplicationContext> {
  installTemporalRuntimeLogging(config.NODE_ENV);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: new MaskingConsoleLogger({ logLevels: nestLogLevels(config.NODE_ENV) }) });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
