import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiConfig, DEV_JWT_ISSUER, WorkerConfig, apiConfigFrom, departmentsConfigFrom, loadConfig, workerConfigFrom } from './app-config';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/approvals' };
const key = () => randomBytes(32).toString('base64');

describe('TEMPORAL_PAYLOAD_KEY', () => {
  it('is required: without it no app starts', () => {
    expect(() => loadConfig(WorkerConfig, base)).toThrow(/TEMPORAL_PAYLOAD_KEY: TEMPORAL_PAYLOAD_KEY must be 32 bytes in base64/);
  });

  it('must be exactly 32 bytes', () => {
    expect(() => loadConfig(WorkerConfig, { ...base, TEMPORAL_PAYLOAD_KEY: randomBytes(24).toString('base64') })).toThrow(/TEMPORAL_PAYLOAD_KEY must be 32 bytes/);
    expect(() => loadConfig(WorkerConfig, { ...base, TEMPORAL_PAYLOAD_KEY: randomBytes(33).toString('base64') })).toThrow(/TEMPORAL_PAYLOAD_KEY must be 32 bytes/);
    expect(loadConfig(WorkerConfig, { ...base, TEMPORAL_PAYLOAD_KEY: key() }).TEMPORAL_PAYLOAD_KEY).toHaveLength(44);
  });

  it('takes previous keys, comma-separated, each 32 bytes', () => {
    const previous = `${key()}, ${key()}`;
    expect(loadConfig(WorkerConfig, { ...base, TEMPORAL_PAYLOAD_KEY: key(), TEMPORAL_PAYLOAD_PREVIOUS_KEYS: previous }).TEMPORAL_PAYLOAD_PREVIOUS_KEYS).toBe(previous);
    expect(() => loadConfig(WorkerConfig, { ...base, TEMPORAL_PAYLOAD_KEY: key(), TEMPORAL_PAYLOAD_PREVIOUS_KEYS: `${key()},c2hvcnQ=` })).toThrow(
      /TEMPORAL_PAYLOAD_PREVIOUS_KEYS: TEMPORAL_PAYLOAD_PREVIOUS_KEYS must be comma-separated keys/,
    );
  });
});

describe('the departments\' service keys', () => {
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const worker = { ...base, TEMPORAL_PAYLOAD_KEY: key(), PUBLIC_BASE_URL: 'https://zwfw.beijing.gov.cn' };
  const departments = { DEPARTMENTS_DATABASE_URL: base.DATABASE_URL };

  it('a production worker names the public https address its documents’ QR codes open', () => {
    const { PUBLIC_BASE_URL: _, ...withoutAddress } = worker;
    expect(() => workerConfigFrom({ ...withoutAddress, NODE_ENV: 'production', DEPARTMENTS_SERVICE_PRIVATE_KEY: privateKey })).toThrow(/PUBLIC_BASE_URL: production names where the public reaches the consoles/);
    expect(() => workerConfigFrom({ ...worker, NODE_ENV: 'production', DEPARTMENTS_SERVICE_PRIVATE_KEY: privateKey, PUBLIC_BASE_URL: 'http://10.0.0.5:3000' })).toThrow(/PUBLIC_BASE_URL: production serves the public over https only/);
    expect(workerConfigFrom({ ...worker, NODE_ENV: 'production', DEPARTMENTS_SERVICE_PRIVATE_KEY: privateKey }).PUBLIC_BASE_URL).toBe('https://zwfw.beijing.gov.cn');
    // Development may leave it unset: the API then makes each PDF on its first download.
    expect(workerConfigFrom({ ...withoutAddress, NODE_ENV: 'development', DEPARTMENTS_SERVICE_PRIVATE_KEY: privateKey }).PUBLIC_BASE_URL).toBeUndefined();
  });

  it.each(['production', 'development', 'test'])('are required in %s, with one message naming the setting', (NODE_ENV) => {
    expect(() => workerConfigFrom({ ...worker, NODE_ENV })).toThrow(
      'Invalid configuration:\n  DEPARTMENTS_SERVICE_PRIVATE_KEY: required: the PEM private key the worker signs its calls to the departments with (or DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE)',
    );
    expect(() => departmentsConfigFrom({ ...departments, NODE_ENV })).toThrow(
      'Invalid configuration:\n  DEPARTMENTS_SERVICE_PUBLIC_KEY: required: the PEM public key of the services allowed to call the departments (or DEPARTMENTS_SERVICE_PUBLIC_KEY_FILE)',
    );
  });

  it('are PEM keys, given inline or as files', () => {
    expect(() => workerConfigFrom({ ...worker, DEPARTMENTS_SERVICE_PRIVATE_KEY: 'secret' })).toThrow(/DEPARTMENTS_SERVICE_PRIVATE_KEY must be a PEM private key/);
    expect(() => departmentsConfigFrom({ ...departments, DEPARTMENTS_SERVICE_PUBLIC_KEY: privateKey })).toThrow(/DEPARTMENTS_SERVICE_PUBLIC_KEY must be one or more PEM public keys/);
    const dir = mkdtempSync(join(tmpdir(), 'service-keys-'));
    writeFileSync(join(dir, 'private.pem'), privateKey);
    writeFileSync(join(dir, 'public.pem'), publicKey);
    expect(workerConfigFrom({ ...worker, NODE_ENV: 'production', DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE: join(dir, 'private.pem') }).DEPARTMENTS_SERVICE_PRIVATE_KEY).toBe(privateKey);
    expect(departmentsConfigFrom({ ...departments, NODE_ENV: 'production', DEPARTMENTS_SERVICE_PUBLIC_KEY_FILE: join(dir, 'public.pem') }).DEPARTMENTS_SERVICE_PUBLIC_KEY).toBe(publicKey);
    expect(() => workerConfigFrom({ ...worker, DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE: join(dir, 'missing.pem') })).toThrow(/DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE: cannot read .*missing\.pem/);
  });
});

describe('the API in production', () => {
  const DISCOVERY = 'https://sso.beijing.gov.cn/.well-known/openid-configuration';
  const production = { ...base, NODE_ENV: 'production', TEMPORAL_PAYLOAD_KEY: key(), AUTH_OIDC_DISCOVERY_URL: DISCOVERY, PUBLIC_BASE_URL: 'https://zwfw.beijing.gov.cn' };

  it('refuses to start without the https address the public reaches it at (the QR code on every document opens it)', () => {
    const { PUBLIC_BASE_URL: _, ...withoutAddress } = production;
    expect(() => apiConfigFrom(withoutAddress)).toThrow(/PUBLIC_BASE_URL: production names where the public reaches the consoles/);
    expect(() => apiConfigFrom({ ...production, PUBLIC_BASE_URL: 'http://127.0.0.1:3000' })).toThrow(/PUBLIC_BASE_URL: production serves the public over https only/);
    expect(apiConfigFrom(production).PUBLIC_BASE_URL).toBe('https://zwfw.beijing.gov.cn');
  });

  it('refuses to start without the discovery URL of its OpenID provider, in one message', () => {
    const { AUTH_OIDC_DISCOVERY_URL: _, ...withoutProvider } = production;
    expect(() => apiConfigFrom(withoutProvider)).toThrow(
      new Error('Invalid configuration:\n  AUTH_OIDC_DISCOVERY_URL: production names its OpenID provider by its discovery URL (https://…/.well-known/openid-configuration)'),
    );
    expect(() => apiConfigFrom({ ...withoutProvider, AUTH_OIDC_DISCOVERY_URL: '' })).toThrow(/AUTH_OIDC_DISCOVERY_URL: production names its OpenID provider/);
  });

  it("refuses the embedded provider's development settings: plain http, its settings, the dev-login key, the old development issuer", () => {
    expect(() => apiConfigFrom({ ...production, AUTH_OIDC_DISCOVERY_URL: 'http://127.0.0.1:3300/.well-known/openid-configuration' })).toThrow(/AUTH_OIDC_DISCOVERY_URL: production reads its OpenID provider over https only/);
    expect(() => apiConfigFrom({ ...production, OIDC_PROVIDER_SETTINGS: '{}' })).toThrow(/OIDC_PROVIDER_SETTINGS: the embedded OpenID provider/);
    expect(() => apiConfigFrom({ ...production, AUTH_JWT_ISSUER: DEV_JWT_ISSUER })).toThrow(/AUTH_JWT_ISSUER: production must not name the development issuer/);
  });

  it('has no development login', () => {
    expect(() => apiConfigFrom({ ...production, AUTH_DEV_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----' })).toThrow(/AUTH_DEV_PRIVATE_KEY: development logins are not allowed in production/);
  });

  it('reads roles and agency from the claims it is told, and refuses a malformed claim name', () => {
    const config = apiConfigFrom({ ...production, AUTH_CLAIM_ROLES: 'https://sso.beijing.gov.cn/roles', AUTH_CLAIM_AGENCY: 'dept' });
    expect([config.AUTH_CLAIM_ROLES, config.AUTH_CLAIM_AGENCY, config.AUTH_CLAIM_NAME, config.AUTH_CLAIM_APPLICANT_ID]).toEqual(['https://sso.beijing.gov.cn/roles', 'dept', 'name', 'applicant_id']);
    expect(() => apiConfigFrom({ ...production, AUTH_CLAIM_AGENCY: 'two words' })).toThrow(/AUTH_CLAIM_AGENCY: AUTH_CLAIM_AGENCY must be a claim name/);
  });

  it('publishes its OpenAPI description only when API_DOCS_ENABLED says so', () => {
    expect(apiConfigFrom(production).API_DOCS_ENABLED).toBe(false);
    expect(apiConfigFrom({ ...production, API_DOCS_ENABLED: 'true' }).API_DOCS_ENABLED).toBe(true);
    expect(apiConfigFrom({ ...base, TEMPORAL_PAYLOAD_KEY: key(), AUTH_OIDC_DISCOVERY_URL: 'http://127.0.0.1:3300/.well-known/openid-configuration' }).API_DOCS_ENABLED).toBe(true);
    expect(apiConfigFrom({ ...base, TEMPORAL_PAYLOAD_KEY: key(), AUTH_OIDC_DISCOVERY_URL: 'http://127.0.0.1:3300/.well-known/openid-configuration', API_DOCS_ENABLED: 'false' }).API_DOCS_ENABLED).toBe(false);
  });

  it('bounds token lifetimes (12 h) and refused tokens per address (30 a minute) by default', () => {
    const config = apiConfigFrom(production);
    expect([config.AUTH_TOKEN_MAX_LIFETIME_SECONDS, config.AUTH_FAILURES_PER_MINUTE]).toEqual([43_200, 30]);
    expect(() => apiConfigFrom({ ...production, AUTH_TOKEN_MAX_LIFETIME_SECONDS: '0' })).toThrow(/AUTH_TOKEN_MAX_LIFETIME_SECONDS/);
  });

  it('takes the proxies in front of it as a hop count or addresses, and refuses anything else', () => {
    expect(apiConfigFrom({ ...production, API_TRUST_PROXY: '1' }).API_TRUST_PROXY).toBe('1');
    expect(apiConfigFrom({ ...production, API_TRUST_PROXY: 'loopback, 10.0.0.0/8, ::1' }).API_TRUST_PROXY).toBe('loopback, 10.0.0.0/8, ::1');
    for (const wrong of ['true', '*', '10.0.0.0/8/1', 'proxy.example.com']) {
      expect(() => apiConfigFrom({ ...production, API_TRUST_PROXY: wrong })).toThrow(/API_TRUST_PROXY must be a hop count, or comma-separated addresses or subnets/);
    }
  });
});

describe("each process's options, from its own settings", () => {
  const api = { ...base, TEMPORAL_PAYLOAD_KEY: key(), AUTH_OIDC_DISCOVERY_URL: 'http://127.0.0.1:3300/.well-known/openid-configuration' };

  it('are the contract’s defaults unless set, with the engine’s settings for every process', () => {
    const config = apiConfigFrom({ ...api, SLA_WARN_DAYS_BEFORE: '2', DEPARTMENT_INCIDENT_SECONDS: '30' });
    expect(config.processOptions['high-tech']).toMatchObject({ acceptanceWindowDays: 5, expertPanelSize: 3, warnDaysBefore: 2, departmentIncidentSeconds: 30 });
    expect(config.processOptions.listing).toMatchObject({ maxMunicipalSubsidyYuan: 3_000_000, warnDaysBefore: 2, departmentIncidentSeconds: 30 });
    expect(config.processOptions['talent-permits']).toMatchObject({ permitYears: 2, warnDaysBefore: 2 });
    expect(config.processOptions['high-tech']).not.toHaveProperty('publicNoticeSeconds');
  });

  it('are read from each process’s own prefix', () => {
    const config = apiConfigFrom({ ...api, HIGH_TECH_EXPERT_PANEL_SIZE: '5', HIGH_TECH_PUBLIC_NOTICE_SECONDS: '6', LISTING_SUBSIDY_DAYS: '15', TALENT_PERMITS_PERMIT_YEARS: '3' });
    expect(config.processOptions['high-tech']).toMatchObject({ expertPanelSize: 5, publicNoticeSeconds: 6 });
    expect(config.processOptions.listing).toMatchObject({ subsidyDays: 15 });
    expect(config.processOptions['talent-permits']).toMatchObject({ permitYears: 3 });
    // ApiConfig itself names no process.
    expect(Object.keys(new ApiConfig()).filter((k) => /^(HIGH_TECH|LISTING|TALENT)_/.test(k))).toEqual([]);
  });

  it('refuse to start past a legal limit, naming every setting at once, as any setting is named', () => {
    expect(() => apiConfigFrom({ ...api, HIGH_TECH_EXPERT_PANEL_SIZE: '6', LISTING_MAX_MUNICIPAL_SUBSIDY_YUAN: '5000000', TALENT_PERMITS_PERMIT_YEARS: 'two', API_PORT: '70000' })).toThrow(
      new Error(
        [
          'Invalid configuration:',
          '  API_PORT: API_PORT must not be greater than 65535',
          '  HIGH_TECH_EXPERT_PANEL_SIZE: HIGH_TECH_EXPERT_PANEL_SIZE must not be greater than 5',
          '  LISTING_MAX_MUNICIPAL_SUBSIDY_YUAN: LISTING_MAX_MUNICIPAL_SUBSIDY_YUAN must not be greater than 3000000',
          '  TALENT_PERMITS_PERMIT_YEARS: TALENT_PERMITS_PERMIT_YEARS must be an integer number',
          '  TALENT_PERMITS_PERMIT_YEARS: TALENT_PERMITS_PERMIT_YEARS must not be less than 1',
          '  TALENT_PERMITS_PERMIT_YEARS: TALENT_PERMITS_PERMIT_YEARS must not be greater than 5',
        ].join('\n'),
      ),
    );
  });

  it('refuse a 公示 of seconds in production', () => {
    const production = { ...api, NODE_ENV: 'production', AUTH_OIDC_DISCOVERY_URL: 'https://sso.beijing.gov.cn/.well-known/openid-configuration', PUBLIC_BASE_URL: 'https://zwfw.beijing.gov.cn' };
    expect(() => apiConfigFrom({ ...production, HIGH_TECH_PUBLIC_NOTICE_SECONDS: '20' })).toThrow(
      new Error('Invalid configuration:\n  HIGH_TECH_PUBLIC_NOTICE_SECONDS: a 公示 of seconds is for demos, not production'),
    );
  });
});
