import { Global, Module } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { DepartmentCallMetrics } from './department-call.metrics';
import { METRICS_REGISTRY, createMetricsRegistry } from './metrics-registry';
import { ProjectionMetrics } from './projection.metrics';
import { TracingShutdown } from './tracing-shutdown';

/**
 * The worker's metrics, global so the activities' providers (DepartmentHttpClient,
 * ReadModelActivities) receive them without ActivitiesModule knowing about it; a test that builds
 * ActivitiesModule alone gets none, and the activities record nothing.
 */
@Global()
@Module({
  providers: [
    { provide: METRICS_REGISTRY, useFactory: createMetricsRegistry },
    { provide: DepartmentCallMetrics, useFactory: (registry: Registry) => new DepartmentCallMetrics(registry), inject: [METRICS_REGISTRY] },
    { provide: ProjectionMetrics, useFactory: (registry: Registry) => new ProjectionMetrics(registry), inject: [METRICS_REGISTRY] },
    TracingShutdown,
  ],
  exports: [METRICS_REGISTRY, DepartmentCallMetrics, ProjectionMetrics],
})
export class WorkerMetricsModule {}
