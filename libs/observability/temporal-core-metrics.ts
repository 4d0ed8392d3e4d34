import { createServer } from 'node:net';

/**
 * Temporal SDK Core (the worker's native half) serves its metrics (temporal_*: task slots,
 * poll and schedule-to-start latencies, workflow and activity outcomes, sticky cache) from a
 * Prometheus endpoint of its own, which Runtime.install binds. The worker binds it to a loopback
 * port nobody else sees and appends what it says to its own /metrics: one endpoint to scrape,
 * behind one token.
 */
export async function coreMetricsText(url: string | undefined): Promise<string> {
  if (!url) return '';
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return `# Temporal SDK Core metrics unavailable: ${url} answered ${response.status}\n`;
    return await response.text();
  } catch (error) {
    return `# Temporal SDK Core metrics unavailable: ${(error as Error).message}\n`;
  }
}

/** A free TCP port on loopback, for Core's exporter (which cannot say what port 0 became). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
