import { DefaultLogger, Runtime } from '@temporalio/worker';
import { MaskingTemporalLogger } from '../logging';

let installed: MaskingTemporalLogger | undefined;
let coreMetricsUrl: string | undefined;

/**
 * Tests keep Temporal's logs to errors (a retried activity is expected there, not news);
 * npm start to warnings; production to the SDK's default (info). The worker's, activities' and
 * workflows' logs go through the masking logger at every level. (The Core SDK's native logs are
 * not forwarded here: they concern connections and polling and see only encrypted payloads, and
 * forwarding them keeps a native handle that stops the process from exiting.) Installed once per
 * process; returns the masking logger.
 *
 * With `prometheusBindAddress` (host:port), Core also serves its metrics there (temporal_*,
 * counters with _total, durations in seconds), which the worker's /metrics appends to its own.
 */
export function installTemporalRuntimeLogging(nodeEnv: string | undefined, options: { prometheusBindAddress?: string } = {}): MaskingTemporalLogger {
  if (installed) return installed;
  const level = nodeEnv === 'production' ? 'INFO' : nodeEnv === 'test' ? 'ERROR' : 'WARN';
  installed = new MaskingTemporalLogger(new DefaultLogger(level));
  const bindAddress = options.prometheusBindAddress;
  Runtime.install({
    logger: installed,
    telemetryOptions: {
      // Core's own console output at the same bar (an expected replay failure in a test is not news).
      logging: { filter: { core: nodeEnv === 'test' ? 'ERROR' : 'WARN', other: 'ERROR' } },
      ...(bindAddress ? { metrics: { prometheus: { bindAddress, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true } } } : {}),
    },
  });
  coreMetricsUrl = bindAddress ? `http://${bindAddress}/metrics` : undefined;
  return installed;
}

/** Where Core's Prometheus endpoint is, if the installed Runtime has one. */
export function temporalCoreMetricsUrl(): string | undefined {
  return coreMetricsUrl;
}
