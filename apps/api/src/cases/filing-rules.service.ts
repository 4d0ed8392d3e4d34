import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { ApiConfig } from '../../../../libs/config';
import { beijingDate } from '../../../../libs/domain';
import { ApiError, problem } from '../../../../libs/dto';
import type { ProcessDefinition, RefilingBar } from '../../../../libs/processes';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal';
import { FilingSubject, FilingSubjects } from './filing-subject';

/**
 * How long a claim may name a case whose workflow does not exist before another filing may take
 * it over: the API stopped between claiming and starting. Well above the deadline the API gives
 * a start (`START_DEADLINE_MS`), so a start still under way is never overtaken.
 */
export const CLAIM_GRACE_SECONDS = 60;
export const START_DEADLINE_MS = 20_000;

/**
 * What `claim` found. `claimed`: the subject is this case's now, start it. `in-flight`: the same
 * request under the same key is starting the case this moment; start it too (Temporal keeps
 * one). `filed-before`: this case id (process and Idempotency-Key) was filed before, answer it
 * as a retry. `other-application`: the key is being used, this very moment, for another subject.
 */
export type ClaimOutcome = 'claimed' | 'in-flight' | 'filed-before' | 'other-application';

interface ClaimRow {
  case_id: string;
  subject: string;
  released: boolean;
  /** Older than the grace period, by the database's clock (one clock for every API instance). */
  stale: boolean;
}

const STALE = `claimed_at < now() - make_interval(secs => ${CLAIM_GRACE_SECONDS})`;
const CLAIM_COLUMNS = `case_id, subject, released_at IS NOT NULL AS released, ${STALE} AS stale`;

/**
 * The rules a filing meets before any workflow starts: one open case per subject and process,
 * atomically (a claim row behind a partial unique index, never a read-then-write), and a
 * process's own bar to filing again (高新技术企业: no new certification while a valid certificate
 * has more than its last year to run). What the subject is, and what bars, each process's
 * contract says.
 */
@Injectable()
export class FilingRules {
  private readonly subjects: FilingSubjects;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(ApiConfig) config: ApiConfig,
  ) {
    this.subjects = new FilingSubjects(config.TEMPORAL_PAYLOAD_KEY, config.TEMPORAL_PAYLOAD_PREVIOUS_KEYS);
  }

  /** What a filing of this process is about, keyed for the claim. */
  subject(process: ProcessDefinition, application: unknown): FilingSubject {
    return this.subjects.of(process.subjectOf(application));
  }

  /**
   * Takes the subject's one open-case slot for `caseId`, or answers 409 naming the case that
   * holds it. A holder is overtaken only when it has no running workflow: its workflow ended
   * without the release being projected (terminated, failed), or it never started and the grace
   * period has passed.
   */
  async claim(process: ProcessDefinition, subject: FilingSubject, caseId: string): Promise<ClaimOutcome> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const inserted: unknown[] = await this.db.query(
        `INSERT INTO subject_claims (case_id, process, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING case_id`,
        [caseId, process.code, subject.keys[0]],
      );
      if (inserted.length && subject.keys.length === 1) return 'claimed';
      if (!inserted.length) {
        const [own] = (await this.db.query(`SELECT ${CLAIM_COLUMNS} FROM subject_claims WHERE case_id = $1`, [caseId])) as ClaimRow[];
        if (own) {
          const outcome = await this.ownClaim(own, subject);
          if (outcome) return outcome;
          continue;
        }
      }
      // Someone else holds the subject: under the current key (the insert lost), or a rotated-out one.
      const holders = (await this.db.query(
        `SELECT ${CLAIM_COLUMNS} FROM subject_claims WHERE process = $1 AND subject = ANY($2) AND released_at IS NULL AND case_id <> $3 ORDER BY claimed_at`,
        [process.code, subject.keys, caseId],
      )) as ClaimRow[];
      let holder: string | undefined;
      for (const h of holders) if (!(await this.overtakeAbandoned(h))) holder ??= h.case_id;
      if (holder) {
        if (inserted.length) await this.drop(caseId);
        throw openCaseConflict(process, subject, holder);
      }
      if (inserted.length) return 'claimed';
    }
    throw new ApiError(503, 'filing.concurrent');
  }

  /** This case id's own claim: a retry, the same request racing itself, or an orphan. Undefined: freed, try again. */
  private async ownClaim(own: ClaimRow, subject: FilingSubject): Promise<ClaimOutcome | undefined> {
    // Released only ever by its case's projection (or once its workflow was seen closed): it ran.
    if (own.released || (await this.workflowState(own.case_id)) !== 'missing') return 'filed-before';
    // Claimed, not started: the API stopped in between, or the first request with this key is starting it now.
    if (own.stale) {
      await this.dropStale(own.case_id);
      return undefined;
    }
    return subject.keys.includes(own.subject) ? 'in-flight' : 'other-application';
  }

  /** True when `h` no longer stands in the way: its workflow has ended, or never started in time. */
  private async overtakeAbandoned(h: ClaimRow): Promise<boolean> {
    const state = await this.workflowState(h.case_id);
    if (state === 'running') return false;
    if (state === 'closed') {
      // Ended without its release projected (terminated by an operator, failed): release it now.
      await this.db.query(`UPDATE subject_claims SET released_at = now() WHERE case_id = $1 AND released_at IS NULL`, [h.case_id]);
      return true;
    }
    if (!h.stale) return false; // being started right now
    await this.dropStale(h.case_id);
    return true;
  }

  private async workflowState(caseId: string): Promise<'running' | 'closed' | 'missing'> {
    try {
      const { status } = await this.temporal.workflow.getHandle(caseId).describe();
      return status.name === 'RUNNING' ? 'running' : 'closed';
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return 'missing';
      throw error;
    }
  }

  /** Removes an orphaned claim, unless it was claimed afresh since it was seen stale. */
  private async dropStale(caseId: string): Promise<void> {
    await this.db.query(`DELETE FROM subject_claims WHERE case_id = $1 AND released_at IS NULL AND ${STALE}`, [caseId]);
  }

  /** Gives up a claim this request took and will not start. */
  async drop(caseId: string): Promise<void> {
    await this.db.query(`DELETE FROM subject_claims WHERE case_id = $1 AND released_at IS NULL`, [caseId]);
  }

  /**
   * After a start that failed, or a rule that refused: frees the claim unless the workflow exists
   * after all. If Temporal cannot even say, the claim stays, and the grace period frees it.
   */
  async abandon(caseId: string): Promise<void> {
    const state = await this.workflowState(caseId).catch(() => undefined);
    if (state === 'missing') await this.drop(caseId);
  }

  /**
   * A process's bar to filing again (its contract's `refilingBar`): the enterprise's newest valid
   * entry of that kind in the public register stands in the way until `opensOn` its validity
   * (高新技术企业证书: the first day of its last year, 重新认定). Checked after the claim: the entry of
   * the case that held it is written in the transaction that released it.
   */
  async assertMayFileAgain(process: ProcessDefinition, application: unknown, caseId: string): Promise<void> {
    const bar = process.refilingBar;
    if (!bar) return;
    const today = beijingDate(new Date());
    const entry = await this.standingEntry(bar, process.applicantOf(application), today, caseId, bar.sameSubject?.(application) ?? {});
    if (!entry) return;
    const opensOn = bar.opensOn(entry.validUntil);
    if (opensOn !== undefined && today >= opensOn) return;
    // The process words its own refusal (in Chinese, its contract's); the code and dates say it for any reader.
    const params = { refusal: bar.refusal(entry, opensOn), number: entry.number, validUntil: entry.validUntil, recertificationFrom: opensOn };
    if (bar.sameSubject) {
      // Barred for this subject (a product rewarded once), not for the enterprise: the subject's field is named.
      const field = process.subjectOf(application).field;
      throw new ApiError(409, 'filing.grantedBefore', params, { errors: [problem(field, 'grantedBefore', 'filing.grantedBefore', params)], grantedBefore: { kind: bar.entry, number: entry.number, issuedOn: entry.issuedOn } });
    }
    throw new ApiError(409, 'filing.validCertificate', params, {
      errors: [problem('creditCode', 'validCertificate', 'filing.validCertificate', params)],
      certificate: { number: entry.number, validUntil: entry.validUntil, recertificationFrom: opensOn },
    });
  }

  /**
   * The enterprise's valid register entry of the bar's kind (about the same subject, when the bar
   * says which) that lasts longest — one without an end first — from a case other than this one.
   */
  private async standingEntry(bar: RefilingBar, creditCode: string, today: string, caseId: string, subject: Record<string, unknown>): Promise<{ number: string; validUntil: string | null; issuedOn: string } | undefined> {
    const [entry] = (await this.db.query(
      `SELECT number, to_char(valid_until, 'YYYY-MM-DD') AS "validUntil", to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn" FROM public_register
        WHERE kind = $4 AND holder_credit_code = $1 AND status = 'valid' AND (valid_until IS NULL OR valid_until >= $2) AND case_id <> $3 AND details @> $5::jsonb
        ORDER BY valid_until DESC NULLS FIRST LIMIT 1`,
      [creditCode, today, caseId, bar.entry, JSON.stringify(subject)],
    )) as Array<{ number: string; validUntil: string | null; issuedOn: string }>;
    return entry;
  }
}

function openCaseConflict(process: ProcessDefinition, subject: FilingSubject, caseId: string): ApiError {
  const params = { subject: subject.described, processName: process.names.zh, process: process.code, caseId };
  return new ApiError(409, 'filing.oneOpenCase', params, { errors: [problem(subject.field, 'oneOpenCase', 'filing.oneOpenCase', params)], openCase: { id: caseId } });
}
