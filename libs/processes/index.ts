// The registry and the shapes every process shares. A process's own contract and DTO are
// imported from its folder (libs/processes/<code>/), so adding one touches no file but its own
// and registry.ts.
export * from './process-contract';
export * from './define-process';
export * from './process-options';
export * from './application-schema';
export * from './registry';
export * from './case-subject';
export * from './process-bench';
export * from './process-seed';
