import { Client } from 'pg';
import { verifyAuditChain } from '../infra/audit-verify';
import { agencyStaff, applicant, as } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';

describe('an audit trail you can trust', () => {
  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => db?.end());

  /** A case with a few entries: filed, data received, referred, a step claimed and decided. */
  async function caseWithHistory(): Promise<string> {
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const me = as(applicant(enterprise.creditCode));
    const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
    const c = await awaitCase(me, id, (x) => x.status === 'acceptance' && x.steps.length === 1, 'acceptance');
    expect((await as(agencyStaff('zgc')).post(`/steps/${c.steps[0].id}/decision`, { decision: 'accept' })).status).toBe(200);
    await awaitCase(me, id, (x) => x.status === 'formal-review', 'formal review');
    return id;
  }

  it('chains every entry of a case to the one before it', async () => {
    const caseId = await caseWithHistory();
    const report = await verifyAuditChain(process.env.DATABASE_URL!, caseId);
    expect(report.cases).toBe(1);
    expect(report.entries).toBeGreaterThanOrEqual(10);
    expect(report.broken).toEqual([]);
  });

  it('refuses UPDATE and DELETE on the timeline', async () => {
    const caseId = await caseWithHistory();
    await expect(db.query(`UPDATE timeline_entries SET reason = 'x' WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query(`DELETE FROM timeline_entries WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only: DELETE refused/);
  });

  it('shows an entry changed around the trigger, and where', async () => {
    const caseId = await caseWithHistory();
    // Someone with the power to disable the trigger rewrites one entry's reason.
    await db.query('BEGIN');
    await db.query('ALTER TABLE timeline_entries DISABLE TRIGGER timeline_entries_append_only');
    await db.query(`UPDATE timeline_entries SET actor = 'someone-else' WHERE case_id = $1 AND seq = 2`, [caseId]);
    await db.query('ALTER TABLE timeline_entries ENABLE TRIGGER timeline_entries_append_only');
    await db.query('COMMIT');

    const report = await verifyAuditChain(process.env.DATABASE_URL!, caseId);
    expect(report.broken).toEqual([{ caseId, seq: 2, problem: 'content does not match its hash' }]);
  });
});
