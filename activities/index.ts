export * from './activities.module';
export * from './activity-map';
export * from './department-http.client';
