export * from './calendar-date';
export * from './case-record';
export * from './credit-code';
export * from './departments';
export * from './high-tech-eligibility';
export * from './high-tech.contract';
