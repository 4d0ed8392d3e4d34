import { DefaultLogger, Runtime } from '@temporalio/worker';
import { MaskingTemporalLogger } from '../logging';

let installed: MaskingTemporalLogger | undefined;

/**
 * Tests keep Temporal's logs to errors (a retried activity is expected there, not news);
 * npm start to warnings; production to the SDK's default (info). The worker's, activities' and
 * workflows' logs go through the masking logger at every level. (The Core SDK's native logs are
 * not forwarded here: they concern connections and polling and see only encrypted payloads, and
 * forwarding them keeps a native handle that stops the process from exiting.) Installed once per
 * process; returns the masking logger.
 */
export function installTemporalRuntimeLogging(nodeEnv: string | undefined): MaskingTemporalLogger {
  if (installed) return installed;
  const level = nodeEnv === 'production' ? 'INFO' : nodeEnv === 'test' ? 'ERROR' : 'WARN';
  installed = new MaskingTemporalLogger(new DefaultLogger(level));
  // Core's own console output at the same bar (an expected replay failure in a test is not news).
  Runtime.install({ logger: installed, telemetryOptions: { logging: { filter: { core: nodeEnv === 'test' ? 'ERROR' : 'WARN', other: 'ERROR' } } } });
  return installed;
}
