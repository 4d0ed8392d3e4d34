import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { TemporalConfig } from '../config';
import { temporalClientInterceptors } from '../observability/temporal-tracing';
import { payloadDataConverter } from './payload-codec';
import { temporalConnectionOptions } from './temporal-connection';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

@Injectable()
class TemporalClientCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/** Provides the Temporal client the API uses to start workflows and send updates. */
@Global()
@Module({})
export class TemporalClientModule {
  static forRoot(config: TemporalConfig): DynamicModule {
    return {
      module: TemporalClientModule,
      providers: [
        {
          provide: TEMPORAL_CLIENT,
          useFactory: async () => {
            const connection = await Connection.connect(temporalConnectionOptions(config));
            // Traced (OTEL_EXPORTER_OTLP_ENDPOINT): starts and updates are spans of the request that asked.
            return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: payloadDataConverter(config), interceptors: { workflow: temporalClientInterceptors() } });
          },
        },
        TemporalClientCloser,
      ],
      exports: [TEMPORAL_CLIENT],
    };
  }
}
