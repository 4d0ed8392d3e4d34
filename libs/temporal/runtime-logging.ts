import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;

/** Tests keep Temporal's logs to errors (a retried activity is expected there, not news). */
export function installTemporalRuntimeLogging(nodeEnv: string | undefined): void {
  if (installed) return;
  installed = true;
  if (nodeEnv === 'test') Runtime.install({ logger: new DefaultLogger('ERROR') });
}
