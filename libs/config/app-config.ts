import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, Validate, ValidatorConstraint, ValidatorConstraintInterface, validateSync } from 'class-validator';
import { DEFAULT_CLAIM_NAMES } from '../auth/claim-names';
import type { EngineOptions } from '../processes/process-contract';
import { readRegisteredOptions } from '../processes/process-options';

const toBool = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value);

// 32 bytes in base64 are exactly 43 characters and one '=' of padding.
const AES_256_KEY = /^[A-Za-z0-9+/]{43}=$/;
const PEM_PRIVATE_KEY = /-----BEGIN (RSA )?PRIVATE KEY-----/;
const AES_256_KEYS = /^\s*[A-Za-z0-9+/]{43}=\s*(,\s*[A-Za-z0-9+/]{43}=\s*)*$/;

/** Express's "trust proxy" values we accept: a hop count, or addresses / subnets / its three names. */
@ValidatorConstraint({ name: 'isTrustedProxies' })
class IsTrustedProxies implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    if (/^\d+$/.test(value.trim())) return true;
    return value.split(',').every((entry) => {
      const [address, prefix, ...rest] = entry.trim().split('/');
      if (rest.length || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) return false;
      return ['loopback', 'linklocal', 'uniquelocal'].includes(address) || isIP(address) !== 0;
    });
  }

  defaultMessage(): string {
    return 'API_TRUST_PROXY must be a hop count, or comma-separated addresses or subnets (or loopback, linklocal, uniquelocal)';
  }
}

/** The issuer development tokens named before the embedded OpenID provider; production refuses it. */
export const DEV_JWT_ISSUER = 'beijing-approvals-dev';

/** The consoles' client id at the embedded provider (and the API's default for AUTH_OIDC_CONSOLE_CLIENT_ID). */
export const DEV_OIDC_CLIENT_ID = 'beijing-approvals-console';

/** A JWT claim name, possibly namespaced as some providers do (https://example.gov.cn/roles). */
const CLAIM_NAME = /^[\w.:/-]{1,200}$/;

/**
 * The object store's development credentials: what the embedded SeaweedFS (infra/seaweedfs.ts) is
 * started with for npm start and the tests. Public in this repository, so production refuses them.
 */
export const DEV_S3_ACCESS_KEY_ID = 'approvals-dev-access-key';
export const DEV_S3_SECRET_ACCESS_KEY = 'approvals-dev-secret-key-NOT-FOR-PRODUCTION';

/** Where Temporal is: a dev server started by infra/, a self-hosted cluster, or Temporal Cloud. */
export class TemporalConfig {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^[^\s:]+:\d+$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString()
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  TEMPORAL_TASK_QUEUE = 'approvals';

  /** TLS for a production cluster or Temporal Cloud: client certificate and key as file paths. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  TEMPORAL_TLS = false;

  @IsOptional()
  @IsString()
  TEMPORAL_TLS_CERT_PATH?: string;

  @IsOptional()
  @IsString()
  TEMPORAL_TLS_KEY_PATH?: string;

  /** Temporal Cloud API key; implies TLS. */
  @IsOptional()
  @IsString()
  TEMPORAL_API_KEY?: string;

  /**
   * AES-256 key for Temporal payloads (applications carry passport and ID numbers), base64 of
   * 32 random bytes: `openssl rand -base64 32`. Every client and worker of a namespace needs it.
   */
  @Matches(AES_256_KEY, { message: 'TEMPORAL_PAYLOAD_KEY must be 32 bytes in base64 (44 characters ending in =), e.g. from openssl rand -base64 32' })
  TEMPORAL_PAYLOAD_KEY!: string;

  /** Keys replaced by a rotation, comma-separated: they decrypt payloads written with them, never encrypt. */
  @IsOptional()
  @Matches(AES_256_KEYS, { message: 'TEMPORAL_PAYLOAD_PREVIOUS_KEYS must be comma-separated keys, each 32 bytes in base64 (44 characters ending in =)' })
  TEMPORAL_PAYLOAD_PREVIOUS_KEYS?: string;

  /**
   * The bearer token Prometheus sends for GET /metrics (API and worker). Without it, /metrics is
   * open outside production and off (404) in production: case counts per agency are not public.
   */
  @IsOptional()
  @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters, e.g. from openssl rand -hex 32' })
  METRICS_TOKEN?: string;
}

export class ApiConfig extends TemporalConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  API_PORT = 3000;

  @IsString()
  API_HOST = '127.0.0.1';

  /**
   * The OpenID provider whose tokens the API accepts, by its discovery document
   * (https://…/.well-known/openid-configuration): its issuer and published keys (JWKS) are read
   * from there. npm start and the tests point it at the embedded provider; production names its own.
   */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'AUTH_OIDC_DISCOVERY_URL must be the URL of the OpenID provider\'s discovery document (…/.well-known/openid-configuration)' })
  AUTH_OIDC_DISCOVERY_URL!: string;

  /** Optional: the issuer the discovery document must name (a pin against a misdirected URL). */
  @IsOptional()
  @IsString()
  AUTH_JWT_ISSUER?: string;

  /** The audience (aud) the API's access tokens must name. */
  @IsString()
  AUTH_JWT_AUDIENCE = 'beijing-approvals';

  /** The claims roles, agency, name and the applicant's credit code are read from (each provider names them its own way). */
  @Matches(CLAIM_NAME, { message: 'AUTH_CLAIM_ROLES must be a claim name' })
  AUTH_CLAIM_ROLES = DEFAULT_CLAIM_NAMES.roles;

  @Matches(CLAIM_NAME, { message: 'AUTH_CLAIM_AGENCY must be a claim name' })
  AUTH_CLAIM_AGENCY = DEFAULT_CLAIM_NAMES.agency;

  @Matches(CLAIM_NAME, { message: 'AUTH_CLAIM_NAME must be a claim name' })
  AUTH_CLAIM_NAME = DEFAULT_CLAIM_NAMES.name;

  @Matches(CLAIM_NAME, { message: 'AUTH_CLAIM_APPLICANT_ID must be a claim name' })
  AUTH_CLAIM_APPLICANT_ID = DEFAULT_CLAIM_NAMES.applicantId;

  /** The consoles' client at the provider (a public client: authorization code with PKCE). */
  @Matches(/^[\w.:/-]{1,200}$/, { message: 'AUTH_OIDC_CONSOLE_CLIENT_ID must be a client id' })
  AUTH_OIDC_CONSOLE_CLIENT_ID = DEV_OIDC_CLIENT_ID;

  /** The scopes the consoles ask for: enough for an access token for this API. */
  @Matches(/^[\w.:/-]+( [\w.:/-]+)*$/, { message: 'AUTH_OIDC_CONSOLE_SCOPE must be space-separated scopes' })
  AUTH_OIDC_CONSOLE_SCOPE = 'openid profile api';

  /** Development only: the key /auth/dev-login signs with. Refused in production. */
  @IsOptional()
  @Matches(/-----BEGIN PRIVATE KEY-----/, { message: 'AUTH_DEV_PRIVATE_KEY must be a PEM private key' })
  AUTH_DEV_PRIVATE_KEY?: string;

  /**
   * The longest a token may be valid (exp − iat, or exp − now without iat), in seconds; tokens
   * without exp or valid longer are refused, so a leaked token cannot outlive a working day.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  @Max(7 * 86_400)
  AUTH_TOKEN_MAX_LIFETIME_SECONDS = 12 * 3600;

  /** Refused tokens a minute from one address before it gets 429 (even with a good token) until it refills. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  AUTH_FAILURES_PER_MINUTE = 30;

  /**
   * The reverse proxies in front of the API, whose X-Forwarded-For names the client (Express's
   * "trust proxy": a hop count, or addresses, subnets and loopback / linklocal / uniquelocal,
   * comma-separated). Without it every client behind a proxy shares the proxy's address, and so
   * its rate limits: one client's refused tokens would lock out all the others.
   */
  @IsOptional()
  @Validate(IsTrustedProxies)
  API_TRUST_PROXY?: string;

  /** The OpenAPI page (/docs) and document (/docs-json): on by default outside production, off in it. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  API_DOCS_ENABLED?: boolean;

  /** Every process's warning: a clock turns yellow when this many working days or fewer remain. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(10)
  SLA_WARN_DAYS_BEFORE = 3;

  /** A department silent this long (retried all the while) raises an incident on the supervisor dashboard. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(86_400)
  DEPARTMENT_INCIDENT_SECONDS = 600;

  /** Requests a minute per user (per address without a token); 429 beyond it. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 1200;

  /**
   * How long an action on a case (a Temporal update: claim, decide, correct, withdraw, urge …)
   * waits for a worker before the API answers 503 with Retry-After, rather than hanging.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(120)
  WORKFLOW_UPDATE_TIMEOUT_SECONDS = 10;

  /**
   * Readiness counts a worker as online while it has polled the task queue within this many
   * seconds. An idle worker's poll is held by the server up to its long-poll interval
   * (matching.longPollExpirationInterval, a minute by default), so this must exceed it.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(2)
  @Max(3600)
  WORKER_POLL_MAX_AGE_SECONDS = 70;

  /**
   * Where the public reaches this system (https://zwfw.example.gov.cn): the QR code on every
   * issued PDF opens its verification page under it. Unset, the API's own address
   * (http://API_HOST:API_PORT), which only this machine can open: production sets it.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'PUBLIC_BASE_URL must be an http(s) URL, e.g. https://zwfw.example.gov.cn' })
  PUBLIC_BASE_URL?: string;

  /** The largest PDF the public verification takes as an upload, in bytes. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  VERIFY_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

  /** The departments' services, whose GET /health readiness asks; unset, they are not checked. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  DEPARTMENTS_URL?: string;

  /**
   * The object store that holds uploaded materials (附件), by the S3 API: the embedded SeaweedFS
   * outside production, the government's own store (any S3-compatible endpoint) in it. Unset,
   * uploads and downloads answer 503 and processes that require materials cannot be filed.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'S3_ENDPOINT must be an http(s) URL, e.g. https://oss.example.gov.cn' })
  S3_ENDPOINT?: string;

  @Matches(/^[a-z0-9-]{2,32}$/, { message: 'S3_REGION must be a region name such as us-east-1 or cn-north-1' })
  S3_REGION = 'us-east-1';

  /** Created at start if missing (when the credentials may). */
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a bucket name: 3–63 lower-case letters, digits, dots and hyphens' })
  S3_BUCKET = 'approvals-materials';

  @IsOptional()
  @IsString()
  @MinLength(3, { message: 'S3_ACCESS_KEY_ID must be at least 3 characters' })
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'S3_SECRET_ACCESS_KEY must be at least 8 characters' })
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style URLs (endpoint/bucket/key): what SeaweedFS and most on-premises stores expect; false for virtual-hosted buckets. */
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = true;

  /** The largest file one upload may be (bytes); a process may allow less for a material. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  MATERIALS_MAX_BYTES = 20 * 1024 * 1024;

  /** The most materials one filing, correction answer or decision may carry. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  MATERIALS_MAX_PER_FILING = 20;

  /**
   * Each registered process's options in force, by process code: read from the settings under
   * the process's own prefix, within its contract's legal limits, with the engine's settings
   * above. Not a setting itself: apiConfigFrom fills it from libs/processes.
   */
  processOptions: Record<string, EngineOptions> = {};
}

/**
 * What production's token settings lack, one line each: production names its OpenID provider by
 * an https discovery URL, and none of the embedded provider's development settings may be set.
 * Shared by the API's config and the launcher, which must refuse before it would otherwise
 * generate or read a development key pair or start the embedded provider.
 */
export function productionAuthProblems(env: Record<string, string | undefined>): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  const discovery = env.AUTH_OIDC_DISCOVERY_URL;
  if (!discovery) {
    problems.push("AUTH_OIDC_DISCOVERY_URL: production names its OpenID provider by its discovery URL (https://…/.well-known/openid-configuration)");
  } else if (!/^https:\/\//i.test(discovery)) {
    // Keys fetched over plain http could be swapped by anyone on the way; the embedded provider is plain http.
    problems.push('AUTH_OIDC_DISCOVERY_URL: production reads its OpenID provider over https only (the embedded development provider is not for production)');
  }
  if (env.AUTH_JWT_ISSUER === DEV_JWT_ISSUER) problems.push(`AUTH_JWT_ISSUER: production must not name the development issuer '${DEV_JWT_ISSUER}'`);
  if (env.AUTH_DEV_PRIVATE_KEY) problems.push('AUTH_DEV_PRIVATE_KEY: development logins are not allowed in production');
  if (env.OIDC_PROVIDER_SETTINGS) problems.push('OIDC_PROVIDER_SETTINGS: the embedded OpenID provider (its demo users and keys) is for development only');
  return problems;
}

/** Production's object store: never the development credentials every clone of this repository knows. */
export function productionObjectStoreProblems(env: Record<string, string | undefined>): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (env.S3_ACCESS_KEY_ID === DEV_S3_ACCESS_KEY_ID) problems.push('S3_ACCESS_KEY_ID: production must not use the development object-store key');
  if (env.S3_SECRET_ACCESS_KEY === DEV_S3_SECRET_ACCESS_KEY) problems.push('S3_SECRET_ACCESS_KEY: production must not use the development object-store secret');
  if (env.S3_ENDPOINT && (!env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY)) {
    problems.push('S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: production needs the object store\'s credentials with S3_ENDPOINT');
  }
  return problems;
}

/** Throws the one "Invalid configuration" message for production's token settings, if any is wrong. */
export function assertProductionAuth(env: Record<string, string | undefined>): void {
  const problems = productionAuthProblems(env);
  if (problems.length) throw new Error(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

/**
 * Every issued document carries a QR code to the public verification page at PUBLIC_BASE_URL:
 * production must say where the public reaches it, over https (the default, the API's own
 * address, is only reachable from its host).
 */
export function productionPublicUrlProblems(env: Record<string, string | undefined>): string[] {
  if (env.NODE_ENV !== 'production') return [];
  if (!env.PUBLIC_BASE_URL) return ['PUBLIC_BASE_URL: production names where the public reaches the consoles (https://…): the QR code on every issued document opens its verification page there'];
  if (!/^https:\/\//i.test(env.PUBLIC_BASE_URL)) return ['PUBLIC_BASE_URL: production serves the public over https only (the QR code on every issued document opens it)'];
  return [];
}

/** API configuration, with key files read and production refusing development token settings. */
export function apiConfigFrom(env: Record<string, string | undefined>): ApiConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  assertProductionAuth(defined);
  const { config, problems } = validated(ApiConfig, defined);
  const processes = readRegisteredOptions(defined, { warnDaysBefore: config.SLA_WARN_DAYS_BEFORE, departmentIncidentSeconds: config.DEPARTMENT_INCIDENT_SECONDS });
  refuseProblems([...productionObjectStoreProblems(defined), ...problems, ...processes.problems, ...productionPublicUrlProblems(defined)]);
  config.processOptions = processes.options;
  config.API_DOCS_ENABLED ??= config.NODE_ENV !== 'production';
  config.PUBLIC_BASE_URL ??= `http://${config.API_HOST.includes(':') ? `[${config.API_HOST}]` : config.API_HOST}:${config.API_PORT}`;
  return config;
}

export class WorkerConfig extends TemporalConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsUrl({ require_tld: false, require_protocol: true })
  DEPARTMENTS_URL = 'http://127.0.0.1:3100';

  /**
   * PEM private key (RS256) the worker signs its calls to the departments with, or
   * DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE; the departments hold the public half. Required.
   */
  @IsOptional()
  @Matches(PEM_PRIVATE_KEY, { message: 'DEPARTMENTS_SERVICE_PRIVATE_KEY must be a PEM private key (RS256)' })
  DEPARTMENTS_SERVICE_PRIVATE_KEY?: string;

  /** A prebuilt bundle (npm run build) makes start-up fast; without it the worker bundles at start. */
  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string;

  // The settings throughput and recovery depend on, explicit so benchmarks print what they ran with.
  /** Workflows kept in memory between tasks (a miss replays the history). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(100_000)
  WORKER_MAX_CACHED_WORKFLOWS = 1000;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(2)
  @Max(1000)
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS = 40;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(10_000)
  WORKER_MAX_CONCURRENT_ACTIVITIES = 100;

  /**
   * How long the server holds a cached workflow's next task for this worker before any worker may
   * take it: after a crash, the cases this worker held wait this long to move again.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(60)
  WORKER_STICKY_TIMEOUT_SECONDS = 10;

  /**
   * The worker has no HTTP port of its own: set this to serve GET /metrics (its own and Temporal
   * SDK Core's) and /health/live, /health/ready on it. Unset, nothing listens.
   */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT?: number;

  /** Where that port listens: loopback by default; 0.0.0.0 (or the pod's address) for a scraper elsewhere. */
  @IsString()
  WORKER_METRICS_HOST = '127.0.0.1';

  /**
   * The API's PUBLIC_BASE_URL: the worker makes each document's PDF as it is issued, its QR code
   * opening the verification page there. Unset (development only), PDFs are made by the API on
   * their first download instead.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'PUBLIC_BASE_URL must be an http(s) URL, e.g. https://zwfw.example.gov.cn' })
  PUBLIC_BASE_URL?: string;
}

/** Worker configuration, with the departments' signing key read from its file and required. */
export function workerConfigFrom(env: Record<string, string | undefined>): WorkerConfig {
  refuseProblems(productionPublicUrlProblems(env));
  const config = loadConfig(WorkerConfig, withKeyFile(env, 'DEPARTMENTS_SERVICE_PRIVATE_KEY'));
  if (!config.DEPARTMENTS_SERVICE_PRIVATE_KEY) {
    throw new Error(
      'Invalid configuration:\n  DEPARTMENTS_SERVICE_PRIVATE_KEY: required: the PEM private key the worker signs its calls to the departments with (or DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE)',
    );
  }
  return config;
}

/** The worker settings as one line, for logs and benchmark reports. */
export function workerSettingsLine(c: WorkerConfig): string {
  return `maxCachedWorkflows=${c.WORKER_MAX_CACHED_WORKFLOWS} maxConcurrentWorkflowTaskExecutions=${c.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS} maxConcurrentActivityTaskExecutions=${c.WORKER_MAX_CONCURRENT_ACTIVITIES} stickyQueueScheduleToStartTimeout=${c.WORKER_STICKY_TIMEOUT_SECONDS}s workflowBundle=${c.WORKFLOW_BUNDLE_PATH ? 'prebuilt' : 'bundled at start'}`;
}

export class DepartmentsConfig {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DEPARTMENTS_DATABASE_URL must be a postgres:// URL' })
  DEPARTMENTS_DATABASE_URL!: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  DEPARTMENTS_PORT = 3100;

  @IsString()
  DEPARTMENTS_HOST = '127.0.0.1';

  /**
   * PEM public key(s) of the services allowed to call (the worker's signing key), or
   * DEPARTMENTS_SERVICE_PUBLIC_KEY_FILE. Several PEM blocks may be given, to rotate without a gap.
   * Required: every call but /health must carry a token signed with one of them.
   */
  @IsOptional()
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'DEPARTMENTS_SERVICE_PUBLIC_KEY must be one or more PEM public keys' })
  DEPARTMENTS_SERVICE_PUBLIC_KEY?: string;

  /** Endpoints that load records and inject faults, for tests and demos; off in production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DEPARTMENTS_DEV_ENDPOINTS?: boolean;
}

/** Validates the environment once at start-up; every problem is named at once. */
export function loadConfig<T extends object>(cls: new () => T, env: Record<string, string | undefined>): T {
  const { config, problems } = validated(cls, env);
  refuseProblems(problems);
  return config;
}

/** The configuration and what is wrong with it, one `SETTING: message` line each. */
function validated<T extends object>(cls: new () => T, env: Record<string, string | undefined>): { config: T; problems: string[] } {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(cls, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  return { config, problems: errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`)) };
}

function refuseProblems(problems: string[]): void {
  if (problems.length > 0) throw new Error(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

export function departmentsConfigFrom(env: Record<string, string | undefined>): DepartmentsConfig {
  const config = loadConfig(DepartmentsConfig, {
    ...withKeyFile(env, 'DEPARTMENTS_SERVICE_PUBLIC_KEY'),
    DEPARTMENTS_DATABASE_URL: env.DEPARTMENTS_DATABASE_URL ?? env.DATABASE_URL,
  });
  if (!config.DEPARTMENTS_SERVICE_PUBLIC_KEY) {
    throw new Error(
      'Invalid configuration:\n  DEPARTMENTS_SERVICE_PUBLIC_KEY: required: the PEM public key of the services allowed to call the departments (or DEPARTMENTS_SERVICE_PUBLIC_KEY_FILE)',
    );
  }
  config.DEPARTMENTS_DEV_ENDPOINTS ??= config.NODE_ENV !== 'production';
  return config;
}

/** The environment with SETTING read from SETTING_FILE when only the file is given; an unreadable file is named. */
function withKeyFile(env: Record<string, string | undefined>, setting: string): Record<string, string | undefined> {
  const file = env[`${setting}_FILE`];
  if (env[setting] || !file) return env;
  try {
    return { ...env, [setting]: readFileSync(file, 'utf8') };
  } catch (error) {
    throw new Error(`Invalid configuration:\n  ${setting}_FILE: cannot read ${file}: ${(error as Error).message}`);
  }
}

/** Tests keep the console for test output; npm start shows problems; production logs its life. */
export function nestLogLevels(nodeEnv: string | undefined): Array<'error' | 'warn' | 'log'> {
  if (nodeEnv === 'test') return ['error'];
  return nodeEnv === 'production' ? ['error', 'warn', 'log'] : ['error', 'warn'];
}
