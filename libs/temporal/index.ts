export * from './temporal-connection';
export * from './temporal-client.module';
