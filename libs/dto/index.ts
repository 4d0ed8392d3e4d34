export * from './validators';
export * from './high-tech-application.dto';
