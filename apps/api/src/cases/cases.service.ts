import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { ApiConfig } from '../../../../libs/config';
import {
  Actor,
  CorrectionNotice,
  DEFAULT_HIGH_TECH_OPTIONS,
  DEFAULT_LISTING_OPTIONS,
  DEFAULT_TALENT_OPTIONS,
  HighTechApplication,
  ListingApplication,
  TalentApplication,
  HighTechOptions,
  ProcessCode,
  SlaClock,
  answerCorrectionUpdate,
  caseIdFor,
  extendClockUpdate,
  maskPassport,
  withdrawUpdate,
} from '../../../../libs/domain';
import { CorrectionAnswerDto, ExtensionDto, WithdrawDto } from '../../../../libs/dto';
import { CaseRecord, DocumentRecord, PersonalDataSeal, PublicRegisterRecord, StepRecord, TimelineEntryRecord } from '../../../../libs/persistence';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal';
import { CalendarYearsService } from '../calendar/calendar-years.service';
import { ChangeFeed } from '../changes/change-feed.service';
import { etagMatches, readWhenChanged } from '../changes/long-poll';
import { highTechCertification } from '../../../../workflows/high-tech.workflow';
import { listingSupport } from '../../../../workflows/listing.workflow';
import { talentPermits } from '../../../../workflows/talent-permits.workflow';
import { WorkflowGateway } from '../workflow-gateway.service';
import { CaseAccess, caseNotFound } from './case-access.service';
import { FilingSubject } from './filing-subject';
import { FilingRules, START_DEADLINE_MS } from './filing-rules.service';
import { CaseSummaryView, CaseView, DocumentView, caseSummaryView, caseView, documentView } from './case-view';

export interface FiledCase {
  created: boolean;
  view: CaseView;
}

/**
 * A foreign talent's passport number and birth date rest sealed in the read model. They are
 * opened whole only for the parties with a step on the case (and the employer that filed); anyone
 * else who may see the case — a supervisor — sees them masked.
 */
function redactPersonalData<T>(actor: Actor, caseId: string, value: T, seal: PersonalDataSeal): T {
  const whole = actor.role === 'applicant' || actor.role === 'agency';
  return seal.open(caseId, value, (field, plain) => (whole ? plain : field === 'passportNumber' ? maskPassport(plain) : '****-**-**'));
}

/** Canonical JSON (sorted keys) so the same application always hashes the same. */
function requestHash(body: unknown): string {
  const canonical = JSON.stringify(body, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

function keyReused(idempotencyKey: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `Idempotency-Key ${idempotencyKey} was already used for a different application`,
    errors: [{ field: 'Idempotency-Key', rule: 'sameRequestForSameKey', message: 'a key may be reused only to retry the identical request' }],
  });
}

/** A case the read model has not heard of yet, described from its workflow's memo. */
function unprojectedView(id: string, memo: Record<string, unknown>, filedAt: Date): CaseView {
  return {
    id,
    process: String(memo.process),
    status: 'verifying',
    applicantId: String(memo.applicantId),
    title: String(memo.title ?? ''),
    filedAt: filedAt.toISOString(),
    application: {},
    escalated: false,
    artefacts: [],
    steps: [],
    projected: false,
    version: 0,
    timeline: [],
  };
}

/** A case's entity tag: its read-model version, which every projection raises. */
const caseEtag = (version: number): string => `W/"v${version}"`;

@Injectable()
export class CasesService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(ApiConfig) private readonly config: ApiConfig,
    @InjectRepository(CaseRecord) private readonly cases: Repository<CaseRecord>,
    @InjectRepository(DocumentRecord) private readonly documents: Repository<DocumentRecord>,
    @InjectRepository(PublicRegisterRecord) private readonly register: Repository<PublicRegisterRecord>,
    private readonly access: CaseAccess,
    private readonly gateway: WorkflowGateway,
    private readonly changes: ChangeFeed,
    private readonly calendarYears: CalendarYearsService,
    private readonly rules: FilingRules,
  ) {}

  private seal?: PersonalDataSeal;
  /** Opens the read model's sealed personal data, with the payload keys the Temporal client uses. */
  private get personalData(): PersonalDataSeal {
    return (this.seal ??= PersonalDataSeal.fromSettings(this.config));
  }

  /** The limits every new case carries: configuration, read once, handed to the workflow. */
  highTechOptions(): HighTechOptions {
    const c = this.config;
    return {
      ...DEFAULT_HIGH_TECH_OPTIONS,
      acceptanceWindowDays: c.HIGH_TECH_ACCEPTANCE_WINDOW_DAYS,
      decisionLimitDays: c.HIGH_TECH_DECISION_LIMIT_DAYS,
      formalReviewDays: c.HIGH_TECH_FORMAL_REVIEW_DAYS,
      warnDaysBefore: c.SLA_WARN_DAYS_BEFORE,
      expertReviewDays: c.HIGH_TECH_EXPERT_REVIEW_DAYS,
      expertPanelSize: c.HIGH_TECH_EXPERT_PANEL_SIZE,
      expertPassScore: c.HIGH_TECH_EXPERT_PASS_SCORE,
      jointReviewDays: c.HIGH_TECH_JOINT_REVIEW_DAYS,
      publicNoticeDays: c.HIGH_TECH_PUBLIC_NOTICE_DAYS,
      publicNoticeSeconds: c.HIGH_TECH_PUBLIC_NOTICE_SECONDS,
      spotCheckPercent: c.HIGH_TECH_SPOT_CHECK_PERCENT,
      departmentIncidentSeconds: c.DEPARTMENT_INCIDENT_SECONDS,
    };
  }

  /**
   * Files a high-tech application. The idempotency key is the workflow id, so a retried submit
   * finds the case it already made; the same key with a different application is a conflict.
   */
  async fileHighTech(actor: Actor, idempotencyKey: string, application: HighTechApplication): Promise<FiledCase> {
    this.assertActsFor(actor, application.creditCode);
    const calendar = await this.calendarYears.caseCalendar();
    const recertification = (caseId: string) => this.rules.assertRecertificationOpen(application.creditCode, caseId);
    return this.file(actor, 'high-tech', idempotencyKey, application, this.rules.enterprise(application.creditCode), recertification, (workflowId, memo) =>
      this.temporal.workflow.start(highTechCertification, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [{ application, options: this.highTechOptions(), filedBy: actor, calendar }],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        memo,
      }),
    );
  }

  /** Files for 即报即审 listing support; the same idempotency rules as every process. */
  async fileListing(actor: Actor, idempotencyKey: string, application: ListingApplication): Promise<FiledCase> {
    this.assertActsFor(actor, application.creditCode);
    const calendar = await this.calendarYears.caseCalendar();
    return this.file(actor, 'listing', idempotencyKey, application, this.rules.enterprise(application.creditCode), undefined, (workflowId, memo) =>
      this.temporal.workflow.start(listingSupport, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [{ application, options: { ...DEFAULT_LISTING_OPTIONS, warnDaysBefore: this.config.SLA_WARN_DAYS_BEFORE, departmentIncidentSeconds: this.config.DEPARTMENT_INCIDENT_SECONDS }, filedBy: actor, calendar }],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        memo,
      }),
    );
  }

  /** 两证联办: the hiring enterprise files for its foreign talent, once, with one set of materials. */
  async fileTalentPermits(actor: Actor, idempotencyKey: string, application: TalentApplication): Promise<FiledCase> {
    this.assertActsFor(actor, application.employerCreditCode);
    const calendar = await this.calendarYears.caseCalendar();
    return this.file(actor, 'talent-permits', idempotencyKey, application, this.rules.talent(application), undefined, (workflowId, memo) =>
      this.temporal.workflow.start(talentPermits, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [{ application, options: { ...DEFAULT_TALENT_OPTIONS, warnDaysBefore: this.config.SLA_WARN_DAYS_BEFORE, departmentIncidentSeconds: this.config.DEPARTMENT_INCIDENT_SECONDS }, filedBy: actor, calendar }],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        memo: { ...memo, title: `${application.employerName} · ${application.talent.position}` },
      }),
    );
  }

  private assertActsFor(actor: Actor, creditCode: string): void {
    if (actor.applicantId !== creditCode) {
      throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: `you act for ${actor.applicantId}; creditCode ${creditCode} is another enterprise's` });
    }
  }

  /** 一键下载: every department's result and the verification code, as one file. */
  async complianceBundle(actor: Actor, id: string): Promise<{ filename: string; bundle: Record<string, unknown> }> {
    await this.access.load(actor, id);
    const report = await this.register.findOne({ where: { caseId: id, kind: 'compliance-report' }, order: { issuedAt: 'DESC' } });
    if (!report) throw new NotFoundException(`case ${id} has no compliance report yet`);
    return {
      filename: `compliance-${report.number}.json`,
      bundle: {
        title: report.title,
        code: report.number,
        verifyAt: `/verify/compliance/${report.number}`,
        enterpriseName: report.holderName,
        creditCode: report.holderCreditCode,
        issuedAt: report.issuedAt?.toISOString(),
        status: report.status,
        results: report.details.entries,
      },
    };
  }

  /**
   * One open case per subject: the claim is taken before the workflow starts (409 naming the
   * case that holds it), and given back if the filing goes no further. A retry under the same
   * Idempotency-Key finds its own claim and is answered as before: 200 with its case.
   */
  private async file(
    actor: Actor,
    process: ProcessCode,
    idempotencyKey: string,
    application: object,
    subject: FilingSubject,
    precondition: ((caseId: string) => Promise<void>) | undefined,
    start: (workflowId: string, memo: Record<string, unknown>) => Promise<unknown>,
  ): Promise<FiledCase> {
    const id = caseIdFor(process, idempotencyKey);
    const hash = requestHash(application);
    const claim = await this.rules.claim(process, subject, id);
    if (claim === 'other-application') throw keyReused(idempotencyKey);
    if (claim === 'claimed' || claim === 'in-flight') {
      try {
        await precondition?.(id);
        // The memo lets a retry be recognised, and the API describe a case not yet projected.
        const memo = { requestHash: hash, process, applicantId: actor.applicantId, title: (application as { enterpriseName?: string }).enterpriseName ?? '' };
        const filedAt = new Date();
        // Bounded, so a start never outlives the grace period after which its claim may be overtaken.
        await this.temporal.withDeadline(Date.now() + START_DEADLINE_MS, () => start(id, memo));
        // Just started: its first projection is milliseconds away, so answer from what was sent rather than ask anyone.
        return { created: true, view: unprojectedView(id, memo, filedAt) };
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
          // Only the request that took the claim gives it back; a twin in flight leaves it to that one.
          if (claim === 'claimed') await this.rules.abandon(id);
          throw error;
        }
      }
    }
    const { memo } = await this.temporal.workflow.getHandle(id).describe();
    if (memo?.requestHash !== hash || memo?.applicantId !== actor.applicantId) {
      // A claim just taken under a key that already names another application's case (filed before claims existed) is not its own.
      if (claim === 'claimed') await this.rules.drop(id);
      throw keyReused(idempotencyKey);
    }
    return { created: false, view: await this.get(actor, id) };
  }

  async list(actor: Actor, filter: { status?: string; process?: string; limit: number; offset: number }): Promise<CaseSummaryView[]> {
    const qb = this.cases.createQueryBuilder('c').orderBy('c.filed_at', 'DESC').limit(filter.limit).offset(filter.offset);
    if (actor.role === 'applicant') qb.andWhere('c.applicant_id = :me', { me: actor.applicantId });
    if (actor.role === 'agency') qb.andWhere('EXISTS (SELECT 1 FROM steps s WHERE s.case_id = c.id AND s.agency = :agency)', { agency: actor.agency });
    if (actor.role === 'expert') {
      qb.andWhere(`EXISTS (SELECT 1 FROM steps s WHERE s.case_id = c.id AND s.panel -> 'members' @> :me::jsonb)`, { me: JSON.stringify([{ userId: actor.userId }]) });
    }
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.process) qb.andWhere('c.process = :process', { process: filter.process });
    return (await qb.getMany()).map(caseSummaryView);
  }

  /**
   * The case as a conditional, optionally long, poll. Without `known` (the client's ETag) it is a
   * plain read. With it, one cheap query of the case's version (after the access check) tells
   * whether the client is current; if so and it may wait, the change feed wakes us when the case
   * is projected again. No view in the answer means the client's copy is still current.
   */
  async getChanged(actor: Actor, id: string, known: string | undefined, waitMs: number): Promise<{ etag: string; view?: CaseView }> {
    if (!known) {
      const view = await this.get(actor, id);
      return { etag: caseEtag(view.version), view };
    }
    const current = await readWhenChanged(this.changes, [`case:${id}`], known, waitMs, async () => {
      const [row] = (await this.cases.query('SELECT version, applicant_id FROM cases WHERE id = $1', [id])) as Array<{ version: number; applicant_id: string }>;
      if (!row) {
        const view = await this.get(actor, id);
        return { etag: caseEtag(view.version), body: view };
      }
      await this.access.assertCanSee(actor, id, row.applicant_id);
      return { etag: caseEtag(row.version) };
    });
    if (etagMatches(known, current.etag)) return { etag: current.etag };
    const view = current.body ?? (await this.get(actor, id));
    return { etag: caseEtag(view.version), view };
  }

  async get(actor: Actor, id: string): Promise<CaseView> {
    // One snapshot of the read model: a projection committing between reads must not pair a
    // new step with an old case row.
    const found = await this.cases.manager.transaction('REPEATABLE READ', async (em) => {
      const record = await em.findOneBy(CaseRecord, { id });
      if (!record) return undefined;
      const timeline = await em.find(TimelineEntryRecord, { where: { caseId: id }, order: { seq: 'ASC' } });
      const steps = await em.find(StepRecord, { where: { caseId: id }, order: { openedAt: 'ASC' } });
      const register = await em.find(PublicRegisterRecord, { where: { caseId: id }, order: { issuedOn: 'ASC', number: 'ASC' } });
      return { record, timeline, steps, register };
    });
    if (found) {
      await this.access.assertCanSee(actor, id, found.record.applicantId);
      return redactPersonalData(actor, id, caseView(found.record, found.timeline, found.steps, found.register), this.personalData);
    }
    // Just filed: the workflow exists but its first projection has not landed yet.
    try {
      const { memo, startTime } = await this.temporal.workflow.getHandle(id).describe();
      await this.access.assertCanSee(actor, id, typeof memo?.applicantId === 'string' ? memo.applicantId : undefined);
      return unprojectedView(id, memo ?? {}, startTime);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw caseNotFound();
      throw error;
    }
  }

  async notices(actor: Actor, id: string): Promise<DocumentView[]> {
    await this.access.load(actor, id);
    const documents = (await this.documents.find({ where: { caseId: id }, order: { issuedAt: 'ASC' } })).map(documentView);
    return redactPersonalData(actor, id, documents, this.personalData);
  }

  async document(actor: Actor, id: string, docId: string): Promise<DocumentView> {
    await this.access.load(actor, id);
    const doc = await this.documents.findOneBy({ id: docId, caseId: id });
    if (!doc) throw new NotFoundException(`no document ${docId} on case ${id}`);
    return redactPersonalData(actor, id, documentView(doc), this.personalData);
  }

  async answerCorrection(actor: Actor, id: string, dto: CorrectionAnswerDto): Promise<CorrectionNotice> {
    await this.access.load(actor, id);
    return this.gateway.update(id, answerCorrectionUpdate, { actor, responses: dto.responses.map((r) => ({ item: r.item, response: r.response })) });
  }

  async withdraw(actor: Actor, id: string, dto: WithdrawDto): Promise<void> {
    await this.access.load(actor, id);
    await this.gateway.update(id, withdrawUpdate, { actor, reason: dto.reason });
  }

  async extend(actor: Actor, id: string, dto: ExtensionDto): Promise<SlaClock> {
    await this.access.load(actor, id);
    return this.gateway.update(id, extendClockUpdate, { actor, clockId: dto.clockId, days: dto.days, reason: dto.reason });
  }
}
