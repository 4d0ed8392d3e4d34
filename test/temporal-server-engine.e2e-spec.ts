import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { isExecutable } from '../infra/go-install';
import { temporalServerBinaries } from '../infra/temporal-server';
import { payloadDataConverter } from '../libs/temporal';
import { agencyStaff, applicant, as } from './support/actors';
import { awaitCase, fileAndAwaitDecision, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { HostedStack, startHostedStack } from './support/hosted-stack';
import { eventually } from './support/http';

/**
 * TEMPORAL_ENGINE=server: npm start's stack with Temporal's production server, on a Postgres that
 * outlives it (the shared stack's, with databases of this suite's own), started twice.
 *
 * The server takes ~17 min to build the first time: CI builds it before the tests (.ci/run) and
 * so always runs this suite; elsewhere it runs once the binaries are in the cache.
 */
const binaries = temporalServerBinaries();
const haveServer = Object.values(binaries).every(isExecutable);
const runs = haveServer || process.env.CI === 'true';
if (!runs) {
  process.stderr.write(`temporal-server-engine: skipped, Temporal's server is not built (${binaries.server}); TEMPORAL_ENGINE=server npm start builds it once\n`);
}

const suffix = randomBytes(4).toString('hex');
const database = (name: string) => `engine_${suffix}_${name}`;
const serverUrl = () => Object.assign(new URL(process.env.DATABASE_URL!), { pathname: '' }).toString();
const saved = { API_URL: process.env.API_URL, DEPARTMENTS_URL: process.env.DEPARTMENTS_URL };

let stack: HostedStack | undefined;

/** The stack on this suite's databases, with the production server; the support helpers then talk to it. */
async function startServerStack(): Promise<HostedStack> {
  const started = await startHostedStack({
    options: { persistent: false, apps: 'children' },
    unset: ['TEMPORAL_ADDRESS'],
    set: {
      TEMPORAL_ENGINE: 'server',
      DATABASE_URL: `${serverUrl()}/${database('approvals')}`,
      DEPARTMENTS_DATABASE_URL: `${serverUrl()}/${database('departments')}`,
      TEMPORAL_SERVER_DATABASE: database('temporal'),
    },
  });
  process.env.API_URL = started.urls.api;
  process.env.DEPARTMENTS_URL = started.urls.departments;
  return started;
}

async function temporalClient<T>(use: (client: Client, connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address: stack!.urls.temporal });
  try {
    return await use(new Client({ connection, namespace: stack!.env.TEMPORAL_NAMESPACE, dataConverter: payloadDataConverter({ TEMPORAL_PAYLOAD_KEY: stack!.env.TEMPORAL_PAYLOAD_KEY }) }), connection);
  } finally {
    await connection.close();
  }
}

(runs ? describe : describe.skip)("TEMPORAL_ENGINE=server: Temporal's production server on Postgres", () => {
  beforeAll(async () => {
    if (!haveServer) throw new Error(`CI must build Temporal's server before the tests (.ci/run): ${binaries.server} is missing`);
    const pg = new PgClient({ connectionString: process.env.DATABASE_URL });
    await pg.connect();
    try {
      for (const name of ['approvals', 'departments']) await pg.query(`CREATE DATABASE "${database(name)}"`);
    } finally {
      await pg.end();
    }
    stack = await startServerStack();
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    Object.assign(process.env, saved);
  }, 60_000);

  const zgc = as(agencyStaff('zgc', 'zgc-reviewer'));
  let waiting: { id: string; applicant: ReturnType<typeof as> };

  it('is the production server: v1.32.1, 4 history shards, persistence and visibility on Postgres', async () => {
    const [system, cluster] = await temporalClient((_client, connection) =>
      Promise.all([connection.workflowService.getSystemInfo({}), connection.workflowService.getClusterInfo({})]),
    );
    expect(system.serverVersion).toBe('1.32.1');
    expect({ shards: cluster.historyShardCount, persistence: cluster.persistenceStore, visibility: cluster.visibilityStore }).toEqual({
      shards: 4,
      persistence: 'postgres12',
      visibility: 'postgres12',
    });
  });

  it('certifies a fast-path case filed over HTTP, and holds a normal-review case at its first step', async () => {
    const decided = await fileAndAwaitDecision(applicationFor(await loadEnterprise(eligibleEnterprise())));
    expect([decided.status, decided.decision]).toEqual(['certified', 'approved-on-filing']);
    expect(decided.certificate).toBeDefined();

    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const me = as(applicant(enterprise.creditCode));
    const filed = await fileHighTech(applicationFor(enterprise), undefined, me);
    const atAcceptance = await awaitCase(me, filed.id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'the acceptance step');
    expect(atAcceptance.steps.map((s: any) => [s.name, s.agency, s.status])).toEqual([['受理', 'zgc', 'open']]);
    waiting = { id: filed.id, applicant: me };
  }, 120_000);

  it("answers the calendar rollout's list filter (TaskQueue, WorkflowType IN) from its Postgres visibility", async () => {
    const query = `ExecutionStatus = 'Running' AND TaskQueue = '${stack!.env.TEMPORAL_TASK_QUEUE}' AND WorkflowType IN ('highTechCertification', 'listingSupport', 'talentPermits')`;
    const running = await temporalClient((client) =>
      eventually(
        'the waiting case in visibility',
        async () => {
          const ids: string[] = [];
          for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
          return ids.includes(waiting.id) ? ids : undefined;
        },
        15_000,
      ),
    );
    expect(running).toContain(waiting.id);
  });

  it('keeps its cases across a restart: the waiting case is decided after it, the certified one is still there', async () => {
    await stack!.stop();
    stack = await startServerStack();

    const before = await waiting.applicant.get(`/cases/${waiting.id}`);
    expect([before.status, before.body.status]).toEqual([200, 'acceptance']);
    const stepId = before.body.steps[0].id;
    // The decision reaches the workflow only if Temporal kept it: the update runs in the case's workflow.
    const decided = await zgc.post(`/steps/${stepId}/decision`, { decision: 'accept' }, { 'Idempotency-Key': `engine-${suffix}` });
    expect([decided.status, decided.body.status]).toEqual([200, 'decided']);
    const accepted = await awaitCase(waiting.applicant, waiting.id, (c) => c.status === 'formal-review', 'formal review');
    expect(accepted.timeline.filter((e: any) => e.action === 'step-decided')).toHaveLength(1);
  }, 180_000);
});
