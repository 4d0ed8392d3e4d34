export * from './temporal-connection';
export * from './temporal-client.module';
export * from './runtime-logging';
export * from './payload-codec';
