import { startTracing } from '../../../libs/observability/tracing';

// main.ts imports this first: the instrumentations must be in place before anything loads http or pg.
startTracing('approvals-departments');
