// What people read instead of codes: error messages by stable code (error-catalogue.ts) and the
// labels of every status, decision, step, document and timeline action (labels.ts), for the
// consoles and the API alike.
export * from './error-catalogue';
export * from './labels';
