import { MAX_WAIT_SECONDS } from '../apps/api/src/changes/long-poll';
import { DEV_JWT_ISSUER, productionAuthProblems } from '../libs/config/app-config';
import { developmentOnlySettings } from '../libs/processes/registry';

/**
 * What an operator relies on in the chart's rendered manifests, checked on `helm template`'s
 * output by `npm run helm:check`: every app runs in production mode with probes, resources and a
 * grace period long enough for its drain; secrets come only from Secrets; no development setting
 * or key is anywhere; each app gets the settings its configuration requires.
 */

/** Settings that are secrets: only ever from a Secret (secretKeyRef), never as a plain value. */
export const SECRET_SETTINGS = [
  'DATABASE_URL',
  'DEPARTMENTS_DATABASE_URL',
  'TEMPORAL_PAYLOAD_KEY',
  'TEMPORAL_PAYLOAD_PREVIOUS_KEYS',
  'TEMPORAL_API_KEY',
  'METRICS_TOKEN',
  'DEPARTMENTS_SERVICE_PRIVATE_KEY',
  'DEPARTMENTS_SERVICE_PUBLIC_KEY',
  'AUTH_DEV_PRIVATE_KEY',
];

/** What each app's configuration requires (libs/config/app-config.ts), by the container's name. */
export const REQUIRED_SETTINGS: Record<string, string[]> = {
  api: ['DATABASE_URL', 'TEMPORAL_PAYLOAD_KEY', 'AUTH_OIDC_DISCOVERY_URL', 'TEMPORAL_ADDRESS'],
  worker: ['DATABASE_URL', 'TEMPORAL_PAYLOAD_KEY', 'DEPARTMENTS_SERVICE_PRIVATE_KEY', 'DEPARTMENTS_URL', 'WORKFLOW_BUNDLE_PATH', 'TEMPORAL_ADDRESS'],
  departments: ['DEPARTMENTS_DATABASE_URL', 'DEPARTMENTS_SERVICE_PUBLIC_KEY'],
  migrate: ['DATABASE_URL'],
};

/**
 * The longest a worker holds work after SIGTERM: it stops polling and lets running activities
 * finish, and a department activity's startToCloseTimeout is 10 s (workflows/department-activities.ts).
 */
export const WORKER_DRAIN_SECONDS = 10;

/** Settings that switch on development behaviour, refused in any rendered manifest. */
const DEVELOPMENT_SETTINGS: Record<string, string> = {
  AUTH_DEV_PRIVATE_KEY: 'development logins are not allowed in production',
  OIDC_PROVIDER_SETTINGS: 'the embedded OpenID provider is for development only',
  // Each process's own development shortcuts, as its contract names them (a 公示 of seconds …).
  ...developmentOnlySettings(),
};

export interface Expectations {
  /** Fewest instances of the API and of the worker (replicas, or an autoscaler's minimum). */
  minReplicas: number;
  /** Whether each Deployment must have a NetworkPolicy selecting its pods. */
  networkPolicies: boolean;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are whatever YAML helm renders */
type Manifest = Record<string, any>;

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name?: string; key?: string; optional?: boolean } };
}

const nameOf = (m: Manifest) => `${m.kind}/${m.metadata?.name}`;

function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function containerProblems(where: string, container: Manifest, pod: Manifest, isDeployment: boolean): string[] {
  const problems: string[] = [];
  const at = `${where} container ${container.name}`;
  const env: EnvVar[] = container.env ?? [];
  const byName = new Map(env.map((e) => [e.name, e]));

  if (byName.get('NODE_ENV')?.value !== 'production') problems.push(`${at}: NODE_ENV is ${JSON.stringify(byName.get('NODE_ENV')?.value)}, not production`);
  for (const e of env) {
    if (SECRET_SETTINGS.includes(e.name) && !e.valueFrom?.secretKeyRef) problems.push(`${at}: ${e.name} is not read from a Secret (secretKeyRef)`);
    if (e.valueFrom?.secretKeyRef && (!e.valueFrom.secretKeyRef.name || !e.valueFrom.secretKeyRef.key)) problems.push(`${at}: ${e.name} names no Secret or key`);
    if (DEVELOPMENT_SETTINGS[e.name]) problems.push(`${at}: ${e.name} is set: ${DEVELOPMENT_SETTINGS[e.name]}`);
    if (e.name === 'DEPARTMENTS_DEV_ENDPOINTS' && /^(1|true|yes)$/i.test(e.value ?? '')) problems.push(`${at}: DEPARTMENTS_DEV_ENDPOINTS turns on the departments' dev endpoints`);
  }
  for (const required of REQUIRED_SETTINGS[container.name] ?? []) {
    const e = byName.get(required);
    if (!e) problems.push(`${at}: ${required} is missing, and the app refuses to start without it`);
    else if (e.valueFrom?.secretKeyRef?.optional) problems.push(`${at}: ${required} is an optional secretKeyRef; a missing key would start the app without it`);
  }
  if (container.name === 'api') {
    // The API's own production check (libs/config), fed what the pod would have.
    // A value from a Secret cannot be read in a render: a discovery URL from one stands in as https (the API checks the real one at start).
    const fromSecret = (e: EnvVar) => (e.name === 'AUTH_OIDC_DISCOVERY_URL' ? `https://secret.invalid/${e.valueFrom?.secretKeyRef?.name}` : `<from Secret ${e.valueFrom?.secretKeyRef?.name}>`);
    const simulated = Object.fromEntries(env.map((e) => [e.name, e.value ?? fromSecret(e)]));
    for (const problem of productionAuthProblems(simulated)) problems.push(`${at}: ${problem}`);
  }
  if (byName.get('AUTH_JWT_ISSUER')?.value === DEV_JWT_ISSUER) problems.push(`${at}: AUTH_JWT_ISSUER is the development issuer`);

  if (/:latest$/.test(container.image ?? '') || !/[:@]/.test(container.image ?? '')) problems.push(`${at}: image ${container.image} is not pinned to a version or digest`);
  for (const kind of ['cpu', 'memory'] as const) {
    if (!container.resources?.requests?.[kind]) problems.push(`${at}: no ${kind} request`);
  }
  if (!container.resources?.limits?.memory) problems.push(`${at}: no memory limit`);

  if (isDeployment) {
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe'] as const) {
      if (!container[probe]) problems.push(`${at}: no ${probe}`);
    }
    if (container.readinessProbe?.httpGet?.path === '/health/ready') {
      problems.push(`${at}: readinessProbe on /health/ready takes every instance out of the Service while no worker polls (use /health/live)`);
    }
    const grace = pod.terminationGracePeriodSeconds;
    const preStop = Number(container.lifecycle?.preStop?.exec?.command?.[1] ?? 0);
    const drain = container.name === 'api' ? preStop + MAX_WAIT_SECONDS : container.name === 'worker' ? WORKER_DRAIN_SECONDS : 0;
    if (typeof grace !== 'number') problems.push(`${where}: no terminationGracePeriodSeconds`);
    else if (grace <= drain) problems.push(`${where}: terminationGracePeriodSeconds ${grace} does not exceed the ${container.name}'s drain of ${drain} s`);
  }
  if (container.securityContext?.allowPrivilegeEscalation !== false) problems.push(`${at}: allowPrivilegeEscalation is not false`);
  return problems;
}

/** Every problem with the rendered manifests, one line each; none means an operator can rely on them. */
export function manifestProblems(manifests: Manifest[], expect: Expectations): string[] {
  const problems: string[] = [];
  const docs = manifests.filter((m) => m && typeof m === 'object');
  const deployments = docs.filter((m) => m.kind === 'Deployment');
  const workloads = docs.filter((m) => m.kind === 'Deployment' || m.kind === 'Job');
  if (deployments.length === 0) problems.push('no Deployment rendered');

  const text = JSON.stringify(docs);
  if (text.includes('-----BEGIN')) problems.push('a PEM key is written into the manifests; keys belong in Secrets');
  if (text.includes(DEV_JWT_ISSUER)) problems.push(`the development issuer ${DEV_JWT_ISSUER} appears in the manifests`);

  for (const workload of workloads) {
    const pod = workload.spec?.template?.spec ?? {};
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${nameOf(workload)}: pods may run as root (securityContext.runAsNonRoot)`);
    for (const container of pod.containers ?? []) problems.push(...containerProblems(nameOf(workload), container, pod, workload.kind === 'Deployment'));
  }

  const secretNames = new Set(SECRET_SETTINGS);
  for (const secret of docs.filter((m) => m.kind === 'Secret')) {
    const keys = Object.keys({ ...secret.data, ...secret.stringData });
    if (keys.some((k) => secretNames.has(k))) problems.push(`${nameOf(secret)}: the chart writes a Secret with ${keys.join(', ')}; it must only reference existing ones`);
  }

  for (const deployment of deployments) {
    const labels = deployment.spec?.template?.metadata?.labels;
    const component = labels?.['app.kubernetes.io/component'];
    if (!docs.some((m) => m.kind === 'PodDisruptionBudget' && selects(m.spec?.selector?.matchLabels, labels))) problems.push(`${nameOf(deployment)}: no PodDisruptionBudget selects its pods`);
    if (expect.networkPolicies && !docs.some((m) => m.kind === 'NetworkPolicy' && selects(m.spec?.podSelector?.matchLabels, labels))) {
      problems.push(`${nameOf(deployment)}: no NetworkPolicy selects its pods`);
    }
    if ((component === 'api' || component === 'worker') && expect.networkPolicies) {
      // Production (an Ingress with a host): the QR codes on issued documents (made by the worker at issue, by the API after) open the public address, over https.
      const env: Array<{ name: string; value?: string }> = deployment.spec?.template?.spec?.containers?.[0]?.env ?? [];
      const base = env.find((e) => e.name === 'PUBLIC_BASE_URL')?.value;
      if (!base?.startsWith('https://')) problems.push(`${nameOf(deployment)}: PUBLIC_BASE_URL is ${base ?? 'not set'}; documents' QR codes need the public https address`);
    }
    if (component === 'api' || component === 'worker') {
      const hpa = docs.find((m) => m.kind === 'HorizontalPodAutoscaler' && m.spec?.scaleTargetRef?.name === deployment.metadata?.name);
      const fewest = hpa ? hpa.spec?.minReplicas : (deployment.spec?.replicas ?? 1);
      if (hpa && deployment.spec?.replicas !== undefined) problems.push(`${nameOf(deployment)}: sets replicas while an autoscaler scales it`);
      if (!(fewest >= expect.minReplicas)) problems.push(`${nameOf(deployment)}: ${fewest} instance(s), fewer than ${expect.minReplicas}`);
    }
  }
  return problems;
}

/** The files under dist/ the manifests' commands and probes run, to be checked against a build. */
export function commandFiles(manifests: Manifest[]): string[] {
  const files = new Set<string>();
  for (const m of manifests.filter((d) => d && (d.kind === 'Deployment' || d.kind === 'Job'))) {
    for (const c of m.spec?.template?.spec?.containers ?? []) {
      for (const command of [c.command, c.startupProbe?.exec?.command, c.readinessProbe?.exec?.command, c.livenessProbe?.exec?.command]) {
        for (const arg of command ?? []) if (typeof arg === 'string' && arg.startsWith('dist/')) files.add(arg);
      }
    }
  }
  return [...files].sort();
}
