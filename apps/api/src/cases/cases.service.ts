import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { ApiConfig } from '../../../../libs/config';
import { HighTechApplication, ProcessCode, caseIdFor } from '../../../../libs/domain';
import { CaseRecord, TimelineEntryRecord } from '../../../../libs/persistence';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal';
import { highTechCertification } from '../../../../workflows/high-tech.workflow';
import { CaseView, caseView } from './case-view';

export interface FiledCase {
  created: boolean;
  view: CaseView;
}

const title = (application: object) => String((application as { enterpriseName?: string }).enterpriseName ?? '');

/** Canonical JSON (sorted keys) so the same application always hashes the same. */
function requestHash(body: unknown): string {
  const canonical = JSON.stringify(body, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

@Injectable()
export class CasesService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(ApiConfig) private readonly config: ApiConfig,
    @InjectRepository(CaseRecord) private readonly cases: Repository<CaseRecord>,
    @InjectRepository(TimelineEntryRecord) private readonly timeline: Repository<TimelineEntryRecord>,
  ) {}

  /**
   * Files a high-tech application. The idempotency key is the workflow id, so a retried submit
   * finds the case it already made; the same key with a different application is a conflict.
   */
  async fileHighTech(idempotencyKey: string, application: HighTechApplication): Promise<FiledCase> {
    return this.file('high-tech', idempotencyKey, application, application.creditCode, (workflowId, memo) =>
      this.temporal.workflow.start(highTechCertification, {
        workflowId,
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [application],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        memo,
      }),
    );
  }

  private async file(
    process: ProcessCode,
    idempotencyKey: string,
    application: object,
    applicantId: string,
    start: (workflowId: string, memo: Record<string, unknown>) => Promise<unknown>,
  ): Promise<FiledCase> {
    const id = caseIdFor(process, idempotencyKey);
    const hash = requestHash(application);
    try {
      // The memo lets a retry be recognised, and the API describe a case not yet projected.
      await start(id, { requestHash: hash, process, applicantId });
      const view = await this.get(id);
      // Not projected yet: answer with what the applicant just sent rather than an empty shell.
      return { created: true, view: view.projected ? view : { ...view, application: { ...application }, title: title(application) } };
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    const existing = await this.temporal.workflow.getHandle(id).describe();
    if (existing.memo?.requestHash !== hash) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `Idempotency-Key ${idempotencyKey} was already used for a different application`,
        errors: [{ field: 'Idempotency-Key', rule: 'sameRequestForSameKey', message: 'a key may be reused only to retry the identical request' }],
      });
    }
    return { created: false, view: await this.get(id) };
  }

  async get(id: string): Promise<CaseView> {
    const record = await this.cases.findOneBy({ id });
    if (record) return caseView(record, await this.timeline.find({ where: { caseId: id }, order: { seq: 'ASC' } }));
    // Just filed: the workflow exists but its first projection has not landed yet.
    try {
      const { memo, startTime } = await this.temporal.workflow.getHandle(id).describe();
      return {
        id,
        process: String(memo?.process),
        status: 'verifying',
        applicantId: String(memo?.applicantId),
        title: '',
        filedAt: startTime.toISOString(),
        application: {},
        projected: false,
        timeline: [],
      };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new NotFoundException(`case ${id} not found`);
      throw error;
    }
  }
}
