export * from './app-config';
export * from './run-app';
