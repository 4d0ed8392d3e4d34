import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DepartmentCode } from '../libs/domain';
import { talentApplication } from '../infra/talent-application';
import { agencyStaff, applicant, as } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { HostedStack, startHostedStack } from './support/hosted-stack';
import { departments, eventually, idempotencyKey } from './support/http';
import { ReceivedSpan, startOtlpReceiver } from './support/otlp-receiver';
import { scriptedSettings } from '../libs/processes/registry';
import { uploadTalentMaterials } from './support/materials';

/**
 * Metrics and traces as an operator sees them, on npm start's stack (the apps as child processes
 * from dist/, each starting OpenTelemetry before its modules load, as in production) with its own
 * Postgres and Temporal, so the counts are this suite's cases alone. Traces go to an OTLP/HTTP
 * receiver this suite runs (test/support/otlp-receiver.ts), in OTLP's JSON encoding.
 */
const METRICS_TOKEN = randomBytes(24).toString('hex');
let stack: HostedStack;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
const saved = { API_URL: process.env.API_URL, DEPARTMENTS_URL: process.env.DEPARTMENTS_URL };

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  stack = await startHostedStack({
    options: { persistent: false, apps: 'children', settings: scriptedSettings() },
    unset: ['DATABASE_URL', 'DEPARTMENTS_DATABASE_URL', 'TEMPORAL_ADDRESS', 'WORKER_METRICS_PORT'],
    set: {
      METRICS_TOKEN,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // Spans leave within a fifth of a second, not the default five.
      OTEL_BSP_SCHEDULE_DELAY: '200',
    },
  });
  process.env.API_URL = stack.urls.api;
  process.env.DEPARTMENTS_URL = stack.urls.departments;
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
  Object.assign(process.env, saved);
}, 60_000);

async function scrape(url: string, token?: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one series in Prometheus' text format, labels matched exactly (in any order). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.keys(labels).length === Object.keys(found).length && Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

/** Every enterprise's credit code and name, and every talent's passport number, this suite files: none may show in a metric or a span. */
const identities: string[] = [];
function enterprise(overrides: Parameters<typeof eligibleEnterprise>[0] = {}) {
  const e = eligibleEnterprise({ name: `北京观测${randomBytes(3).toString('hex').toUpperCase()}科技有限公司`, ...overrides });
  identities.push(e.creditCode, e.name);
  return e;
}

/** The metric names a text exposes (from its # TYPE lines). */
const exposed = (text: string) => new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));

describe('metrics', () => {
  it('GET /metrics on the API and the worker: cases by process and status, open steps by agency and colour, HTTP and department histograms, projection lag, Temporal SDK metrics; only with METRICS_TOKEN', async () => {
    const eligible = await loadEnterprise(enterprise());
    const certified = await fileHighTech(applicationFor(eligible), idempotencyKey(), as(applicant(eligible.creditCode)));
    await awaitCase(as(applicant(eligible.creditCode)), certified.id, (c) => c.status === 'certified' && c.certificate, 'certification');
    const small = await loadEnterprise(enterprise({ aboveDesignatedSize: false }));
    // 市统计局 answers this enterprise's lookup 503 once: a department error, and a failed activity Temporal retries.
    expect((await departments('POST', '/dev/faults', { department: 'statistics', count: 1, status: 503, creditCode: small.creditCode })).status).toBe(204);
    const referred = await fileHighTech(applicationFor(small), idempotencyKey(), as(applicant(small.creditCode)));
    await awaitCase(as(applicant(small.creditCode)), referred.id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'the acceptance step');
    // A lookup answered 404 is an answer, not an error: the department holds no record.
    const unknown = enterprise({ holds: { registration: true, tax: true, statistics: false, zgc: false } });
    await loadEnterprise(unknown);
    const notFound = await fileHighTech(applicationFor(unknown), idempotencyKey(), as(applicant(unknown.creditCode)));
    await awaitCase(as(applicant(unknown.creditCode)), notFound.id, (c) => c.status === 'acceptance', 'referral');

    const api = `${stack.urls.api}/metrics`;
    const worker = stack.urls.workerMetrics!;
    // Not for anyone without the scraper's token, nor with another one.
    for (const url of [api, worker]) {
      const refused = await scrape(url);
      expect([refused.status, JSON.parse(refused.text).message]).toEqual([401, expect.stringContaining('METRICS_TOKEN')]);
      expect((await scrape(url, 'x'.repeat(48))).status).toBe(401);
    }

    const fromApi = await eventually('the API to count both cases', async () => {
      const answer = await scrape(api, METRICS_TOKEN);
      return sample(answer.text, 'approvals_cases', { process: 'high-tech', status: 'acceptance' }) === 2 ? answer : undefined;
    }, 30_000);
    expect(fromApi.status).toBe(200);
    expect(fromApi.type).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(sample(fromApi.text, 'approvals_cases', { process: 'high-tech', status: 'certified' })).toBe(1);
    expect(sample(fromApi.text, 'approvals_open_steps', { process: 'high-tech', agency: 'zgc', colour: 'green' })).toBe(2);
    // Requests by route template, never by raw path (no case id in any label).
    expect(sample(fromApi.text, 'approvals_http_request_duration_seconds_count', { method: 'POST', route: '/cases/:process', status: '201' })).toBe(3);
    expect(sample(fromApi.text, 'approvals_http_request_duration_seconds_count', { method: 'GET', route: '/cases/:id', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(fromApi.text).not.toContain(certified.id);
    for (const identity of identities) expect(fromApi.text).not.toContain(identity);
    expect(sample(fromApi.text, 'process_cpu_seconds_total')).toBeGreaterThan(0);

    const fromWorker = await scrape(worker, METRICS_TOKEN);
    expect(fromWorker.status).toBe(200);
    for (const department of ['market-supervision', 'tax']) {
      expect(sample(fromWorker.text, 'approvals_department_call_duration_seconds_count', { department, method: 'GET', outcome: 'ok' })).toBe(3);
    }
    expect(sample(fromWorker.text, 'approvals_department_call_duration_seconds_count', { department: 'statistics', method: 'GET', outcome: 'not-found' })).toBe(1);
    expect(sample(fromWorker.text, 'approvals_department_call_errors_total', { department: 'statistics', outcome: 'not-found' })).toBeUndefined();
    expect(sample(fromWorker.text, 'approvals_department_call_duration_seconds_count', { department: 'statistics', method: 'GET', outcome: 'unavailable' })).toBe(1);
    expect(sample(fromWorker.text, 'approvals_department_call_errors_total', { department: 'statistics', outcome: 'unavailable' })).toBe(1);
    expect(sample(fromWorker.text, 'approvals_department_call_duration_seconds_count', { department: 'statistics', method: 'GET', outcome: 'ok' })).toBe(2);
    for (const identity of identities) expect(fromWorker.text).not.toContain(identity);
    expect(sample(fromWorker.text, 'approvals_projection_lag_seconds_count')).toBeGreaterThanOrEqual(3);
    expect(sample(fromWorker.text, 'approvals_read_model_write_duration_seconds_count')).toBeGreaterThanOrEqual(3);
    // Temporal SDK Core's own, merged in: three workflows started, one of them completed, the failed lookup counted.
    const core = { namespace: 'default', service_name: 'temporal-core-sdk', task_queue: stack.env.TEMPORAL_TASK_QUEUE, workflow_type: 'highTechCertification' };
    expect(sample(fromWorker.text, 'temporal_workflow_completed_total', core)).toBe(1);
    expect([...exposed(fromWorker.text)].filter((name) => name.startsWith('temporal_')).length).toBeGreaterThan(5);
    expect(sample(fromWorker.text, 'temporal_activity_execution_failed_total', { ...core, activity_type: 'statisticsGetScale', failure_reason: 'ActivityError' })).toBe(1);

    // Every metric the Grafana dashboard graphs is one of these (Core exports a failure counter from its first failure on).
    const dashboard = readFileSync(join(__dirname, '..', 'infra', 'grafana', 'beijing-approvals.dashboard.json'), 'utf8');
    const graphed = new Set([...dashboard.matchAll(/\b((?:approvals|temporal|process|nodejs)_[a-z0-9_]+?)(?:_bucket|_count|_sum)?\b/g)].map((m) => m[1]));
    const available = new Set([...exposed(fromApi.text), ...exposed(fromWorker.text), 'temporal_workflow_failed_total']);
    expect(graphed.size).toBeGreaterThan(15);
    expect([...graphed].filter((name) => !available.has(name))).toEqual([]);
  }, 120_000);

  it("the worker's listener answers its probes: live, and ready while it polls", async () => {
    const base = stack.urls.workerMetrics!.replace(/\/metrics$/, '');
    expect(await (await fetch(`${base}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/health/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ok', worker: 'RUNNING', taskQueue: stack.env.TEMPORAL_TASK_QUEUE }]);
  });
});

/** The span's ancestors in the receiver, itself first, as service and name, up to the first one not received. */
function ancestry(spans: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan[] {
  const chain = [span];
  for (let parent = spans.find((s) => s.spanId === span.parentSpanId); parent; parent = spans.find((s) => s.spanId === parent!.parentSpanId)) chain.push(parent);
  return chain;
}

describe('traces', () => {
  it('one trace links the filing request, the workflow, its activities, the departments’ HTTP calls and the read-model write', async () => {
    const filer = await loadEnterprise(enterprise());
    const me = as(applicant(filer.creditCode));
    // The caller's own trace context (W3C traceparent), as a browser's or a gateway's tracing would send it.
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const filed = await me.post('/cases/high-tech', applicationFor(filer), { 'Idempotency-Key': idempotencyKey(), traceparent: `00-${traceId}-${callerSpan}-01` });
    expect(filed.status).toBe(201);
    await awaitCase(me, filed.body.id, (c) => c.status === 'certified' && c.certificate, 'certification');

    const inTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    const named = (service: string, name: string | RegExp) => inTrace().filter((s) => s.service === service && (typeof name === 'string' ? s.name === name : name.test(s.name)));
    // The departments' server spans of the tax lookup: received by the departments' service.
    const received = await eventually('the departments’ span of the tax lookup', async () => named('approvals-departments', /^GET \/tax\/rd-expenses\//)[0], 30_000);
    expect(received.attributes['http.route']).toBe('/tax/rd-expenses/:creditCode/:year');

    // From the department's answer back up to the filing request, every hop is in the one trace.
    const chain = await eventually('the whole chain to the filing request', async () => {
      const hops = ancestry(inTrace(), received);
      return hops[hops.length - 1].parentSpanId === callerSpan ? hops : undefined;
    }, 30_000).catch(() => ancestry(inTrace(), received));
    expect(chain.map((s) => `${s.service} ${s.name}`)).toEqual([
      'approvals-departments GET /tax/rd-expenses/:creditCode/:year',
      'approvals-worker GET',
      'approvals-worker RunActivity:taxGetRdExpenses',
      'approvals-worker StartActivity:taxGetRdExpenses',
      'approvals-worker RunWorkflow:highTechCertification',
      'approvals-api StartWorkflow:highTechCertification',
      'approvals-api POST /cases/:process',
    ]);
    expect(chain[chain.length - 1].parentSpanId).toBe(callerSpan);
    // The department was called by the worker (a client span), and received it as a server.
    expect(chain.slice(0, 2).map((s) => s.kind)).toEqual([2, 3]);
    // Neither records the path as sent, which holds the enterprise's credit code: the template, or the path with its values blanked.
    expect([received.attributes['http.target'], received.attributes['http.url']]).toEqual(['/tax/rd-expenses/:creditCode/:year', `${stack.urls.departments}/tax/rd-expenses/:creditCode/:year`]);
    expect([chain[1].attributes['url.path'], chain[1].attributes['url.full']]).toEqual(['/tax/rd-expenses/:value/:value', `${stack.urls.departments}/tax/rd-expenses/:value/:value`]);

    // The read-model write: its activity, and its SQL as spans under it (statement text, no values).
    const project = await eventually('the projection activity', async () => named('approvals-worker', 'RunActivity:readModelProject')[0], 30_000);
    const sql = inTrace().filter((s) => s.parentSpanId === project.spanId && s.attributes['db.system'] === 'postgresql');
    expect(sql.map((s) => String(s.attributes['db.statement']))).toEqual(expect.arrayContaining([expect.stringMatching(/^INSERT INTO cases /), expect.stringMatching(/^INSERT INTO timeline_entries /)]));
    expect(JSON.stringify(sql)).not.toContain(filer.creditCode);
    expect(ancestry(inTrace(), project).map((s) => s.name).slice(-3)).toEqual(['RunWorkflow:highTechCertification', 'StartWorkflow:highTechCertification', 'POST /cases/:process']);
  }, 120_000);

  it("no span holds an enterprise's credit code or name, nor a talent's passport number or name (a 两证联办 case traced to its end)", async () => {
    const employer = await loadEnterprise(enterprise());
    const passportNumber = `E${randomBytes(4).toString('hex').toUpperCase()}`;
    const talentName = `Observa ${randomBytes(3).toString('hex')}`;
    identities.push(passportNumber, talentName);
    const me = as(applicant(employer.creditCode));
    // The employer's lookup fails once: the failed activity's span records the exception, which must not name anyone either.
    expect((await departments('POST', '/dev/faults', { department: 'market-supervision', count: 1, status: 503, creditCode: employer.creditCode })).status).toBe(204);
    const filing = { ...talentApplication({ creditCode: employer.creditCode, name: employer.name }, { passportNumber, name: talentName }), materials: await uploadTalentMaterials(me) };
    const filed = await me.post('/cases/talent-permits', filing, { 'Idempotency-Key': idempotencyKey() });
    expect([filed.status, filed.body.message]).toEqual([201, undefined]);
    const step = (c: any, name: string) => c.steps.find((s: any) => s.name === name && s.status === 'open');
    const decide = async (agency: DepartmentCode, name: string) => {
      const c = await awaitCase(me, filed.body.id, (x) => step(x, name), name);
      expect((await as(agencyStaff(agency)).post(`/steps/${step(c, name).id}/decision`, { decision: 'approve', reason: '材料齐全，符合条件' })).status).toBe(200);
    };
    await decide('talent-bureau', '人才资格预审（市人才局）');
    await decide('public-security', '居留许可预审（市公安局）');
    await decide('hr-social-security', '来华工作许可审查（市人社局）');
    const done = await awaitCase(me, filed.body.id, (c) => c.status === 'completed', 'both permits');
    // The permit departments were called (their POSTs carry the passport in the body, which no span records).
    await eventually('the residence permit’s span', async () => receiver.spans.find((s) => s.service === 'approvals-departments' && s.name === 'POST /public-security/residence-permits'), 30_000);
    expect(done.details.permits.residencePermit.number).toMatch(/^RP/);

    const failed = await eventually('the failed lookup’s span', async () =>
      receiver.spans.find((s) => s.name === 'RunActivity:marketSupervisionGetRegistration' && s.status.code === 2 && s.events.some((e) => e.name === 'exception')),
    );
    expect(failed.status.message).toMatch(/503/);
    const exported = JSON.stringify(receiver.spans);
    expect(receiver.spans.length).toBeGreaterThan(100);
    expect(identities.filter((identity) => exported.includes(identity))).toEqual([]);
  }, 120_000);

  it('probes and scrapes are not traced', async () => {
    await fetch(`${stack.urls.api}/health/ready`);
    await scrape(`${stack.urls.api}/metrics`, METRICS_TOKEN);
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.spans.filter((s) => /health|metrics/.test(String(s.attributes['http.target'] ?? s.attributes['url.path'] ?? s.name)))).toEqual([]);
  });
});

describe('the agency view of metrics', () => {
  it('an agency user’s bearer token is not the scraper’s', async () => {
    const staff = as(agencyStaff('zgc', 'zgc-reviewer'));
    expect((await staff.get('/metrics')).status).toBe(401);
  });
});
