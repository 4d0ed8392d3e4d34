import { commandFiles, manifestProblems } from './helm-manifest-checks';

const fromSecret = (name: string, key = name) => ({ name, valueFrom: { secretKeyRef: { name: 'beijing-approvals', key } } });
const labels = (component: string) => ({ 'app.kubernetes.io/instance': 'approvals', 'app.kubernetes.io/component': component });

function container(name: string, env: object[], probes: object, extra: object = {}) {
  return {
    name,
    image: 'registry.example.gov.cn/beijing-approvals:0.1.0',
    env: [{ name: 'NODE_ENV', value: 'production' }, ...env],
    resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1Gi' } },
    securityContext: { allowPrivilegeEscalation: false },
    ...probes,
    ...extra,
  };
}

function workload(kind: string, component: string, c: object, grace: number | undefined, replicas?: number) {
  return {
    kind,
    metadata: { name: `approvals-${component}` },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      template: { metadata: { labels: labels(component) }, spec: { securityContext: { runAsNonRoot: true }, terminationGracePeriodSeconds: grace, containers: [c] } },
    },
  };
}

const http = (path: string) => ({ httpGet: { path, port: 'http' } });
const probe = (mode: string) => ({ exec: { command: ['node', 'dist/infra/worker-probe.js', mode] } });

/** A production render as the chart makes it: two APIs and two workers, each selected by a PDB. */
function rendered(): any[] {
  const api = container(
    'api',
    [{ name: 'TEMPORAL_ADDRESS', value: 'temporal-frontend:7233' }, fromSecret('TEMPORAL_PAYLOAD_KEY'), fromSecret('AUTH_OIDC_DISCOVERY_URL'), fromSecret('DATABASE_URL'), { name: 'PUBLIC_BASE_URL', value: 'https://approvals.example.gov.cn' }],
    { startupProbe: http('/health/live'), readinessProbe: http('/health/live'), livenessProbe: http('/health/live') },
    { command: ['node', 'dist/apps/api/src/main.js'], lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } },
  );
  const worker = container(
    'worker',
    [
      { name: 'TEMPORAL_ADDRESS', value: 'temporal-frontend:7233' },
      { name: 'WORKFLOW_BUNDLE_PATH', value: '/app/dist/workflow-bundle.js' },
      { name: 'DEPARTMENTS_URL', value: 'http://approvals-departments:3100' },
      fromSecret('TEMPORAL_PAYLOAD_KEY'),
      { ...fromSecret('TEMPORAL_PAYLOAD_PREVIOUS_KEYS'), valueFrom: { secretKeyRef: { name: 'beijing-approvals', key: 'TEMPORAL_PAYLOAD_PREVIOUS_KEYS', optional: true } } },
      fromSecret('DATABASE_URL'),
      fromSecret('DEPARTMENTS_SERVICE_PRIVATE_KEY'),
      { name: 'PUBLIC_BASE_URL', value: 'https://approvals.example.gov.cn' },
    ],
    { startupProbe: probe('ready'), readinessProbe: probe('ready'), livenessProbe: probe('live') },
    { command: ['node', 'dist/apps/worker/src/main.js'] },
  );
  const migrate = container('migrate', [fromSecret('DATABASE_URL')], {}, { command: ['node', 'dist/infra/migrate.js', 'read-model'] });
  return [
    workload('Deployment', 'api', api, 45, 2),
    workload('Deployment', 'worker', worker, 30, 2),
    workload('Job', 'migrations', migrate, undefined),
    { kind: 'PodDisruptionBudget', metadata: { name: 'approvals-api' }, spec: { maxUnavailable: 1, selector: { matchLabels: labels('api') } } },
    { kind: 'PodDisruptionBudget', metadata: { name: 'approvals-worker' }, spec: { maxUnavailable: 1, selector: { matchLabels: labels('worker') } } },
    { kind: 'NetworkPolicy', metadata: { name: 'approvals-api' }, spec: { podSelector: { matchLabels: labels('api') } } },
    { kind: 'NetworkPolicy', metadata: { name: 'approvals-worker' }, spec: { podSelector: { matchLabels: labels('worker') } } },
  ];
}

const PRODUCTION = { minReplicas: 2, networkPolicies: true };
const containerOf = (docs: any[], component: string) => docs.find((d) => d.metadata.name === `approvals-${component}`).spec.template.spec.containers[0];
const envOf = (docs: any[], component: string) => containerOf(docs, component).env as any[];

describe('what an operator relies on in the rendered chart', () => {
  it('finds nothing wrong in a render that has it all', () => {
    expect(manifestProblems(rendered(), PRODUCTION)).toEqual([]);
  });

  it('names a Deployment without a probe, without resources, or with readiness on the whole-system check', () => {
    const docs = rendered();
    delete containerOf(docs, 'worker').livenessProbe;
    delete containerOf(docs, 'api').resources.requests.memory;
    containerOf(docs, 'api').readinessProbe = http('/health/ready');
    expect(manifestProblems(docs, PRODUCTION)).toEqual([
      'Deployment/approvals-api container api: no memory request',
      'Deployment/approvals-api container api: readinessProbe on /health/ready takes every instance out of the Service while no worker polls (use /health/live)',
      'Deployment/approvals-worker container worker: no livenessProbe',
    ]);
  });

  it('names an app that makes documents without the public https address for their QR codes', () => {
    const docs = rendered();
    envOf(docs, 'worker').splice(envOf(docs, 'worker').findIndex((e) => e.name === 'PUBLIC_BASE_URL'), 1);
    envOf(docs, 'api').find((e) => e.name === 'PUBLIC_BASE_URL').value = 'http://approvals.example.gov.cn';
    expect(manifestProblems(docs, PRODUCTION)).toEqual([
      "Deployment/approvals-api: PUBLIC_BASE_URL is http://approvals.example.gov.cn; documents' QR codes need the public https address",
      "Deployment/approvals-worker: PUBLIC_BASE_URL is not set; documents' QR codes need the public https address",
    ]);
  });

  it('names a secret given as a plain value, a required one that may be missing, and a PEM key in the manifests', () => {
    const docs = rendered();
    envOf(docs, 'worker').splice(envOf(docs, 'worker').findIndex((e) => e.name === 'DATABASE_URL'), 1, { name: 'DATABASE_URL', value: 'postgres://approvals:secret@pg/approvals' });
    envOf(docs, 'api').find((e) => e.name === 'TEMPORAL_PAYLOAD_KEY').valueFrom.secretKeyRef.optional = true;
    envOf(docs, 'api').push({ name: 'EXTRA_NOTE', value: '-----BEGIN PUBLIC KEY-----' });
    expect(manifestProblems(docs, PRODUCTION)).toEqual([
      'a PEM key is written into the manifests; keys belong in Secrets',
      'Deployment/approvals-api container api: TEMPORAL_PAYLOAD_KEY is an optional secretKeyRef; a missing key would start the app without it',
      'Deployment/approvals-worker container worker: DATABASE_URL is not read from a Secret (secretKeyRef)',
    ]);
  });

  it('names development mode, development logins and the development issuer, with the API refusing what it would refuse at start', () => {
    const docs = rendered();
    envOf(docs, 'worker')[0].value = 'development';
    const apiEnv = envOf(docs, 'api');
    apiEnv.push({ name: 'AUTH_JWT_ISSUER', value: 'beijing-approvals-dev' });
    apiEnv.push({ name: 'HIGH_TECH_PUBLIC_NOTICE_SECONDS', value: '20' });
    expect(manifestProblems(docs, PRODUCTION)).toEqual([
      'the development issuer beijing-approvals-dev appears in the manifests',
      'Deployment/approvals-api container api: HIGH_TECH_PUBLIC_NOTICE_SECONDS is set: a 公示 of seconds is for demos, not production',
      "Deployment/approvals-api container api: AUTH_JWT_ISSUER: production must not name the development issuer 'beijing-approvals-dev'",
      'Deployment/approvals-api container api: AUTH_JWT_ISSUER is the development issuer',
      'Deployment/approvals-worker container worker: NODE_ENV is "development", not production',
    ]);
  });

  it("names an app missing a setting its configuration requires, so it would not start", () => {
    const docs = rendered();
    const workerEnv = envOf(docs, 'worker');
    workerEnv.splice(workerEnv.findIndex((e) => e.name === 'DEPARTMENTS_SERVICE_PRIVATE_KEY'), 1);
    const apiEnv = envOf(docs, 'api');
    apiEnv.splice(apiEnv.findIndex((e) => e.name === 'AUTH_OIDC_DISCOVERY_URL'), 1);
    expect(manifestProblems(docs, PRODUCTION)).toEqual([
      'Deployment/approvals-api container api: AUTH_OIDC_DISCOVERY_URL is missing, and the app refuses to start without it',
      'Deployment/approvals-api container api: AUTH_OIDC_DISCOVERY_URL: production names its OpenID provider by its discovery URL (https://…/.well-known/openid-configuration)',
      'Deployment/approvals-worker container worker: DEPARTMENTS_SERVICE_PRIVATE_KEY is missing, and the app refuses to start without it',
    ]);
  });

  it("names a grace period shorter than the app's drain: the API's long polls after its preStop pause, the worker's activities", () => {
    const docs = rendered();
    docs[0].spec.template.spec.terminationGracePeriodSeconds = 30;
    delete docs[1].spec.template.spec.terminationGracePeriodSeconds;
    expect(manifestProblems(docs, PRODUCTION)).toEqual([
      "Deployment/approvals-api: terminationGracePeriodSeconds 30 does not exceed the api's drain of 35 s",
      'Deployment/approvals-worker: no terminationGracePeriodSeconds',
    ]);
  });

  it('names a single instance where production wants two, an unpinned image, and a Deployment no PDB or NetworkPolicy covers', () => {
    const docs = rendered();
    docs[1].spec.replicas = 1;
    containerOf(docs, 'api').image = 'registry.example.gov.cn/beijing-approvals:latest';
    const withoutCover = docs.filter((d) => !(d.metadata.name === 'approvals-api' && (d.kind === 'PodDisruptionBudget' || d.kind === 'NetworkPolicy')));
    expect(manifestProblems(withoutCover, PRODUCTION)).toEqual([
      'Deployment/approvals-api container api: image registry.example.gov.cn/beijing-approvals:latest is not pinned to a version or digest',
      'Deployment/approvals-api: no PodDisruptionBudget selects its pods',
      'Deployment/approvals-api: no NetworkPolicy selects its pods',
      'Deployment/approvals-worker: 1 instance(s), fewer than 2',
    ]);
    expect(manifestProblems(rendered(), { minReplicas: 3, networkPolicies: true })).toEqual(['Deployment/approvals-api: 2 instance(s), fewer than 3', 'Deployment/approvals-worker: 2 instance(s), fewer than 3']);
  });

  it("counts an autoscaler's minimum as the instances, and refuses a chart that writes a Secret of its own", () => {
    const docs = rendered();
    delete docs[0].spec.replicas;
    docs.push({ kind: 'HorizontalPodAutoscaler', metadata: { name: 'approvals-api' }, spec: { scaleTargetRef: { name: 'approvals-api' }, minReplicas: 1 } });
    docs.push({ kind: 'Secret', metadata: { name: 'approvals' }, stringData: { TEMPORAL_PAYLOAD_KEY: 'x' } });
    expect(manifestProblems(docs, PRODUCTION)).toEqual([
      'Secret/approvals: the chart writes a Secret with TEMPORAL_PAYLOAD_KEY; it must only reference existing ones',
      'Deployment/approvals-api: 1 instance(s), fewer than 2',
    ]);
  });

  it('lists the built files the commands and exec probes run', () => {
    expect(commandFiles(rendered())).toEqual(['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js', 'dist/infra/migrate.js', 'dist/infra/worker-probe.js']);
  });
});
