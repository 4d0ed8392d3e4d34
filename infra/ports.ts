import { createServer } from 'node:net';

/** Asks the kernel for a free TCP port on loopback. */
export function freePort(): Promise<number> {
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

export async function waitFor<T>(what: string, probe: () => Promise<T>, timeoutMs = 60_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await probe();
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${String(lastError)}`);
}

/** What a server says when a port chosen for it was taken before it could bind it. */
const PORT_TAKEN = /address already in use|EADDRINUSE/i;

/**
 * Starts a server on ports freePort chose, and again on newly chosen ones (up to three times in
 * all) when it fails because one was taken meanwhile: freePort's ports are the kernel's ephemeral
 * ones, which any outgoing connection on the machine may take in the moment before the server
 * binds them. `start` chooses its ports each time; any other failure is thrown as it is.
 */
export async function startOnFreshPortsOnClash<T>(what: string, log: (line: string) => void, start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= attempts || !PORT_TAKEN.test(String(error))) throw error;
      log(`${what}: a port chosen for it was taken before it bound it; starting it again on other ports`);
    }
  }
}
