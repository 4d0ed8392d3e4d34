import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type CaseProjection, caseHasEnded } from '../libs/domain';
import { ProjectionMetrics } from '../libs/observability/projection.metrics';
import { CASE_CHANGES_CHANNEL, CaseChange, PersonalDataSeal, chainHash, storedEntry, storedJson } from '../libs/persistence';

/** `($1, $2, …), (…)` for a multi-row VALUES: one statement per table instead of one per row. */
function values(rows: unknown[][]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const sql = rows.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`).join(', ');
  return { sql, params };
}

const logger = new Logger('ReadModel');

/**
 * Text Postgres cannot hold (NUL, a lone surrogate) would make every write of the case fail, for
 * ever: the API refuses it at the door, and whatever still arrives (a department's record, a
 * token's subject) is stored as U+FFFD, said in the log.
 */
function storable(projection: CaseProjection): CaseProjection {
  return storedJson(projection, (count) => logger.warn(`case ${projection.snapshot.id}: ${count} character(s) Postgres cannot store written as U+FFFD`));
}

/**
 * Writes what a workflow reports into the Postgres read model. Idempotent, so a retried
 * activity never doubles a timeline entry or rolls a case back: the case row only moves to a
 * higher version, and timeline entries are keyed by (case, seq).
 */
@Injectable()
export class ReadModelActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    // Passport numbers and birth dates are sealed before they reach Postgres; the API opens them.
    private readonly personalData: PersonalDataSeal,
    // Projection lag and write time, on the worker's /metrics (absent where no metrics module is loaded).
    @Optional() private readonly metrics?: ProjectionMetrics,
  ) {}

  async project(projection: CaseProjection): Promise<void> {
    const started = performance.now();
    // Text Postgres would alter is made storable first, so what is sealed is what is kept.
    await this.write(this.personalData.sealProjection(storable(projection)), '<');
    this.metrics?.written(projection.timeline, started);
  }

  /**
   * The reconciler's write: the workflow's own state replaces whatever the read model holds at
   * the same version (a row changed or lost behind the projection's back).
   */
  async repair(projection: CaseProjection): Promise<void> {
    // Text Postgres would alter is made storable first, so what is sealed is what is kept.
    await this.write(this.personalData.sealProjection(storable(projection)), '<=');
  }

  private async write({ snapshot: s, timeline, steps = [], documents = [], incidents = [] }: CaseProjection, newer: '<' | '<='): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO cases (id, process, status, applicant_id, title, version, filed_at, decided_at, decision, application, assessment,
                            due_on, colour, paused, escalated, clock, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, now())
         ON CONFLICT (id) DO UPDATE SET
           status = EXCLUDED.status, title = EXCLUDED.title, version = EXCLUDED.version,
           decided_at = EXCLUDED.decided_at, decision = EXCLUDED.decision,
           application = EXCLUDED.application, assessment = EXCLUDED.assessment,
           due_on = EXCLUDED.due_on, colour = EXCLUDED.colour, paused = EXCLUDED.paused,
           escalated = EXCLUDED.escalated, clock = EXCLUDED.clock, updated_at = now()
         WHERE cases.version ${newer} EXCLUDED.version`,
        [
          s.id, s.process, s.status, s.applicantId, s.title, s.version, s.filedAt, s.decidedAt ?? null, s.decision ?? null, s.application, s.assessment ?? null,
          s.clock?.dueOn ?? null, s.clock?.colour ?? null, s.clock?.paused ?? false, s.escalated ?? false, s.clock ?? null,
        ],
      );
      if (steps.length) {
        const rows = values(
          steps.map((st) => [
            st.id, s.id, s.process, st.name, st.kind, st.agency, st.assignee?.userId ?? null, st.assignee?.name ?? null, st.status,
            JSON.stringify(st.allowed), st.round, st.openedAt, st.reading.dueOn, st.reading.warnOn, st.reading.colour, st.reading.paused,
            st.escalated, st.decision?.at ?? null, st.decision?.decision ?? null, st.decision?.reason ?? null, st.decision?.by.userId ?? null,
            JSON.stringify(st.urges.map((u) => ({ by: { userId: u.by.userId, name: u.by.name }, at: u.at, note: u.note }))),
            { ...st.clock, reading: st.reading }, s.version, st.panel ? JSON.stringify(st.panel) : null,
          ]),
        );
        await em.query(
          `INSERT INTO steps (id, case_id, process, name, kind, agency, assignee_id, assignee_name, status, allowed, round, opened_at,
                              due_on, warn_on, colour, paused, escalated, decided_at, decision, reason, decided_by, urges, clock, version, panel)
           VALUES ${rows.sql}
           ON CONFLICT (id) DO UPDATE SET
             agency = EXCLUDED.agency, assignee_id = EXCLUDED.assignee_id, assignee_name = EXCLUDED.assignee_name,
             status = EXCLUDED.status, round = EXCLUDED.round, due_on = EXCLUDED.due_on, warn_on = EXCLUDED.warn_on,
             colour = EXCLUDED.colour, paused = EXCLUDED.paused, escalated = EXCLUDED.escalated,
             decided_at = EXCLUDED.decided_at, decision = EXCLUDED.decision, reason = EXCLUDED.reason,
             decided_by = EXCLUDED.decided_by, urges = EXCLUDED.urges, clock = EXCLUDED.clock, version = EXCLUDED.version,
             panel = EXCLUDED.panel
           WHERE steps.version ${newer} EXCLUDED.version`,
          rows.params,
        );
      }
      const cert = s.certificate;
      if (cert) {
        await em.query(
          `INSERT INTO certificates (number, case_id, credit_code, enterprise_name, tech_field, issued_on, valid_until, basis, status, revoked_on, revoked_reason, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (number) DO UPDATE SET status = EXCLUDED.status, revoked_on = EXCLUDED.revoked_on,
             revoked_reason = EXCLUDED.revoked_reason, version = EXCLUDED.version
           WHERE certificates.version < EXCLUDED.version`,
          [cert.number, s.id, cert.creditCode, cert.enterpriseName, cert.techField, cert.issuedOn, cert.validUntil, cert.basis, cert.status, cert.revokedOn ?? null, cert.revokedReason ?? null, s.version],
        );
      }
      if (caseHasEnded(s.process, s.status)) {
        // Ended: its subject may be filed for again, from the commit that shows it ended (and any certificate).
        await em.query(`UPDATE subject_claims SET released_at = now() WHERE case_id = $1 AND released_at IS NULL`, [s.id]);
      }
      const report = s.complianceReport;
      if (report) {
        await em.query(
          `INSERT INTO compliance_reports (code, case_id, credit_code, enterprise_name, issued_at, entries, status, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (code) DO UPDATE SET status = CASE WHEN compliance_reports.status = 'superseded' THEN 'superseded' ELSE EXCLUDED.status END,
             version = EXCLUDED.version
           WHERE compliance_reports.version < EXCLUDED.version`,
          [report.code, s.id, report.creditCode, report.enterpriseName, report.issuedAt, JSON.stringify(report.entries), report.status, s.version],
        );
        // A newer report for the same enterprise supersedes every older one still standing.
        await em.query(
          `UPDATE compliance_reports SET status = 'superseded', superseded_by = $1
            WHERE credit_code = $2 AND code <> $1 AND status = 'valid' AND issued_at < $3`,
          [report.code, report.creditCode, report.issuedAt],
        );
      }
      for (const i of incidents) {
        await em.query(
          `INSERT INTO incidents (id, case_id, department, what, opened_at, closed_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id) DO UPDATE SET closed_at = EXCLUDED.closed_at`,
          [i.id, s.id, i.department, i.what, i.openedAt, i.closedAt ?? null],
        );
      }
      for (const d of documents) {
        await em.query(
          `INSERT INTO documents (id, case_id, kind, title, issued_at, body) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
          [d.id, s.id, d.kind, d.title, d.issuedAt, d.body],
        );
      }
      // Each entry chains to the one before it in its case. The case row locked above serialises
      // projections of one case, so the chain has no forks; a retried batch recomputes the same hashes.
      const [last] = timeline.length
        ? await em.query(`SELECT hash FROM timeline_entries WHERE case_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT 1`, [s.id, timeline[0].seq])
        : [];
      let prevHash: string | null = last?.hash ?? null;
      if (timeline.length) {
        const rows = values(
          timeline.map((e) => {
            // The row holds the entry as stored, which is also what is hashed: audit:verify reads it back the same.
            const entry = storedEntry({ caseId: s.id, seq: e.seq, at: e.at, actor: e.actor, role: e.role, agency: e.agency ?? null, action: e.action, reason: e.reason ?? null, detail: e.detail ?? null });
            const hash = chainHash(prevHash, entry);
            const row = [entry.caseId, entry.seq, entry.at, entry.actor, entry.role, entry.agency, entry.action, entry.reason, entry.detail === null ? null : JSON.stringify(entry.detail), prevHash, hash];
            prevHash = hash;
            return row;
          }),
        );
        await em.query(
          `INSERT INTO timeline_entries (case_id, seq, at, actor, role, agency, action, reason, detail, prev_hash, hash)
           VALUES ${rows.sql}
           ON CONFLICT (case_id, seq) DO NOTHING`,
          rows.params,
        );
      }
      const change: CaseChange = {
        c: s.id,
        v: s.version,
        // Whose inbox moved: agencies of the steps written, and one a step was reassigned away from.
        a: [...new Set([...steps.map((st) => st.agency), ...timeline.flatMap((e) => (typeof e.detail?.from === 'string' ? [e.detail.from] : []))])],
        e: [...new Set(steps.flatMap((st) => st.panel?.members.map((m) => m.userId) ?? []))],
      };
      await em.query('SELECT pg_notify($1, $2)', [CASE_CHANGES_CHANNEL, JSON.stringify(change)]);
    });
  }
}
