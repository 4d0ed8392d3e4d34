/** What an app tells the launcher (npm start) once it is up: the address it bound, or the queue it polls. */
export type LauncherReport = { listening: string } | { polling: string };

/**
 * Runs an app's start-up. Started by the launcher (over an IPC channel), it reports what it
 * actually bound — the only address the launcher prints — and goes when the launcher goes, rather
 * than linger as an orphan holding its port. A start that fails exits 1 with its error.
 */
export function runApp(start: () => Promise<LauncherReport>): void {
  start()
    .then((report) => {
      process.send?.(report);
      process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
