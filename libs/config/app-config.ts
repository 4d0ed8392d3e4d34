import { readFileSync } from 'node:fs';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value);

// 32 bytes in base64 are exactly 43 characters and one '=' of padding.
const AES_256_KEY = /^[A-Za-z0-9+/]{43}=$/;
const AES_256_KEYS = /^\s*[A-Za-z0-9+/]{43}=\s*(,\s*[A-Za-z0-9+/]{43}=\s*)*$/;

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

  /** PEM public key of the token issuer (RS256); or AUTH_JWT_PUBLIC_KEY_FILE. */
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'AUTH_JWT_PUBLIC_KEY must be a PEM public key (or set AUTH_JWT_PUBLIC_KEY_FILE)' })
  AUTH_JWT_PUBLIC_KEY!: string;

  @IsString()
  AUTH_JWT_ISSUER = 'beijing-approvals-dev';

  @IsString()
  AUTH_JWT_AUDIENCE = 'beijing-approvals';

  /** Development only: the key /auth/dev-login signs with. Refused in production. */
  @IsOptional()
  @Matches(/-----BEGIN PRIVATE KEY-----/, { message: 'AUTH_DEV_PRIVATE_KEY must be a PEM private key' })
  AUTH_DEV_PRIVATE_KEY?: string;

  /** Working-day limits of the high-tech normal path (configurable per step). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(20)
  HIGH_TECH_ACCEPTANCE_WINDOW_DAYS = 5;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(45)
  HIGH_TECH_DECISION_LIMIT_DAYS = 20;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(45)
  HIGH_TECH_FORMAL_REVIEW_DAYS = 10;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(10)
  SLA_WARN_DAYS_BEFORE = 3;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(45)
  HIGH_TECH_EXPERT_REVIEW_DAYS = 10;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(5)
  HIGH_TECH_EXPERT_PANEL_SIZE = 3;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(100)
  HIGH_TECH_EXPERT_PASS_SCORE = 70;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(45)
  HIGH_TECH_JOINT_REVIEW_DAYS = 10;

  /** 公示 period, working days. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(30)
  HIGH_TECH_PUBLIC_NOTICE_DAYS = 5;

  /** Development and demos only: 公示 lasts this many seconds so a demo can finish. */
  @IsOptional()
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(3600)
  HIGH_TECH_PUBLIC_NOTICE_SECONDS?: number;

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

  /** Item 17: share of fast-path approvals drawn for a spot check, in percent. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(100)
  HIGH_TECH_SPOT_CHECK_PERCENT = 10;

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

  /** The departments' services, whose GET /health readiness asks; unset, they are not checked. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  DEPARTMENTS_URL?: string;
}

/** API configuration, with key files read and production refusing a development signing key. */
export function apiConfigFrom(env: Record<string, string | undefined>): ApiConfig {
  const withFiles = { ...env };
  if (!withFiles.AUTH_JWT_PUBLIC_KEY && env.AUTH_JWT_PUBLIC_KEY_FILE) withFiles.AUTH_JWT_PUBLIC_KEY = readFileSync(env.AUTH_JWT_PUBLIC_KEY_FILE, 'utf8');
  const config = loadConfig(ApiConfig, withFiles);
  if (config.NODE_ENV === 'production' && config.AUTH_DEV_PRIVATE_KEY) {
    throw new Error('Invalid configuration:\n  AUTH_DEV_PRIVATE_KEY: development logins are not allowed in production');
  }
  if (config.NODE_ENV === 'production' && config.HIGH_TECH_PUBLIC_NOTICE_SECONDS) {
    throw new Error('Invalid configuration:\n  HIGH_TECH_PUBLIC_NOTICE_SECONDS: a 公示 of seconds is for demos, not production');
  }
  return config;
}

export class WorkerConfig extends TemporalConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsUrl({ require_tld: false, require_protocol: true })
  DEPARTMENTS_URL = 'http://127.0.0.1:3100';

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

  /** Endpoints that load records and inject faults, for tests and demos; off in production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DEPARTMENTS_DEV_ENDPOINTS?: boolean;
}

/** Validates the environment once at start-up; every problem is named at once. */
export function loadConfig<T extends object>(cls: new () => T, env: Record<string, string | undefined>): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(cls, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`));
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

export function departmentsConfigFrom(env: Record<string, string | undefined>): DepartmentsConfig {
  const config = loadConfig(DepartmentsConfig, {
    ...env,
    DEPARTMENTS_DATABASE_URL: env.DEPARTMENTS_DATABASE_URL ?? env.DATABASE_URL,
  });
  config.DEPARTMENTS_DEV_ENDPOINTS ??= config.NODE_ENV !== 'production';
  return config;
}

/** Tests keep the console for test output; npm start shows problems; production logs its life. */
export function nestLogLevels(nodeEnv: string | undefined): Array<'error' | 'warn' | 'log'> {
  if (nodeEnv === 'test') return ['error'];
  return nodeEnv === 'production' ? ['error', 'warn', 'log'] : ['error', 'warn'];
}
