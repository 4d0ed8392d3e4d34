export * from './validators';
export * from './high-tech-application.dto';
export * from './case-engine.dto';
export * from './listing-application.dto';
export * from './talent-application.dto';
