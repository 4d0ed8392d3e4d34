import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CaseProjection } from '../libs/domain';

/**
 * Writes what a workflow reports into the Postgres read model. Idempotent, so a retried
 * activity never doubles a timeline entry or rolls a case back: the case row only moves to a
 * higher version, and timeline entries are keyed by (case, seq).
 */
@Injectable()
export class ReadModelActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async project({ snapshot: s, timeline }: CaseProjection): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO cases (id, process, status, applicant_id, title, version, filed_at, decided_at, decision, application, assessment, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
         ON CONFLICT (id) DO UPDATE SET
           status = EXCLUDED.status, title = EXCLUDED.title, version = EXCLUDED.version,
           decided_at = EXCLUDED.decided_at, decision = EXCLUDED.decision,
           application = EXCLUDED.application, assessment = EXCLUDED.assessment, updated_at = now()
         WHERE cases.version < EXCLUDED.version`,
        [s.id, s.process, s.status, s.applicantId, s.title, s.version, s.filedAt, s.decidedAt ?? null, s.decision ?? null, s.application, s.assessment ?? null],
      );
      for (const e of timeline) {
        await em.query(
          `INSERT INTO timeline_entries (case_id, seq, at, actor, role, agency, action, reason, detail)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (case_id, seq) DO NOTHING`,
          [s.id, e.seq, e.at, e.actor, e.role, e.agency ?? null, e.action, e.reason ?? null, e.detail ?? null],
        );
      }
    });
  }
}
