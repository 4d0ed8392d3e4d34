import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;

/**
 * Tests keep Temporal's logs to errors (a retried activity is expected there, not news);
 * npm start to warnings; production keeps the SDK's default (info).
 */
export function installTemporalRuntimeLogging(nodeEnv: string | undefined): void {
  if (installed || nodeEnv === 'production') return;
  installed = true;
  Runtime.install({ logger: new DefaultLogger(nodeEnv === 'test' ? 'ERROR' : 'WARN') });
}
