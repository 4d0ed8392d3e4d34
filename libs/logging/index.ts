export * from './personal-data-mask';
export * from './masking-console-logger';
export * from './masking-temporal-logger';
