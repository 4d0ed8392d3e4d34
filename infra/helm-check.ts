import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { WORKFLOW_BUNDLE_PATH } from './build-workflow-bundle';
import { ensureHelm } from './helm-cli';
import { Expectations, commandFiles, manifestProblems } from './helm-manifest-checks';
import { projectRoot } from './paths';

/**
 * npm run helm:check (CI runs it after lint): `helm lint` and `helm template` of the chart with
 * its defaults, with the production values plus what an installation must add, and with every
 * option on; each render checked for what an operator relies on (helm-manifest-checks.ts), and
 * the values production must not accept refused at render, each named. Needs no cluster and no
 * network (once Helm is built).
 */
const CHART = join(projectRoot(), 'infra', 'helm', 'beijing-approvals');
const PRODUCTION_VALUES = join(CHART, 'values-production.yaml');
/** What values-production.yaml leaves for each installation to name. */
const INSTALLATION = ['image.repository=registry.example.gov.cn/approvals/beijing-approvals', 'ingress.host=approvals.example.gov.cn'];
/** Every optional part at once: a worker metrics port and its ServiceMonitor, mTLS to Temporal, autoscaled workers, external departments. */
const EVERY_OPTION = [
  'serviceMonitor.enabled=true',
  'serviceMonitor.bearerTokenSecret.name=metrics-scrape',
  'serviceMonitor.bearerTokenSecret.key=token',
  'worker.metricsPort=9464',
  'temporal.clientCertSecret=temporal-client-tls',
  'worker.autoscaling.enabled=true',
  'departments.enabled=false',
  'departments.externalUrl=https://departments-gateway.example.gov.cn',
  'auth.oidcDiscoveryUrl=https://sso.example.gov.cn/.well-known/openid-configuration',
  'auth.claims.roles=https://sso.example.gov.cn/roles',
  'auth.consoleClientId=approvals-console',
  'networkPolicy.metricsFrom[0].namespaceSelector.matchLabels.name=monitoring',
  'networkPolicy.ingressFrom[0].namespaceSelector.matchLabels.name=ingress-nginx',
];

interface Render {
  what: string;
  args: string[];
  expect?: Expectations;
  /** For a render that must fail: what its error must name, each. */
  refusedNaming?: string[];
}

const sets = (pairs: string[]) => pairs.flatMap((pair) => ['--set', pair]);

const RENDERS: Render[] = [
  { what: 'defaults (values.yaml)', args: [], expect: { minReplicas: 1, networkPolicies: false } },
  { what: 'production (values-production.yaml + an installation)', args: ['-f', PRODUCTION_VALUES, ...sets(INSTALLATION)], expect: { minReplicas: 2, networkPolicies: true } },
  { what: 'production with every option on', args: ['-f', PRODUCTION_VALUES, ...sets(INSTALLATION), ...sets(EVERY_OPTION)], expect: { minReplicas: 2, networkPolicies: true } },
  { what: 'production without what an installation must name', args: ['-f', PRODUCTION_VALUES], refusedNaming: ['image.repository:', 'ingress.host:'] },
  {
    what: 'development settings and secrets as plain values',
    args: [
      ...sets(INSTALLATION),
      '--set-string',
      'auth.jwtIssuer=beijing-approvals-dev',
      '--set-string',
      'api.env.AUTH_DEV_PRIVATE_KEY=x',
      '--set-string',
      'auth.oidcDiscoveryUrl=http://127.0.0.1:3300/.well-known/openid-configuration',
      '--set-string',
      'api.env.OIDC_PROVIDER_SETTINGS={}',
      '--set-string',
      'api.env.HIGH_TECH_PUBLIC_NOTICE_SECONDS=20',
      '--set-string',
      'departments.env.DEPARTMENTS_DEV_ENDPOINTS=true',
      '--set-string',
      'worker.env.NODE_ENV=development',
      '--set-string',
      'extraEnv.TEMPORAL_PAYLOAD_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      '--set-string',
      'publicBaseUrl=http://127.0.0.1:3000',
      '--set-string',
      'image.tag=latest',
      '--set',
      'secrets.refs.DATABASE_URL.optional=true',
    ],
    refusedNaming: [
      'auth.jwtIssuer: production must not name the development issuer',
      'api.env.AUTH_DEV_PRIVATE_KEY: development logins are not allowed in production',
      'api.env.OIDC_PROVIDER_SETTINGS: the embedded OpenID provider is for development only',
      'auth.oidcDiscoveryUrl: production reads its OpenID provider over https only',
      'api.env.HIGH_TECH_PUBLIC_NOTICE_SECONDS: a 公示 of seconds is for demos',
      'departments.env.DEPARTMENTS_DEV_ENDPOINTS:',
      'worker.env.NODE_ENV: every app runs with NODE_ENV=production',
      'extraEnv.TEMPORAL_PAYLOAD_KEY: a secret, read from an existing Secret',
      'publicBaseUrl: production serves the public over https only',
      'image.tag: a fixed version or image.digest, never latest',
      'secrets.refs.DATABASE_URL.optional: DATABASE_URL is required',
    ],
  },
];

function helm(binary: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? result.error?.message ?? '' };
}

export async function helmCheck(log: (line: string) => void = console.log): Promise<string[]> {
  const binary = await ensureHelm(log);
  const problems: string[] = [];

  for (const lint of [[], ['-f', PRODUCTION_VALUES, ...sets(INSTALLATION)]]) {
    const result = helm(binary, ['lint', '--strict', CHART, ...lint]);
    log(`helm lint --strict ${lint.length ? 'with the production values' : 'with the defaults'}: ${result.ok ? 'ok' : 'FAILED'}`);
    if (!result.ok) problems.push(`helm lint ${lint.join(' ')}:\n${result.stdout}${result.stderr}`);
  }

  const bundle = `/app/${relative(projectRoot(), WORKFLOW_BUNDLE_PATH)}`;
  for (const render of RENDERS) {
    const result = helm(binary, ['template', 'approvals', CHART, '--namespace', 'approvals', ...render.args]);
    if (render.refusedNaming) {
      const unnamed = render.refusedNaming.filter((text) => !result.stderr.includes(text));
      const ok = !result.ok && unnamed.length === 0;
      log(`helm template, ${render.what}: ${ok ? 'refused, naming each' : 'NOT REFUSED AS IT MUST BE'}`);
      if (result.ok) problems.push(`${render.what}: rendered, but must be refused`);
      else if (unnamed.length) problems.push(`${render.what}: refused without naming ${unnamed.join(' | ')}:\n${result.stderr}`);
      continue;
    }
    if (!result.ok) {
      problems.push(`helm template, ${render.what}:\n${result.stderr}`);
      log(`helm template, ${render.what}: FAILED`);
      continue;
    }
    const documents = parseAllDocuments(result.stdout);
    const parseErrors = documents.flatMap((d) => d.errors.map((e) => e.message));
    const manifests = documents.map((d) => d.toJS());
    const found = [
      ...parseErrors.map((e) => `YAML: ${e}`),
      ...manifestProblems(manifests, render.expect!),
      // The commands run files the build makes (npm run build; the image's /app).
      ...commandFiles(manifests)
        .filter((file) => !existsSync(join(projectRoot(), file)))
        .map((file) => `${file} is run by the manifests but the build has no such file`),
      ...(result.stdout.includes(`value: ${bundle}`) || !result.stdout.includes('WORKFLOW_BUNDLE_PATH') ? [] : [`WORKFLOW_BUNDLE_PATH is not ${bundle}, where npm run build writes the bundle`]),
    ];
    const kinds = manifests.filter(Boolean).map((m) => m.kind as string);
    const counted = [...new Set(kinds)].sort().map((kind) => `${kinds.filter((k) => k === kind).length} ${kind}`);
    log(`helm template, ${render.what}: ${found.length ? `${found.length} problem(s)` : 'ok'} (${counted.join(', ')})`);
    problems.push(...found.map((p) => `${render.what}: ${p}`));
  }
  return problems;
}

if (require.main === module) {
  helmCheck().then(
    (problems) => {
      if (problems.length) {
        console.error(`\nhelm:check found ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
        process.exit(1);
      }
      console.log('helm:check: the chart lints, renders and holds what an operator relies on');
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
