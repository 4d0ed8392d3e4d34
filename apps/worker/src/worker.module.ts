import { DynamicModule, Module } from '@nestjs/common';
import { ActivitiesModule } from '../../../activities';
import { WorkerConfig } from '../../../libs/config';
import { WorkerMetricsModule } from '../../../libs/observability';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerMetricsServer } from './worker-metrics.server';

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        WorkerMetricsModule,
        ActivitiesModule.forRoot({
          databaseUrl: config.DATABASE_URL,
          departmentsUrl: config.DEPARTMENTS_URL,
          // workerConfigFrom refuses to start without it.
          departmentsServiceKey: config.DEPARTMENTS_SERVICE_PRIVATE_KEY!,
          payloadKeys: config,
          publicBaseUrl: config.PUBLIC_BASE_URL,
        }),
      ],
      providers: [{ provide: WorkerConfig, useValue: config }, TemporalWorkerService, WorkerMetricsServer],
    };
  }
}
