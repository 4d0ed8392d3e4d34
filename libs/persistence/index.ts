export * from './case.entity';
export * from './timeline-entry.entity';
export * from './read-model.data-source';
export * from './document.entity';
export * from './step.entity';
export * from './certificate.entity';
export * from './compliance-report.entity';
export * from './audit-chain';
