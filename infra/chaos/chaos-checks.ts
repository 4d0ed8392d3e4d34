import { Client } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { readModelQuery } from '../../libs/domain/case-engine.contract';
import { caseWorkflowTypeFilter } from '../../libs/processes/registry';
import type { CaseProjection } from '../../libs/domain/case-record';
import { readModelDataSourceOptions } from '../../libs/persistence';
import type { PayloadKeySettings } from '../../libs/temporal/payload-codec';
import { verifyAuditChain } from '../audit-verify';
import { driftOf, reconcile, ReconcileReport } from '../reconcile';
import type { PlannedCase } from './chaos-plan';

export type ProblemKind = 'lost' | 'duplicated' | 'inconsistent';

export interface Verdict {
  caseId: string;
  scenario: string;
  problems: Array<{ kind: ProblemKind; what: string }>;
}

export interface CheckReport {
  cases: number;
  completed: number;
  lost: number;
  duplicated: number;
  inconsistent: number;
  verdicts: Verdict[];
  reconcile: ReconcileReport;
  auditEntries: number;
}

async function count(db: PgClient, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query(sql, params);
  return rows[0].n as number;
}

/**
 * Every case, checked against what its script says it must come to: one workflow run that
 * completed in the expected status; each milestone once on the timeline, with the hash chain
 * unbroken; the read model as the workflow itself tells it; each department's effect exactly once.
 */
/**
 * Cases running and closed, as Temporal's visibility counts them: the registry's case workflows
 * only (a process's own long-lived workflows, such as the yearly reward ledgers, stay open for
 * months and are no case).
 */
export async function countCases(client: Client): Promise<{ running: number; closed: number }> {
  const [running, closed] = await Promise.all([
    client.workflow.count(`${caseWorkflowTypeFilter()} AND ExecutionStatus = 'Running'`).then((r) => r.count),
    client.workflow.count(`${caseWorkflowTypeFilter()} AND ExecutionStatus != 'Running'`).then((r) => r.count),
  ]);
  return { running, closed };
}

export async function checkCases(
  client: Client,
  urls: { readModel: string; departments: string },
  payloadKeys: PayloadKeySettings,
  cases: PlannedCase[],
  progress: (done: number) => void,
): Promise<CheckReport> {
  const runs = new Map<string, string[]>();
  for await (const wf of client.workflow.list({ query: caseWorkflowTypeFilter() })) {
    runs.set(wf.workflowId, [...(runs.get(wf.workflowId) ?? []), wf.status.name]);
  }
  const audit = await verifyAuditChain(urls.readModel);
  const brokenChains = new Map(audit.broken.map((b) => [b.caseId, `timeline entry ${b.seq}: ${b.problem}`]));

  const readModel = new DataSource(readModelDataSourceOptions(urls.readModel));
  await readModel.initialize();
  const departments = new PgClient({ connectionString: urls.departments });
  await departments.connect();
  const verdicts: Verdict[] = [];
  try {
    let done = 0;
    for (const c of cases) {
      const problems: Verdict['problems'] = [];
      const add = (kind: ProblemKind, what: string) => problems.push({ kind, what });
      verdicts.push({ caseId: c.caseId ?? `(case ${c.n}, never filed)`, scenario: c.scenario, problems });
      progress((done += 1));
      if (!c.caseId) {
        add('lost', 'never filed');
        continue;
      }
      const executions = runs.get(c.caseId) ?? [];
      if (executions.length === 0) {
        add('lost', 'no workflow');
        continue;
      }
      if (executions.length > 1) add('duplicated', `${executions.length} workflow runs`);
      if (executions[0] !== 'COMPLETED') add('lost', `workflow ${executions[0].toLowerCase()}`);

      const projection: CaseProjection = await client.workflow.getHandle(c.caseId).query(readModelQuery);
      if (projection.snapshot.status !== c.endStatus) add('lost', `ended ${projection.snapshot.status}, script expects ${c.endStatus}`);

      const actions: Array<{ action: string; n: number }> = await readModel.query(
        `SELECT action, count(*)::int AS n FROM timeline_entries WHERE case_id = $1 GROUP BY action`,
        [c.caseId],
      );
      const recorded = actions.reduce((sum, a) => sum + a.n, 0);
      if (recorded > projection.timeline.length) add('duplicated', `${recorded} timeline entries, the workflow has ${projection.timeline.length}`);
      for (const action of c.onceActions) {
        const n = actions.find((a) => a.action === action)?.n ?? 0;
        if (n > 1) add('duplicated', `${action} ${n} times`);
        if (n === 0) add('inconsistent', `no ${action} on the timeline`);
      }
      const broken = brokenChains.get(c.caseId);
      if (broken) add('inconsistent', broken);
      for (const drift of await driftOf(readModel, projection)) add('inconsistent', drift);

      for (const effect of c.effects) {
        const n = await count(departments, effect.countSql, [c.caseId]);
        if (n > 1) add('duplicated', `${effect.table} holds ${n} for the case`);
        if (n === 0) add('lost', `${effect.table} holds nothing for the case`);
      }
    }
    // Each enterprise files once in a run: two certificates for one enterprise would be a doubled case.
    const { rows: doubled } = await departments.query(`SELECT credit_code, count(*)::int AS n FROM zgc.certificates GROUP BY credit_code HAVING count(*) > 1`);
    for (const d of doubled) {
      const c = cases.find((x) => x.creditCode === d.credit_code);
      verdicts.find((v) => v.caseId === c?.caseId)?.problems.push({ kind: 'duplicated', what: `${d.n} certificates for ${d.credit_code}` });
    }
  } finally {
    await departments.end();
  }

  // The reconciler, run as an operator would after an incident: what drift did it find, did it mend it?
  const filed = cases.filter((c) => c.caseId).map((c) => c.caseId!);
  let reconcileReport: ReconcileReport;
  try {
    reconcileReport = await reconcile(client, readModel, { payloadKeys, caseIds: filed });
  } finally {
    await readModel.destroy();
  }

  const has = (v: Verdict, kind: ProblemKind) => v.problems.some((p) => p.kind === kind);
  return {
    cases: cases.length,
    completed: verdicts.filter((v) => v.problems.length === 0).length,
    lost: verdicts.filter((v) => has(v, 'lost')).length,
    duplicated: verdicts.filter((v) => has(v, 'duplicated')).length,
    inconsistent: verdicts.filter((v) => has(v, 'inconsistent')).length,
    verdicts,
    reconcile: reconcileReport,
    auditEntries: audit.entries,
  };
}

export interface Resumption {
  killedAt: number;
  label: string;
  /** Seconds from the kill to each then-unfinished case's next timeline entry. */
  delays: number[];
  /** Seconds from the kill until any case moved at all: the replacement worker up and working. */
  stall: number;
}

/**
 * How long the cases that were under way when the worker died took to move again: for each case
 * filed before the kill with timeline entries after it, the gap to its first such entry.
 */
export async function resumptionAfter(readModelUrl: string, kills: Array<{ at: number; label: string }>, cases: PlannedCase[]): Promise<Resumption[]> {
  const db = new PgClient({ connectionString: readModelUrl });
  await db.connect();
  try {
    const out: Resumption[] = [];
    for (const kill of kills) {
      const filedBefore = cases.filter((c) => c.caseId && c.filedAt! < kill.at).map((c) => c.caseId!);
      const { rows } = await db.query(
        `SELECT case_id, extract(epoch FROM min(at)) * 1000 AS first FROM timeline_entries WHERE at > $1 AND case_id = ANY($2) GROUP BY case_id`,
        [new Date(kill.at), filedBefore],
      );
      const delays = rows.map((r) => (Number(r.first) - kill.at) / 1000);
      out.push({ killedAt: kill.at, label: kill.label, delays, stall: Math.min(...delays) });
    }
    return out;
  } finally {
    await db.end();
  }
}
