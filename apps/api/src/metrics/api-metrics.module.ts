import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Registry } from 'prom-client';
import type { ApiConfig } from '../../../../libs/config';
import { HttpMetrics, METRICS_REGISTRY, TracingShutdown, createMetricsRegistry } from '../../../../libs/observability';
import { METRICS_SETTINGS, MetricsController, MetricsSettings } from './metrics.controller';
import { ReadModelGauges } from './read-model.gauges';

/** The API's Prometheus registry, its HTTP histogram (a middleware api.bootstrap installs), the read-model gauges and GET /metrics. */
@Global()
@Module({})
export class ApiMetricsModule {
  static forRoot(config: Pick<ApiConfig, 'NODE_ENV' | 'METRICS_TOKEN'>): DynamicModule {
    const settings: MetricsSettings = { nodeEnv: config.NODE_ENV, token: config.METRICS_TOKEN };
    return {
      module: ApiMetricsModule,
      controllers: [MetricsController],
      providers: [
        { provide: METRICS_SETTINGS, useValue: settings },
        { provide: METRICS_REGISTRY, useFactory: createMetricsRegistry },
        { provide: HttpMetrics, useFactory: (registry: Registry) => new HttpMetrics(registry), inject: [METRICS_REGISTRY] },
        ReadModelGauges,
        TracingShutdown,
      ],
      exports: [METRICS_REGISTRY, HttpMetrics],
    };
  }
}
