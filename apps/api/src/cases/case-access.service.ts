import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { caseIdOfStep, departmentName } from '../../../../libs/domain';
import type { Actor } from '../../../../libs/domain';
import { ApiError } from '../../../../libs/dto';
import { CaseRecord, StepRecord } from '../../../../libs/persistence';

/**
 * The one answer for a case a caller may not see and for a case that does not exist: the same
 * status, the same body, no id — so trying ids tells a stranger nothing, not even existence.
 */
export const caseNotFound = (): ApiError => new ApiError(404, 'case.notFound');
/** The same for a step: on a case the caller cannot see, or on no case at all. */
export const stepNotFound = (): ApiError => new ApiError(404, 'step.notFound');

/**
 * Who may see a case: its applicant, an agency with a step on it, an expert on its panel, any
 * supervisor. Everyone else is told it does not exist (404, as for a missing case).
 */
@Injectable()
export class CaseAccess {
  constructor(
    @InjectRepository(CaseRecord) private readonly cases: Repository<CaseRecord>,
    @InjectRepository(StepRecord) private readonly steps: Repository<StepRecord>,
  ) {}

  async canSee(actor: Actor, caseId: string, applicantId: string | undefined): Promise<boolean> {
    if (actor.role === 'supervisor') return true;
    if (actor.role === 'applicant') return Boolean(actor.applicantId) && actor.applicantId === applicantId;
    if (actor.role === 'agency') return Boolean(actor.agency) && this.steps.existsBy({ caseId, agency: actor.agency });
    if (actor.role === 'expert') return this.onPanel(actor, caseId);
    return false;
  }

  async assertCanSee(actor: Actor, caseId: string, applicantId: string | undefined): Promise<void> {
    if (!(await this.canSee(actor, caseId, applicantId))) throw caseNotFound();
  }

  private async onPanel(actor: Actor, caseId: string): Promise<boolean> {
    return this.steps
      .createQueryBuilder('s')
      .where(`s.case_id = :caseId AND s.panel -> 'members' @> :me::jsonb`, { caseId, me: JSON.stringify([{ userId: actor.userId }]) })
      .getExists();
  }

  async load(actor: Actor, caseId: string): Promise<CaseRecord> {
    const record = await this.cases.findOneBy({ id: caseId });
    if (!record) throw caseNotFound();
    await this.assertCanSee(actor, caseId, record.applicantId);
    return record;
  }

  /**
   * Before an agency or expert acts on a step: one who cannot see the step's case is told the
   * step does not exist (404, as for a missing one). An agency that can see the case — it has a
   * step of its own there — but names another agency's step knows the case exists, so it is told
   * plainly that the step is not its own (403). The workflow re-checks the assignment as it is now.
   */
  async assertMayActOnStep(actor: Actor, stepId: string): Promise<void> {
    const caseId = caseIdOfStep(stepId);
    if (!(await this.canSee(actor, caseId, undefined))) throw stepNotFound();
    if (actor.role !== 'agency') return;
    const step = await this.steps.findOne({ where: { id: stepId }, select: { id: true, agency: true } });
    if (step && step.agency !== actor.agency) throw new ApiError(403, 'step.otherAgency', { stepId, agencyName: departmentName(actor.agency!) });
  }
}
