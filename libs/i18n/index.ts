// What people read instead of codes: the labels of every status, decision, step, document and
// timeline action (labels.ts), for the consoles and the API alike.
export * from './labels';
