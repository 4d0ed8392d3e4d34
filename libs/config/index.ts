export * from './app-config';
export * from './run-app';
export * from './project-root';
