import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { ApiConfig } from '../../../../libs/config';
import { Actor, CorrectionNotice, ENGINE_MATERIALS, MaterialReference, SlaClock, answerCorrectionUpdate, seesPersonalDataWhole, caseIdFor, extendClockUpdate, withdrawUpdate } from '../../../../libs/domain';
import { ApiError, CorrectionAnswerDto, ExtensionDto, WithdrawDto, problem } from '../../../../libs/dto';
import { EngineOptions, PROCESS_CODES, ProcessDefinition, processByCode } from '../../../../libs/processes';
import { CaseRecord, DocumentRecord, PersonalDataSeal, PublicRegisterRecord, StepRecord, TimelineEntryRecord } from '../../../../libs/persistence';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal';
import { CalendarYearsService } from '../calendar/calendar-years.service';
import { ChangeFeed } from '../changes/change-feed.service';
import { etagMatches, readWhenChanged } from '../changes/long-poll';
import { WorkflowGateway } from '../workflow-gateway.service';
import { maskPersonalFileNames, withoutInternalFiles } from '../materials/material-rules';
import { MaterialsService } from '../materials/materials.service';
import { blindStep, blindTimeline } from './blind-review';
import { CaseAccess, caseNotFound } from './case-access.service';
import { FilingRules, START_DEADLINE_MS } from './filing-rules.service';
import { CaseSummaryView, CaseView, DocumentView, caseSummaryView, caseView, documentView } from './case-view';
import { DocumentFiles, type DocumentPdf } from '../documents/document-files.service';

export interface FiledCase {
  created: boolean;
  view: CaseView;
}

/**
 * Personal data (a foreign talent's passport number and birth date) rests sealed in the read
 * model. It is opened whole only for the parties with a step on the case (and the applicant that
 * filed); anyone else who may see the case — a supervisor — sees it as the case's process masks it.
 */
function redactPersonalData<T>(actor: Actor, process: string, caseId: string, value: T, seal: PersonalDataSeal): T {
  const whole = seesPersonalDataWhole(actor.role);
  const definition = processByCode(process);
  const policy = definition?.personalData;
  // A field sealed for another process's sake, on a case whose process does not mask it: hidden entirely.
  const opened = seal.open(caseId, value, (field, plain) => (whole ? plain : policy?.fields.includes(field) ? policy.mask(field, plain) : '****'));
  // An official's internal working paper (专家意见) is not the applicant's to see.
  if (actor.role === 'applicant') return withoutInternalFiles(opened, ENGINE_MATERIALS);
  // A passport scan's file name may carry the person's name: masked with the rest.
  return whole ? opened : maskPersonalFileNames(opened, definition?.materials ?? []);
}

/** 404 naming the process asked for, and the ones there are. */
function unknownProcess(code: string): ApiError {
  const params = { process: code.slice(0, 64), processes: [...PROCESS_CODES] };
  return new ApiError(404, 'process.unknown', params, { errors: [problem('process', 'registeredProcess', 'process.unknown', params)] });
}

/** Canonical JSON (sorted keys) so the same application always hashes the same. */
function requestHash(body: unknown): string {
  const canonical = JSON.stringify(body, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

function keyReused(idempotencyKey: string): ApiError {
  return new ApiError(409, 'filing.keyReused', { key: idempotencyKey }, { errors: [problem('Idempotency-Key', 'sameRequestForSameKey', 'filing.sameRequestForSameKey')] });
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
    private readonly files: DocumentFiles,
    private readonly materials: MaterialsService,
  ) {}


  private seal?: PersonalDataSeal;
  /** Opens the read model's sealed personal data, with the payload keys the Temporal client uses. */
  private get personalData(): PersonalDataSeal {
    return (this.seal ??= PersonalDataSeal.fromSettings(this.config));
  }

  /** The process named in the path, or 404. */
  process(code: string): ProcessDefinition {
    const process = processByCode(code);
    if (!process) throw unknownProcess(code);
    return process;
  }

  /** The limits every new case of the process carries: configuration, read once at start, handed to the workflow. */
  optionsFor(process: ProcessDefinition): EngineOptions {
    return this.config.processOptions[process.code];
  }

  /**
   * Files an application (already validated against the process's DTO). The idempotency key is
   * the workflow id, so a retried submit finds the case it already made; the same key with a
   * different application is a conflict. The workflow is started by its type name: the API
   * imports no workflow code.
   */
  async fileCase(actor: Actor, process: ProcessDefinition, idempotencyKey: string, validated: object, named?: unknown): Promise<FiledCase> {
    this.assertActsFor(actor, process.applicantOf(validated));
    // The workflow gets each file's reference (kind, name, size, type, SHA-256), never its bytes or a URL.
    const materials = await this.materials.forFiling(actor, process.code, named, caseIdFor(process.code, idempotencyKey));
    const application = materials.length ? { ...validated, materials } : validated;
    const calendar = await this.calendarYears.caseCalendar();
    const refilingBar = process.refilingBar ? (caseId: string) => this.rules.assertMayFileAgain(process, application, caseId) : undefined;
    return this.file(actor, process, idempotencyKey, application, materials, refilingBar, (workflowId, memo) =>
      this.temporal.workflow.start(process.workflowType, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [{ application, options: this.optionsFor(process), filedBy: actor, calendar }],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        memo,
      }),
    );
  }

  private assertActsFor(actor: Actor, creditCode: string): void {
    if (actor.applicantId !== creditCode) {
      throw new ApiError(403, 'filing.otherEnterprise', { applicantId: actor.applicantId ?? '', creditCode });
    }
  }

  /** 一键下载: every department's result and the verification code, as one file. */
  async complianceBundle(actor: Actor, id: string): Promise<{ filename: string; bundle: Record<string, unknown> }> {
    await this.access.load(actor, id);
    const report = await this.register.findOne({ where: { caseId: id, kind: 'compliance-report' }, order: { issuedAt: 'DESC' } });
    if (!report) throw new ApiError(404, 'compliance.noReport', { caseId: id });
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
    process: ProcessDefinition,
    idempotencyKey: string,
    application: object,
    materials: readonly MaterialReference[],
    precondition: ((caseId: string) => Promise<void>) | undefined,
    start: (workflowId: string, memo: Record<string, unknown>) => Promise<unknown>,
  ): Promise<FiledCase> {
    const id = caseIdFor(process.code, idempotencyKey);
    const hash = requestHash(application);
    const claim = await this.rules.claim(process, this.rules.subject(process, application), id);
    if (claim === 'other-application') throw keyReused(idempotencyKey);
    let attached: string[] = [];
    if (claim === 'claimed' || claim === 'in-flight') {
      try {
        await precondition?.(id);
        attached = await this.materials.attach(actor, materials, id, 'filing');
        // The memo lets a retry be recognised, and the API describe a case not yet projected.
        const memo = { requestHash: hash, process: process.code, applicantId: actor.applicantId, title: process.titleOf(application) };
        const filedAt = new Date();
        // Bounded, so a start never outlives the grace period after which its claim may be overtaken.
        await this.temporal.withDeadline(Date.now() + START_DEADLINE_MS, () => start(id, memo));
        // Just started: its first projection is milliseconds away, so answer from what was sent rather than ask anyone.
        return { created: true, view: unprojectedView(id, memo, filedAt) };
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
          // Only the request that took the claim gives it back; a twin in flight leaves it to that one.
          if (claim === 'claimed') await this.rules.abandon(id);
          await this.materials.detach(attached, id);
          throw error;
        }
      }
    }
    const { memo } = await this.temporal.workflow.getHandle(id).describe();
    if (memo?.requestHash !== hash || memo?.applicantId !== actor.applicantId) {
      // A claim just taken under a key that already names another application's case (filed before claims existed) is not its own.
      if (claim === 'claimed') await this.rules.drop(id);
      await this.materials.detach(attached, id);
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
      const view = redactPersonalData(actor, found.record.process, id, caseView(found.record, found.timeline, found.steps, found.register), this.personalData);
      // An expert sees no other member's score while the panel sits (blind review).
      return actor.role === 'expert' ? { ...view, steps: view.steps.map((s) => blindStep(actor, s)), timeline: blindTimeline(actor, view.timeline, view.steps) } : view;
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
    const { process } = await this.access.load(actor, id);
    const documents = (await this.documents.find({ where: { caseId: id }, order: { issuedAt: 'ASC' } })).map(documentView);
    return redactPersonalData(actor, process, id, documents, this.personalData);
  }

  async document(actor: Actor, id: string, docId: string): Promise<DocumentView> {
    const { process } = await this.access.load(actor, id);
    const doc = await this.documents.findOneBy({ id: docId, caseId: id });
    if (!doc) throw new ApiError(404, 'document.notFound', { caseId: id, documentId: docId.slice(0, 64) });
    return redactPersonalData(actor, process, id, documentView(doc), this.personalData);
  }

  /** The document's PDF, to whoever may see the case. */
  async documentPdf(actor: Actor, id: string, docId: string): Promise<DocumentPdf> {
    await this.access.load(actor, id);
    const doc = await this.documents.findOneBy({ id: docId, caseId: id });
    if (!doc) throw new ApiError(404, 'document.notFound', { caseId: id, documentId: docId.slice(0, 64) });
    return this.files.pdfOf(doc);
  }

  /** 一键下载: the case's latest compliance report — the 12 departments' answers — as one PDF, rendered once and kept. */
  async complianceBundlePdf(actor: Actor, id: string): Promise<DocumentPdf> {
    await this.access.load(actor, id);
    const doc = await this.documents.findOne({ where: { caseId: id, kind: 'compliance-report' }, order: { issuedAt: 'DESC' } });
    if (!doc) throw new ApiError(404, 'compliance.noReport', { caseId: id });
    return this.files.pdfOf(doc);
  }

  async answerCorrection(actor: Actor, id: string, dto: CorrectionAnswerDto): Promise<CorrectionNotice> {
    await this.access.load(actor, id);
    const materials = await this.materials.forCorrection(actor, id, dto.materials);
    const responses = dto.responses.map((r) => ({ item: r.item, response: r.response }));
    const attached = await this.materials.attach(actor, materials, id, 'correction');
    try {
      return await this.gateway.update(id, answerCorrectionUpdate, { actor, responses, ...(materials.length && { materials }) });
    } catch (error) {
      // The workflow refused the answer: the files are the applicant's to use again.
      await this.materials.detach(attached, id);
      throw error;
    }
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
