export * from './temporal-connection';
export * from './temporal-client.module';
export * from './runtime-logging';
