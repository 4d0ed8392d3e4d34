import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { ReadModelActivities } from '../activities/read-model.activities';
import type { CaseProjection } from '../libs/domain/case-record';
import { readModelQuery } from '../libs/domain/case-engine.contract';
import { caseWorkflowTypeFilter } from '../libs/processes/registry';
import { PersonalDataSeal, hasUnsealedPersonalData, readModelDataSourceOptions } from '../libs/persistence';
import { PayloadKeySettings, payloadDataConverter } from '../libs/temporal';

export interface ReconcileReport {
  checked: number;
  drift: Array<{ caseId: string; problems: string[] }>;
  repaired: number;
}


/** What differs between the workflow's own account of a case and the read model's. */
export async function driftOf(db: DataSource, p: CaseProjection): Promise<string[]> {
  const problems: string[] = [];
  const [row] = await db.query(`SELECT status, version, application, assessment FROM cases WHERE id = $1`, [p.snapshot.id]);
  if (!row) return ['case missing from the read model'];
  if (row.status !== p.snapshot.status) problems.push(`status ${row.status}, workflow says ${p.snapshot.status}`);
  // Rows projected before personal data was sealed: the repair writes them again, sealed.
  if (hasUnsealedPersonalData([row.application, row.assessment])) problems.push('personal data stored in clear');
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM timeline_entries WHERE case_id = $1`, [p.snapshot.id]);
  if (n < p.timeline.length) problems.push(`${p.timeline.length - n} timeline entries missing`);
  if (n > p.timeline.length) problems.push(`${n - p.timeline.length} timeline entries the workflow never wrote`);
  const steps: Array<{ id: string; status: string; agency: string }> = await db.query(`SELECT id, status, agency FROM steps WHERE case_id = $1`, [p.snapshot.id]);
  for (const s of p.steps ?? []) {
    const stored = steps.find((x) => x.id === s.id);
    if (!stored) problems.push(`step ${s.id} missing`);
    else if (stored.status !== s.status || stored.agency !== s.agency) problems.push(`step ${s.id} is ${stored.status}/${stored.agency}, workflow says ${s.status}/${s.agency}`);
  }
  // The public register: what the case issued must be there, standing as the case says (superseded aside: a later case decides that).
  const entries: Array<{ kind: string; number: string; status: string }> = await db.query(`SELECT kind, number, status FROM public_register WHERE case_id = $1`, [p.snapshot.id]);
  for (const a of p.snapshot.artefacts ?? []) {
    const stored = entries.find((e) => e.kind === a.kind && e.number === a.number);
    if (!stored) problems.push(`${a.kind} ${a.number} missing from the public register`);
    else if (stored.status !== a.status && stored.status !== 'superseded') problems.push(`${a.kind} ${a.number} is ${stored.status} in the register, workflow says ${a.status}`);
  }
  return problems;
}

/**
 * Compares the read model with each case workflow's own state (its readModel query) and repairs
 * drift by writing the workflow's account back. A worker must be running: closed cases answer
 * queries by replay.
 */
export async function reconcile(
  client: Client,
  db: DataSource,
  options: { payloadKeys: PayloadKeySettings; caseIds?: string[]; log?: (line: string) => void },
): Promise<ReconcileReport> {
  const log = options.log ?? (() => undefined);
  // The repair seals personal data as the projection does: the same payload keys as the workers'.
  const writer = new ReadModelActivities(db, PersonalDataSeal.fromSettings(options.payloadKeys));
  const report: ReconcileReport = { checked: 0, drift: [], repaired: 0 };
  const ids: string[] = options.caseIds ?? [];
  if (!options.caseIds) {
    for await (const wf of client.workflow.list({ query: caseWorkflowTypeFilter() })) ids.push(wf.workflowId);
  }
  for (const caseId of ids) {
    const projection = await client.workflow.getHandle(caseId).query(readModelQuery);
    report.checked += 1;
    const problems = await driftOf(db, projection);
    if (problems.length === 0) continue;
    report.drift.push({ caseId, problems });
    log(`drift in ${caseId}: ${problems.join('; ')}`);
    await writer.repair(projection);
    if ((await driftOf(db, projection)).length === 0) report.repaired += 1;
  }
  return report;
}

if (require.main === module) {
  (async () => {
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
    const db = new DataSource(readModelDataSourceOptions(process.env.DATABASE_URL ?? ''));
    await db.initialize();
    try {
      // The workflows' answers are encrypted like their payloads: the same key as the workers'.
      const payloadKeys = { TEMPORAL_PAYLOAD_KEY: process.env.TEMPORAL_PAYLOAD_KEY ?? '', TEMPORAL_PAYLOAD_PREVIOUS_KEYS: process.env.TEMPORAL_PAYLOAD_PREVIOUS_KEYS };
      const dataConverter = payloadDataConverter(payloadKeys);
      const r = await reconcile(new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default', dataConverter }), db, { payloadKeys, log: console.log });
      console.log(`checked: ${r.checked}  drift: ${r.drift.length}  repaired: ${r.repaired}`);
      process.exitCode = r.drift.length === r.repaired ? 0 : 1;
    } finally {
      await db.destroy();
      await connection.close();
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
