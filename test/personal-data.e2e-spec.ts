import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { startApi } from '../apps/api/src/api.bootstrap';
import { startWorker } from '../apps/worker/src/worker.bootstrap';
import { apiConfigFrom, workerConfigFrom } from '../libs/config';
import { talentApplication } from '../infra/talent-application';
import { DataSource } from 'typeorm';
import type { Actor } from '../libs/domain';
import { PersonalDataSeal, readModelDataSourceOptions } from '../libs/persistence';
import { ENCRYPTED_ENCODING, decodeHistoryPayloads, installTemporalRuntimeLogging, payloadDataConverter, payloadKeyId } from '../libs/temporal';
import { reconcile } from '../infra/reconcile';
import { ApiUser, agencyStaff, applicant, as, supervisor, tokenFor } from './support/actors';
import { awaitCase } from './support/cases';
import { eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { idempotencyKey } from './support/http';
import { bundleWorkflows, testDataConverter, testPayloadCodec, testPayloadKeys } from './support/workflow-env';
import { uploadTalentMaterials } from './support/materials';

/**
 * Personal data (issue 8): passport numbers are ciphertext wherever Temporal stores them, never
 * in workflow ids, memos or search attributes, and masked in what the worker and the API log.
 * Each case gets a passport number of its own, so finding it can only mean this case leaked it.
 */
const passportNumber = () => `E${randomInt(10_000_000, 100_000_000)}`;
const masked = (passport: string) => `${passport.slice(0, 2)}****${passport.slice(-2)}`;
const step = (c: any, name: string) => c.steps.find((s: any) => s.name === name);
const PRE_REVIEW = '人才资格预审（市人才局）';
const WORK = '来华工作许可审查（市人社局）';
const RESIDENCE = '居留许可预审（市公安局）';

function application(employer: { creditCode: string; name: string }, passport: string, dateOfBirth?: string) {
  return talentApplication(employer, { passportNumber: passport, ...(dateOfBirth ? { dateOfBirth } : {}) });
}

/** Files a talent case through the API and waits for 市人才局's pre-review step. */
async function fileTalentCase(passport: string, dateOfBirth?: string) {
  const employer = await loadEnterprise(eligibleEnterprise());
  const me = as(applicant(employer.creditCode));
  const filed = await me.post('/cases/talent-permits', { ...application(employer, passport, dateOfBirth), materials: await uploadTalentMaterials(me) }, { 'Idempotency-Key': idempotencyKey() });
  expect([filed.status, filed.body.message]).toEqual([201, undefined]);
  const caseId = filed.body.id as string;
  const c = await awaitCase(me, caseId, (x) => step(x, PRE_REVIEW), 'the pre-review');
  return { me, caseId, preReview: step(c, PRE_REVIEW) };
}

/** The history exactly as Temporal stores it: read over gRPC, no data converter involved. */
async function rawHistory(connection: Connection, workflowId: string): Promise<temporal.api.history.v1.IHistory> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await connection.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId }, nextPageToken });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return { events };
}

const bytesOf = (history: temporal.api.history.v1.IHistory) => Buffer.from(temporal.api.history.v1.History.encode(history).finish());

let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  bundle = await bundleWorkflows();
}, 120_000);

describe('passport numbers in Temporal', () => {
  let connection: Connection;
  let client: Client;
  beforeAll(async () => {
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection, dataConverter: testDataConverter() });
  });
  afterAll(async () => {
    await connection?.close();
  });

  it('are ciphertext in the stored history, readable only through the codec, and absent from ids, memo and search attributes', async () => {
    const passport = passportNumber();
    const { caseId } = await fileTalentCase(passport);

    const history = await rawHistory(connection, caseId);
    const started = history.events![0].workflowExecutionStartedEventAttributes!;
    expect(Buffer.from(started.input!.payloads![0].metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(bytesOf(history).includes(passport)).toBe(false);
    // The same history through the stack's key: the number was there all along, encrypted.
    expect(bytesOf(await decodeHistoryPayloads(history, testPayloadCodec())).includes(passport)).toBe(true);

    expect(caseId).not.toContain(passport);
    const raw = await connection.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: caseId } });
    expect(Buffer.from(temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(raw).finish()).includes(passport)).toBe(false);
    const described = await client.workflow.getHandle(caseId).describe();
    expect(described.memo).toMatchObject({ applicantId: expect.any(String), title: expect.stringContaining('首席算法科学家') });
    expect(JSON.stringify({ memo: described.memo, searchAttributes: described.typedSearchAttributes })).not.toContain(passport);
  });

  it('are decoded in a saved history, which then replays without the key (as npm run histories:record saves them)', async () => {
    const { caseId } = await fileTalentCase(passportNumber());
    const history = await rawHistory(connection, caseId);
    // Encrypted, the history needs the key to replay: the test would pass vacuously otherwise.
    await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history, caseId)).rejects.toThrow();

    const saved = JSON.parse(historyToJSON(await decodeHistoryPayloads(history, testPayloadCodec())));
    await expect(Worker.runReplayHistory({ workflowBundle: bundle }, historyFromJSON(saved), caseId)).resolves.toBeUndefined();
  });
});

/**
 * A department that answers 503 once and echoes the request in its error body, as some real
 * systems do: the activity's failure then carries the passport number into the worker's log.
 * Everything else goes through to the stack's departments.
 */
function echoingDepartments(target: string, failOnce: (method: string, path: string, body: string) => boolean): Promise<{ server: Server; url: string }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (failOnce(req.method!, req.url!, body)) {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 503, message: 'temporarily unavailable', request: JSON.parse(body) }));
        return;
      }
      // The worker's service token goes on with the request: the departments check it.
      const headers = { accept: 'application/json', 'content-type': 'application/json', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) };
      fetch(`${target}${req.url}`, { method: req.method, headers, body: body || undefined })
        .then(async (answer) => res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text()))
        .catch((error: Error) => res.writeHead(502).end(error.message));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

describe('passport numbers in the logs', () => {
  // The API and worker as their bootstraps start them, on a task queue of their own so this
  // process sees (and captures) everything they log while the case runs.
  const taskQueue = `personal-data-${randomUUID()}`;
  const passport = passportNumber();
  let failed = false;
  let departments: { server: Server; url: string };
  let worker: INestApplicationContext;
  let api: INestApplication;
  let stackApiUrl: string | undefined;
  let connection: Connection;
  let bundlePath: string;
  const written: string[] = [];
  const temporalLogged: string[] = [];

  beforeAll(async () => {
    departments = await echoingDepartments(process.env.DEPARTMENTS_URL!, (method, path, body) => {
      if (failed || method !== 'POST' || path !== '/public-security/residence-permits' || !body.includes(passport)) return false;
      failed = true;
      return true;
    });
    bundlePath = join(tmpdir(), `personal-data-bundle-${randomUUID()}.js`);
    writeFileSync(bundlePath, bundle.code);
    // What the Temporal runtime's masking logger hands on, at every level (this process logs only errors).
    const runtimeLogger = installTemporalRuntimeLogging('test');
    jest.spyOn(runtimeLogger.next, 'log').mockImplementation((level, message, meta) => {
      temporalLogged.push(`${level} ${message} ${inspect(meta, { depth: 10 })}`);
    });
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: any[]) => {
        written.push(String(chunk));
        return write(chunk, ...rest);
      }) as typeof stream.write);
    }
    const env = { ...process.env, TEMPORAL_TASK_QUEUE: taskQueue };
    worker = await startWorker(workerConfigFrom({ ...env, DEPARTMENTS_URL: departments.url, WORKFLOW_BUNDLE_PATH: bundlePath }));
    const started = await startApi(apiConfigFrom({ ...env, API_PORT: '0' }));
    api = started.app;
    stackApiUrl = process.env.API_URL;
    process.env.API_URL = started.url;
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  }, 120_000);

  afterAll(async () => {
    process.env.API_URL = stackApiUrl;
    jest.restoreAllMocks();
    await connection?.close();
    await api?.close();
    await worker?.close();
    await new Promise((resolve) => departments?.server.close(resolve));
    if (bundlePath) rmSync(bundlePath, { force: true });
  });

  it('never appear in what the worker and the API write, though a failure carried one there', async () => {
    const { me, caseId, preReview } = await fileTalentCase(passport);
    expect((await as(agencyStaff('talent-bureau')).post(`/steps/${preReview.id}/decision`, { decision: 'approve' })).status).toBe(200);
    const review = await awaitCase(me, caseId, (c) => step(c, WORK) && step(c, RESIDENCE), 'the permit review');
    expect((await as(agencyStaff('hr-social-security')).post(`/steps/${step(review, WORK).id}/decision`, { decision: 'approve' })).status).toBe(200);
    expect((await as(agencyStaff('public-security')).post(`/steps/${step(review, RESIDENCE).id}/decision`, { decision: 'approve' })).status).toBe(200);
    await awaitCase(me, caseId, (c) => c.status === 'completed', 'both permits');

    expect(failed).toBe(true);
    // The failure reached the log, its echoed body masked.
    const failure = temporalLogged.find((line) => line.includes('Activity failed') && line.includes(masked(passport)));
    expect(failure).toContain('publicSecurityIssueResidencePermit');
    expect(temporalLogged.filter((line) => line.includes(passport))).toEqual([]);
    expect(written.filter((line) => line.includes(passport))).toEqual([]);
    // And the failure Temporal kept (the retried activity's last failure) has its details encrypted too.
    const history = await rawHistory(connection, caseId);
    const lastFailure = history.events!.find((e) => e.activityTaskStartedEventAttributes?.lastFailure)!.activityTaskStartedEventAttributes!.lastFailure!;
    expect(lastFailure.message).toMatch(/answered 503/);
    expect(Buffer.from(lastFailure.applicationFailureInfo!.details!.payloads![0].metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(bytesOf(history).includes(passport)).toBe(false);
    expect(bytesOf(await decodeHistoryPayloads(history, testPayloadCodec())).includes(passport)).toBe(true);
  });
});

/**
 * Personal data at rest (issue 14): the read model held passport numbers and birth dates in
 * clear. They are sealed field by field under the payload keys; the API opens them for the
 * employer and the agencies with a step, and masks them for a supervisor.
 */
describe('passport numbers and birth dates in the read model', () => {
  const passport = passportNumber();
  // A birth date of this case's own (18 to 70 years old), so finding it can only mean this case leaked it.
  const dateOfBirth = `19${randomInt(60, 99)}-0${randomInt(1, 10)}-1${randomInt(0, 10)}`;
  let db: DataSource;
  let connection: Connection;
  let client: Client;
  let caseId: string;
  let employer: ApiUser;

  /** Every row the read model holds for the case, as text. */
  async function rowsOf(id: string): Promise<string[]> {
    const tables = ['cases WHERE id = $1', 'steps WHERE case_id = $1', 'documents WHERE case_id = $1', 'timeline_entries WHERE case_id = $1', 'incidents WHERE case_id = $1'];
    const found: string[] = [];
    for (const t of tables) found.push(...((await db.query(`SELECT row_to_json(r)::text AS row FROM (SELECT * FROM ${t}) r`, [id])) as Array<{ row: string }>).map((r) => r.row));
    return found;
  }
  const storedTalent = async (id: string) => ((await db.query(`SELECT application -> 'talent' AS talent FROM cases WHERE id = $1`, [id])) as Array<{ talent: any }>)[0].talent;

  beforeAll(async () => {
    db = new DataSource({ ...readModelDataSourceOptions(process.env.DATABASE_URL!), name: 'personal-data-at-rest' });
    await db.initialize();
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection, dataConverter: testDataConverter() });
    const filed = await fileTalentCase(passport, dateOfBirth);
    ({ caseId, me: employer } = filed);
    expect((await as(agencyStaff('talent-bureau')).post(`/steps/${filed.preReview.id}/decision`, { decision: 'approve' })).status).toBe(200);
    const review = await awaitCase(employer, caseId, (c) => step(c, WORK) && step(c, RESIDENCE), 'the permit review');
    expect((await as(agencyStaff('hr-social-security')).post(`/steps/${step(review, WORK).id}/decision`, { decision: 'approve' })).status).toBe(200);
    expect((await as(agencyStaff('public-security')).post(`/steps/${step(review, RESIDENCE).id}/decision`, { decision: 'approve' })).status).toBe(200);
    await awaitCase(employer, caseId, (c) => c.status === 'completed', 'both permits');
    await client.workflow.getHandle(caseId).result();
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    await connection?.close();
  });

  it('are nowhere in clear in Postgres: not in the case, its permits, steps, documents or timeline', async () => {
    const rows = await rowsOf(caseId);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.includes(passport))).toEqual([]);
    expect(rows.filter((r) => r.includes(dateOfBirth))).toEqual([]);
    const talent = await storedTalent(caseId);
    expect(talent.passportNumber).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(talent.dateOfBirth).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    // What is not personal data stays readable to queries and reports.
    expect(talent).toMatchObject({ nationality: 'DEU', position: '首席算法科学家' });
  });

  it('are shown whole to the employer and the agencies with a step, and masked to a supervisor', async () => {
    for (const who of [employer, as(agencyStaff('talent-bureau')), as(agencyStaff('hr-social-security')), as(agencyStaff('public-security'))]) {
      const seen = (await who.get(`/cases/${caseId}`)).body;
      expect([who.actor.userId, seen.application.talent.passportNumber, seen.application.talent.dateOfBirth]).toEqual([who.actor.userId, passport, dateOfBirth]);
    }
    const boss = (await as(supervisor()).get(`/cases/${caseId}`)).body;
    expect(boss.application.talent).toMatchObject({ passportNumber: masked(passport), dateOfBirth: '****-**-**' });
    expect(boss.details.permits.workPermit.passportNumber).toBe(masked(passport));
    expect(JSON.stringify(boss)).not.toContain(passport);
    expect(JSON.stringify(boss)).not.toContain(dateOfBirth);
    expect(JSON.stringify(boss)).not.toContain('enc:v1:');
  });

  it('leave npm run reconcile with no drift, and a row written in clear behind its back is sealed again', async () => {
    expect(await reconcile(client, db, { payloadKeys: testPayloadKeys(), caseIds: [caseId] })).toEqual({ checked: 1, drift: [], repaired: 0 });

    await db.query(`UPDATE cases SET application = jsonb_set(application, '{talent,passportNumber}', to_jsonb($2::text)) WHERE id = $1`, [caseId, passport]);
    const report = await reconcile(client, db, { payloadKeys: testPayloadKeys(), caseIds: [caseId] });
    expect(report).toEqual({ checked: 1, drift: [{ caseId, problems: ['personal data stored in clear'] }], repaired: 1 });
    expect((await rowsOf(caseId)).filter((r) => r.includes(passport))).toEqual([]);
    expect((await employer.get(`/cases/${caseId}`)).body.application.talent.passportNumber).toBe(passport);
  });

  it('written under a key since rotated away still open with it as a previous key; new writes take the new key', async () => {
    const oldKeys = testPayloadKeys();
    const oldKeyId = payloadKeyId(Buffer.from(oldKeys.TEMPORAL_PAYLOAD_KEY, 'base64'));
    expect((await storedTalent(caseId)).passportNumber.split(':')[2]).toBe(oldKeyId);

    // The rotation: a new key encrypts, the old one only decrypts — in an API started that way.
    const newKey = randomBytes(32).toString('base64');
    const rotated = { TEMPORAL_PAYLOAD_KEY: newKey, TEMPORAL_PAYLOAD_PREVIOUS_KEYS: oldKeys.TEMPORAL_PAYLOAD_KEY };
    const quiet = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const started = await startApi(apiConfigFrom({ ...process.env, ...rotated, API_PORT: '0' })).finally(() => quiet.mockRestore());
    try {
      const read = async (actor: Actor) => (await (await fetch(`${started.url}/cases/${caseId}`, { headers: { authorization: `Bearer ${tokenFor(actor)}` } })).json()) as any;
      expect((await read(employer.actor)).application.talent).toMatchObject({ passportNumber: passport, dateOfBirth });
      expect((await read(supervisor())).application.talent).toMatchObject({ passportNumber: masked(passport), dateOfBirth: '****-**-**' });

      // A repair after the rotation writes the case again, under the new key; the rotated API still shows it.
      await db.query(`DELETE FROM cases WHERE id = $1`, [caseId]);
      const rotatedClient = new Client({ connection, dataConverter: payloadDataConverter(rotated) });
      expect((await reconcile(rotatedClient, db, { payloadKeys: rotated, caseIds: [caseId] })).repaired).toBe(1);
      const talent = await storedTalent(caseId);
      expect(talent.passportNumber.split(':')[2]).toBe(payloadKeyId(Buffer.from(newKey, 'base64')));
      expect((await read(employer.actor)).application.talent).toMatchObject({ passportNumber: passport, dateOfBirth });
      // Without the key it was sealed with, nothing opens it.
      expect(() => PersonalDataSeal.fromSettings(oldKeys).open(caseId, talent)).toThrow(/neither TEMPORAL_PAYLOAD_KEY nor one of TEMPORAL_PAYLOAD_PREVIOUS_KEYS/);
    } finally {
      await started.app.close();
    }
  });
});
