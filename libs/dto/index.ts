export * from './validators';
export * from './case-engine.dto';
export * from './query-params';
export * from './request-hygiene.middleware';
export * from './api-error';
