export * from './auth.guard';
export * from './demo-users';
export * from './token.service';
export * from './rate-limit.guard';
export * from './postgres-buckets';
export * from './claim-names';
