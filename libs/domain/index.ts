export * from './calendar-date';
export * from './case-record';
export * from './credit-code';
export * from './departments';
export * from './high-tech-eligibility';
export * from './high-tech.contract';
export * from './case-engine.contract';
export * from './sla-clock';
