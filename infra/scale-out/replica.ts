import { join } from 'node:path';
import { DEFAULT_RESTART_POLICY, RestartPolicy, SupervisedApp } from '../app-supervisor';
import { projectRoot } from '../paths';
import { freePort } from '../ports';
import { envFor } from '../stack';

/** Another instance of the stack's API or worker, on the same Postgres and Temporal. */
export interface Replica {
  label: string;
  app: SupervisedApp;
  /** The API's address (as it reports having bound it); none for a worker. */
  url?: string;
}

/**
 * Starts one more API or worker from dist/, as a process of its own under the same supervision
 * as the stack's apps, with the stack's environment: only what it binds differs (its own API
 * port, and any metrics port), as a second replica in a deployment gets it.
 */
export async function startReplica(
  kind: 'api' | 'worker',
  label: string,
  stackEnv: Record<string, string>,
  log: (line: string) => void,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): Promise<Replica> {
  const env = { ...envFor(kind, stackEnv) };
  for (const name of Object.keys(env)) if (name === 'API_PORT' || /METRICS_PORT$/.test(name)) env[name] = String(await freePort());
  // Its lines in the stack's log under its own name ([api-b], not [api]).
  const relabel = (line: string) => log(line.replace(/^\[(api|worker)\]/, `[${label}]`));
  const app = new SupervisedApp(kind, join(projectRoot(), 'dist', 'apps', kind, 'src', 'main.js'), env, relabel, policy);
  const report = await app.start();
  app.supervise();
  return { label, app, url: report.listening };
}
