import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agencyStaff, applicant, as } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { HostedStack, startHostedStack } from './support/hosted-stack';
import { eventually, idempotencyKey } from './support/http';
import { ReceivedSpan, startOtlpReceiver } from './support/otlp-receiver';

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
    options: { persistent: false, apps: 'children', settings: { HIGH_TECH_SPOT_CHECK_PERCENT: '0' } },
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

/** The metric names a text exposes (from its # TYPE lines). */
const exposed = (text: string) => new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));

describe('metrics', () => {
  it('GET /metrics on the API and the worker: cases by process and status, open steps by agency and colour, HTTP and department histograms, projection lag, Temporal SDK metrics; only with METRICS_TOKEN', async () => {
    const eligible = await loadEnterprise(eligibleEnterprise());
    const certified = await fileHighTech(applicationFor(eligible), idempotencyKey(), as(applicant(eligible.creditCode)));
    await awaitCase(as(applicant(eligible.creditCode)), certified.id, (c) => c.status === 'certified' && c.certificate, 'certification');
    const small = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const referred = await fileHighTech(applicationFor(small), idempotencyKey(), as(applicant(small.creditCode)));
    await awaitCase(as(applicant(small.creditCode)), referred.id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'the acceptance step');
    // A lookup answered 404 is an answer, not an error: the department holds no record.
    const unknown = eligibleEnterprise({ holds: { registration: true, tax: true, statistics: false, zgc: false } });
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
    expect(sample(fromApi.text, 'approvals_http_request_duration_seconds_count', { method: 'POST', route: '/cases/high-tech', status: '201' })).toBe(3);
    expect(sample(fromApi.text, 'approvals_http_request_duration_seconds_count', { method: 'GET', route: '/cases/:id', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(fromApi.text).not.toContain(certified.id);
    expect(sample(fromApi.text, 'process_cpu_seconds_total')).toBeGreaterThan(0);

    const fromWorker = await scrape(worker, METRICS_TOKEN);
    expect(fromWorker.status).toBe(200);
    for (const department of ['market-supervision', 'tax']) {
      expect(sample(fromWorker.text, 'approvals_department_call_duration_seconds_count', { department, method: 'GET', outcome: 'ok' })).toBe(3);
    }
    expect(sample(fromWorker.text, 'approvals_department_call_duration_seconds_count', { department: 'statistics', method: 'GET', outcome: 'not-found' })).toBe(1);
    expect(sample(fromWorker.text, 'approvals_department_call_errors_total', { department: 'statistics', outcome: 'not-found' })).toBeUndefined();
    expect(sample(fromWorker.text, 'approvals_projection_lag_seconds_count')).toBeGreaterThanOrEqual(3);
    expect(sample(fromWorker.text, 'approvals_read_model_write_duration_seconds_count')).toBeGreaterThanOrEqual(3);
    // Temporal SDK Core's own, merged in: three workflows started, one of them completed.
    expect(sample(fromWorker.text, 'temporal_workflow_completed_total', { namespace: 'default', service_name: 'temporal-core-sdk', task_queue: stack.env.TEMPORAL_TASK_QUEUE, workflow_type: 'highTechCertification' })).toBe(1);
    expect([...exposed(fromWorker.text)].filter((name) => name.startsWith('temporal_')).length).toBeGreaterThan(5);

    // Every approvals_* and temporal_* metric the Grafana dashboard graphs is one of these.
    const dashboard = readFileSync(join(__dirname, '..', 'infra', 'grafana', 'approvals-dashboard.json'), 'utf8');
    const graphed = new Set([...dashboard.matchAll(/\b((?:approvals|temporal)_[a-z_]+?)(?:_bucket|_count|_sum)?\b/g)].map((m) => m[1]));
    const available = new Set([...exposed(fromApi.text), ...exposed(fromWorker.text)]);
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
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const me = as(applicant(enterprise.creditCode));
    // The caller's own trace context (W3C traceparent), as a browser's or a gateway's tracing would send it.
    const traceId = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const filed = await me.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': idempotencyKey(), traceparent: `00-${traceId}-${callerSpan}-01` });
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
      'approvals-api POST /cases/high-tech',
    ]);
    expect(chain[chain.length - 1].parentSpanId).toBe(callerSpan);
    // The department was called by the worker (a client span), and received it as a server.
    expect(chain.slice(0, 2).map((s) => s.kind)).toEqual([2, 3]);

    // The read-model write: its activity, and its SQL as spans under it (statement text, no values).
    const project = await eventually('the projection activity', async () => named('approvals-worker', 'RunActivity:readModelProject')[0], 30_000);
    const sql = inTrace().filter((s) => s.parentSpanId === project.spanId && s.attributes['db.system'] === 'postgresql');
    expect(sql.map((s) => String(s.attributes['db.statement']))).toEqual(expect.arrayContaining([expect.stringMatching(/^INSERT INTO cases /), expect.stringMatching(/^INSERT INTO timeline_entries /)]));
    expect(JSON.stringify(sql)).not.toContain(enterprise.creditCode);
    expect(ancestry(inTrace(), project).map((s) => s.name).slice(-3)).toEqual(['RunWorkflow:highTechCertification', 'StartWorkflow:highTechCertification', 'POST /cases/high-tech']);
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
