import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../../../../libs/domain';
import { CaseRecord, StepRecord } from '../../../../libs/persistence';

/**
 * Who may see a case: its applicant, an agency with a step on it, any supervisor. Everyone
 * else gets 403 — never the case, never a hint of its content.
 */
@Injectable()
export class CaseAccess {
  constructor(
    @InjectRepository(CaseRecord) private readonly cases: Repository<CaseRecord>,
    @InjectRepository(StepRecord) private readonly steps: Repository<StepRecord>,
  ) {}

  async assertCanSee(actor: Actor, caseId: string, applicantId: string): Promise<void> {
    if (actor.role === 'supervisor') return;
    if (actor.role === 'applicant' && actor.applicantId === applicantId) return;
    if (actor.role === 'agency' && actor.agency && (await this.steps.existsBy({ caseId, agency: actor.agency }))) return;
    if (actor.role === 'expert' && (await this.onPanel(actor, caseId))) return;
    throw new ForbiddenException(`case ${caseId} is not yours to see`);
  }

  private async onPanel(actor: Actor, caseId: string): Promise<boolean> {
    return this.steps
      .createQueryBuilder('s')
      .where(`s.case_id = :caseId AND s.panel -> 'members' @> :me::jsonb`, { caseId, me: JSON.stringify([{ userId: actor.userId }]) })
      .getExists();
  }

  async load(actor: Actor, caseId: string): Promise<CaseRecord> {
    const record = await this.cases.findOneBy({ id: caseId });
    if (!record) throw new NotFoundException(`case ${caseId} not found`);
    await this.assertCanSee(actor, caseId, record.applicantId);
    return record;
  }
}
