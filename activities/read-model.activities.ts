import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Artefact, CaseProjection, CaseSnapshot, DepartmentCode } from '../libs/domain';
import { ProjectionMetrics } from '../libs/observability/projection.metrics';
import { enterpriseNameOf } from '../libs/processes/case-subject';
import { caseHasEnded, processByCode } from '../libs/processes/registry';
import { issuingAgency } from '../libs/documents/document-number';
import { numberDocuments } from '../libs/documents/document-numbering';
import { issueDocumentPdf } from '../libs/documents/document-files';
import { CASE_CHANGES_CHANNEL, CaseChange, PersonalDataSeal, chainHash, storedEntry, storedJson } from '../libs/persistence';

/** `($1, $2, …), (…)` for a multi-row VALUES: one statement per table instead of one per row. */
function values(rows: unknown[][]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const sql = rows.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`).join(', ');
  return { sql, params };
}

const logger = new Logger('ReadModel');

/** Where the public verifies documents (PUBLIC_BASE_URL): the QR code on each PDF the worker makes at issue. */
export const DOCUMENTS_PUBLIC_BASE_URL = Symbol('DOCUMENTS_PUBLIC_BASE_URL');

/**
 * What the case issued, as the public register holds it. A projection the previous release
 * scheduled (retried after an upgrade) still carries the certificate or compliance report in its
 * own field: it is read as the artefact it is.
 */
function artefactsOf(s: CaseSnapshot): Artefact[] {
  const legacy = s as CaseSnapshot & { certificate?: Record<string, string>; complianceReport?: { code: string; creditCode: string; enterpriseName: string; issuedAt: string; entries: unknown[]; status: 'valid' | 'revoked' } };
  const artefacts = [...(s.artefacts ?? [])];
  const c = legacy.certificate;
  if (c && !artefacts.some((a) => a.kind === 'certificate')) {
    artefacts.push({
      kind: 'certificate', number: c.number, title: '高新技术企业证书', issuer: 'zgc', holder: { name: c.enterpriseName, creditCode: c.creditCode },
      issuedOn: c.issuedOn, validFrom: c.issuedOn, validUntil: c.validUntil, status: c.status as Artefact['status'], revokedOn: c.revokedOn, revokedReason: c.revokedReason,
      basis: c.basis, details: { techField: c.techField },
    });
  }
  const r = legacy.complianceReport;
  if (r && !artefacts.some((a) => a.kind === 'compliance-report')) {
    artefacts.push({
      kind: 'compliance-report', number: r.code, title: '企业上市合规证明（合规一码通）', issuer: 'service-center', holder: { name: r.enterpriseName, creditCode: r.creditCode },
      issuedOn: new Date(Date.parse(r.issuedAt) + 8 * 3_600_000).toISOString().slice(0, 10), issuedAt: r.issuedAt, status: r.status, supersedesOlder: true, details: { entries: r.entries },
    });
  }
  return artefacts;
}

/**
 * Each artefact into the public register, moving only forwards (by the case's version). Once
 * superseded an entry stays so: the case that issued it never learns of its successor. An
 * artefact that supersedes older ones marks every older valid one of its kind and holder.
 */
async function writeRegister(em: EntityManager, s: CaseSnapshot, newer: '<' | '<='): Promise<void> {
  for (const a of artefactsOf(s)) {
    await em.query(
      `INSERT INTO public_register (kind, number, case_id, process, title, issuer, holder_name, holder_credit_code, issued_on, issued_at, valid_from, valid_until,
                                    status, revoked_on, revoked_reason, basis, details, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (kind, number) DO UPDATE SET
         status = CASE WHEN public_register.status = 'superseded' THEN 'superseded' ELSE EXCLUDED.status END,
         revoked_on = EXCLUDED.revoked_on, revoked_reason = EXCLUDED.revoked_reason, details = EXCLUDED.details, version = EXCLUDED.version
       WHERE public_register.version ${newer} EXCLUDED.version`,
      [
        a.kind, a.number, s.id, s.process, a.title, a.issuer, a.holder.name, a.holder.creditCode, a.issuedOn, a.issuedAt ?? null, a.validFrom ?? null, a.validUntil ?? null,
        a.status, a.revokedOn ?? null, a.revokedReason ?? null, a.basis ?? null, JSON.stringify(a.details ?? {}), s.version,
      ],
    );
    if (a.supersedesOlder) {
      await em.query(
        `UPDATE public_register SET status = 'superseded', superseded_by = $2
          WHERE kind = $1 AND holder_credit_code = $3 AND number <> $2 AND status = 'valid' AND issued_at < $4`,
        [a.kind, a.number, a.holder.creditCode, a.issuedAt ?? a.issuedOn],
      );
    }
  }
}

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
    // Unset, documents are made into PDFs on their first download instead (by the API).
    @Optional() @Inject(DOCUMENTS_PUBLIC_BASE_URL) private readonly publicBaseUrl?: string,
  ) {}

  async project(projection: CaseProjection): Promise<void> {
    const started = performance.now();
    // Text Postgres would alter is made storable first, so what is sealed is what is kept.
    const issued = await this.write(this.personalData.sealProjection(storable(projection)), '<');
    this.metrics?.written(projection.timeline, started);
    await this.issuePdfs(issued);
  }

  /**
   * The reconciler's write: the workflow's own state replaces whatever the read model holds at
   * the same version (a row changed or lost behind the projection's back).
   */
  async repair(projection: CaseProjection): Promise<void> {
    // Text Postgres would alter is made storable first, so what is sealed is what is kept.
    await this.issuePdfs(await this.write(this.personalData.sealProjection(storable(projection)), '<='));
  }

  /**
   * Each document this write issued becomes its PDF now, its SHA-256 registered, so the public
   * verification knows the file from the moment it exists. After the commit, and never failing the
   * projection: a document whose PDF cannot be made here (no font, say) is made by the API on its
   * first download, the same way.
   */
  private async issuePdfs(documentIds: readonly string[]): Promise<void> {
    if (!this.publicBaseUrl || !documentIds.length) return;
    const rows: Array<{ id: string; case_id: string; kind: string; title: string; issued_at: Date; body: Record<string, unknown>; number: string | null; issuer: string | null }> =
      await this.dataSource.query(`SELECT id, case_id, kind, title, issued_at, body, number, issuer FROM documents WHERE id = ANY($1)`, [documentIds]);
    for (const d of rows) {
      if (!d.number || !d.issuer) continue;
      try {
        await issueDocumentPdf(this.dataSource, { id: d.id, caseId: d.case_id, kind: d.kind, title: d.title, issuedAt: d.issued_at, body: d.body, number: d.number, issuer: d.issuer as DepartmentCode }, this.publicBaseUrl);
      } catch (error) {
        logger.warn(`document ${d.id} (${d.number}): no PDF at issue, it is made on its first download: ${(error as Error).message}`);
      }
    }
  }

  /** Writes the projection in one transaction; answers the documents it was the first to write. */
  private async write({ snapshot: s, timeline, steps = [], documents = [], incidents = [] }: CaseProjection, newer: '<' | '<='): Promise<string[]> {
    return this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO cases (id, process, status, applicant_id, title, version, filed_at, decided_at, decision, application, assessment,
                            due_on, colour, paused, escalated, clock, enterprise_name, ended, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, now())
         ON CONFLICT (id) DO UPDATE SET
           status = EXCLUDED.status, title = EXCLUDED.title, version = EXCLUDED.version,
           decided_at = EXCLUDED.decided_at, decision = EXCLUDED.decision,
           application = EXCLUDED.application, assessment = EXCLUDED.assessment,
           due_on = EXCLUDED.due_on, colour = EXCLUDED.colour, paused = EXCLUDED.paused,
           escalated = EXCLUDED.escalated, clock = EXCLUDED.clock,
           enterprise_name = EXCLUDED.enterprise_name, ended = EXCLUDED.ended, updated_at = now()
         WHERE cases.version ${newer} EXCLUDED.version`,
        [
          s.id, s.process, s.status, s.applicantId, s.title, s.version, s.filedAt, s.decidedAt ?? null, s.decision ?? null, s.application, s.assessment ?? null,
          s.clock?.dueOn ?? null, s.clock?.colour ?? null, s.clock?.paused ?? false, s.escalated ?? false, s.clock ?? null,
          // What the lists show and search (受理编号 is given by the table's trigger, once).
          enterpriseNameOf(s), caseHasEnded(s.process, s.status),
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
             name = EXCLUDED.name, agency = EXCLUDED.agency, assignee_id = EXCLUDED.assignee_id, assignee_name = EXCLUDED.assignee_name,
             status = EXCLUDED.status, round = EXCLUDED.round, due_on = EXCLUDED.due_on, warn_on = EXCLUDED.warn_on,
             colour = EXCLUDED.colour, paused = EXCLUDED.paused, escalated = EXCLUDED.escalated,
             decided_at = EXCLUDED.decided_at, decision = EXCLUDED.decision, reason = EXCLUDED.reason,
             decided_by = EXCLUDED.decided_by, urges = EXCLUDED.urges, clock = EXCLUDED.clock, version = EXCLUDED.version,
             panel = EXCLUDED.panel
           WHERE steps.version ${newer} EXCLUDED.version`,
          rows.params,
        );
      }
      if (caseHasEnded(s.process, s.status)) {
        // Ended: its subject may be filed for again, from the commit that shows it ended (and what it issued).
        await em.query(`UPDATE subject_claims SET released_at = now() WHERE case_id = $1 AND released_at IS NULL`, [s.id]);
      }
      await writeRegister(em, s, newer);
      for (const i of incidents) {
        await em.query(
          `INSERT INTO incidents (id, case_id, department, what, opened_at, closed_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id) DO UPDATE SET closed_at = EXCLUDED.closed_at`,
          [i.id, s.id, i.department, i.what, i.openedAt, i.closedAt ?? null],
        );
      }
      const written: Array<{ id: string }> = [];
      for (const d of documents) {
        written.push(
          ...(await em.query(
            `INSERT INTO documents (id, case_id, kind, title, issued_at, body) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
            [d.id, s.id, d.kind, d.title, d.issuedAt, d.body],
          )),
        );
      }
      // 文号 for the documents this write is the first to hold (a retried one finds them numbered).
      const contract = processByCode(s.process);
      await numberDocuments(
        em,
        documents.filter((d) => written.some((w) => w.id === d.id)).map((d) => ({ id: d.id, issuer: issuingAgency(contract, d.kind, d.body), issuedAt: d.issuedAt })),
      );
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
      return written.map((w) => w.id);
    });
  }
}
