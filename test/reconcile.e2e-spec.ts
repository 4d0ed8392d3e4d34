import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { reconcile } from '../infra/reconcile';
import { readModelDataSourceOptions } from '../libs/persistence';
import { agencyStaff, applicant, as } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { testDataConverter, testPayloadKeys } from './support/workflow-env';

describe('read model repair', () => {
  let connection: Connection;
  let client: Client;
  let db: DataSource;
  beforeAll(async () => {
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection, dataConverter: testDataConverter() });
    db = new DataSource({ ...readModelDataSourceOptions(process.env.DATABASE_URL!), name: 'reconcile-test' });
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await connection?.close();
  });

  it('finds nothing to repair where the read model agrees', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const me = as(applicant(enterprise.creditCode));
    const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
    await client.workflow.getHandle(id).result();
    await awaitCase(me, id, (c) => c.status === 'certified' && c.timeline.filter((e: any) => e.action === 'notified').length === 2, 'certification');
    expect(await reconcile(client, db, { payloadKeys: testPayloadKeys(), caseIds: [id] })).toEqual({ checked: 1, drift: [], repaired: 0 });
  });

  it('repairs a case whose status and step drifted, and one lost from the read model altogether', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const me = as(applicant(enterprise.creditCode));
    const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
    const c = await awaitCase(me, id, (x) => x.status === 'acceptance' && x.steps.length === 1, 'acceptance');
    expect((await as(agencyStaff('zgc')).post(`/steps/${c.steps[0].id}/claim`)).status).toBe(200);
    await awaitCase(me, id, (x) => x.steps[0].status === 'claimed', 'the claim');

    // Drift behind the projection's back.
    await db.query(`UPDATE cases SET status = 'bogus' WHERE id = $1`, [id]);
    await db.query(`UPDATE steps SET status = 'open', agency = 'tax' WHERE case_id = $1`, [id]);
    const lost = await fileHighTech(applicationFor(await loadEnterprise(eligibleEnterprise())));
    // Wait for the workflow to end: its last projection could otherwise restore what we delete.
    await client.workflow.getHandle(lost.id).result();
    await db.query(`DELETE FROM steps WHERE case_id = $1`, [lost.id]);
    await db.query(`DELETE FROM cases WHERE id = $1`, [lost.id]);

    const report = await reconcile(client, db, { payloadKeys: testPayloadKeys(), caseIds: [id, lost.id] });
    expect(report.checked).toBe(2);
    expect(report.repaired).toBe(2);
    expect(report.drift.find((d) => d.caseId === id)?.problems).toEqual([`status bogus, workflow says acceptance`, `step ${c.steps[0].id} is open/tax, workflow says claimed/zgc`]);
    expect(report.drift.find((d) => d.caseId === lost.id)?.problems).toEqual(['case missing from the read model']);

    const repaired = (await me.get(`/cases/${id}`)).body;
    expect(repaired.status).toBe('acceptance');
    expect(repaired.steps[0]).toMatchObject({ status: 'claimed', agency: 'zgc' });
    expect((await as(applicant(lost.applicantId)).get(`/cases/${lost.id}`)).body.status).toBe('certified');
    expect(await reconcile(client, db, { payloadKeys: testPayloadKeys(), caseIds: [id, lost.id] })).toEqual({ checked: 2, drift: [], repaired: 0 });
  });
});
