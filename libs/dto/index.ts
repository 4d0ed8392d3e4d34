export * from './validators';
export * from './high-tech-application.dto';
export * from './case-engine.dto';
export * from './listing-application.dto';
export * from './talent-application.dto';
export * from './query-params';
export * from './request-hygiene.middleware';
