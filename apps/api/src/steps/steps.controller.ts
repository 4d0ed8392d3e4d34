import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { CurrentActor, Roles } from '../../../../libs/auth';
import {
  Actor,
  CaseStep,
  DepartmentCode,
  SlaClock,
  caseIdOfStep,
  claimStepUpdate,
  decideStepUpdate,
  departmentName,
  endExclusionUpdate,
  reassignStepUpdate,
  releaseStepUpdate,
  startExclusionUpdate,
  urgeStepUpdate,
} from '../../../../libs/domain';
import { ApiError, DecisionDto, ExclusionDto, ReassignDto, ReleaseDto, UrgeDto, problem } from '../../../../libs/dto';
import { competentAgencies, processByCode } from '../../../../libs/processes';
import { StepRecord } from '../../../../libs/persistence';
import { blindStep } from '../cases/blind-review';
import { CaseAccess, stepNotFound } from '../cases/case-access.service';
import { StepView, stepView } from '../cases/case-view';
import { ChangeFeed } from '../changes/change-feed.service';
import { contentEtag, etagMatches, preferredWaitMs, readWhenChanged, sendConditional } from '../changes/long-poll';
import { WorkflowGateway } from '../workflow-gateway.service';
import { MaterialsService } from '../materials/materials.service';

const OPEN = ['open', 'claimed', 'waiting-applicant'];

class AgencyOptionView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

/** Where a step may be reassigned (改派): the departments competent for its kind, itself left out. */
export class ReassignOptionsView {
  @ApiProperty() stepId!: string;
  @ApiProperty() stepName!: string;
  @ApiProperty() process!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() agency!: string;
  @ApiProperty() agencyName!: string;
  @ApiProperty({ description: 'the rule a 400 names for any other department' }) rule!: string;
  @ApiProperty({ type: [AgencyOptionView] }) agencies!: AgencyOptionView[];
}

/**
 * Agencies work their inbox and decide steps; supervisors urge and reassign (each process's own
 * step actions — an expert's score, a liaison — are routed from the registry: ProcessActionsController). Every action is a
 * Temporal update: the workflow, not this controller, decides whether the caller may (the step
 * must be assigned to the caller's agency now, in a state that allows it).
 */
@ApiTags('steps')
@ApiBearerAuth()
@Controller()
export class StepsController {
  constructor(
    private readonly gateway: WorkflowGateway,
    @InjectRepository(StepRecord) private readonly steps: Repository<StepRecord>,
    private readonly changes: ChangeFeed,
    private readonly access: CaseAccess,
    private readonly materials: MaterialsService,
  ) {}

  @Get('inbox')
  @Roles('agency', 'expert')
  @ApiOperation({
    summary: "agency: my department's open steps, soonest due first, with SLA colour and 督办; expert: panels waiting for my score. With If-None-Match and Prefer: wait=N (N ≤ 30), a long poll that answers when the inbox next changes",
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'the ETag of the inbox the client shows: 304 while it is current' })
  @ApiHeader({ name: 'Prefer', required: false, description: 'wait=N: hold the request up to N seconds for a change before answering 304' })
  @ApiOkResponse({ type: [StepView] })
  @ApiResponse({ status: 304, description: 'the inbox named in If-None-Match is still current' })
  async inbox(
    @CurrentActor() actor: Actor,
    @Headers('if-none-match') known: string | undefined,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StepView[] | undefined> {
    const topic = actor.role === 'expert' ? `expert:${actor.userId}` : `agency:${actor.agency}`;
    const { etag, body } = await readWhenChanged(this.changes, [topic], known, preferredWaitMs(prefer), async () => {
      const steps = await this.openSteps(actor);
      return { etag: contentEtag(steps), body: steps };
    });
    const changed = !etagMatches(known, etag);
    sendConditional(res, etag, changed);
    return changed ? body : undefined;
  }

  private async openSteps(actor: Actor): Promise<StepView[]> {
    if (actor.role === 'expert') {
      const steps = await this.steps
        .createQueryBuilder('s')
        .where(`s.status IN (:...open) AND s.panel -> 'members' @> :me::jsonb AND NOT s.panel -> 'scores' @> :me::jsonb`, {
          open: OPEN,
          me: JSON.stringify([{ userId: actor.userId }]),
        })
        .orderBy('s.due_on', 'ASC')
        .getMany();
      return steps.map((s) => blindStep(actor, stepView(s)));
    }
    const steps = await this.steps.find({ where: { agency: actor.agency, status: In(OPEN) }, order: { dueOn: 'ASC', openedAt: 'ASC' } });
    return steps.map(stepView);
  }

  /**
   * An agency acts only on steps assigned to it. The read model answers first, so a party that
   * cannot see the case learns nothing of it, not even that it exists (CaseAccess); the workflow
   * re-checks against the assignment as it is now.
   */
  private assertAssigned(actor: Actor, stepId: string): Promise<void> {
    return this.access.assertMayActOnStep(actor, stepId);
  }

  @Post('steps/:id/claim')
  @Roles('agency')
  @HttpCode(200)
  @ApiOperation({ summary: 'claim (认领) a step of my agency: from then on only I may decide it, until I release it or a supervisor takes it back' })
  @ApiConflictResponse({ description: 'claimed by someone else: code step.heldByOther, params.holder names them' })
  async claim(@CurrentActor() actor: Actor, @Param('id') stepId: string): Promise<CaseStep> {
    await this.assertAssigned(actor, stepId);
    return this.gateway.update(caseIdOfStep(stepId), claimStepUpdate, { stepId, actor });
  }

  @Post('steps/:id/decision')
  @Roles('agency')
  @HttpCode(200)
  @ApiOperation({ summary: 'agency decides its step: approve / reject / return (reason required), or accept / refuse / request-correction' })
  @ApiConflictResponse({ description: 'the step is claimed by another official (step.heldByOther, naming the holder), or no longer open' })
  async decide(@CurrentActor() actor: Actor, @Param('id') stepId: string, @Body() body: DecisionDto): Promise<CaseStep> {
    await this.assertAssigned(actor, stepId);
    const caseId = caseIdOfStep(stepId);
    // Files attached to the decision (an expert opinion, an inspection record): the official's own uploads.
    const materials = await this.materials.forDecision(actor, caseId, body.materials);
    const attached = await this.materials.attach(actor, materials, caseId, 'decision');
    try {
      return await this.gateway.update(caseId, decideStepUpdate, {
        stepId,
        actor,
        decision: body.decision,
        reason: body.reason,
        correctionItems: body.correctionItems,
        ...(materials.length && { materials }),
      });
    } catch (error) {
      await this.materials.detach(attached, caseId);
      throw error;
    }
  }

  @Post('steps/:id/exclusions')
  @Roles('agency')
  @HttpCode(200)
  @ApiOperation({ summary: 'agency starts a period the law excludes from the limit (Art. 45: expert review, testing, hearing …)' })
  async startExclusion(@CurrentActor() actor: Actor, @Param('id') stepId: string, @Body() body: ExclusionDto): Promise<SlaClock> {
    await this.assertAssigned(actor, stepId);
    return this.gateway.update(caseIdOfStep(stepId), startExclusionUpdate, { stepId, actor, kind: body.kind, expectedDays: body.expectedDays, note: body.note });
  }

  @Post('steps/:id/exclusions/end')
  @Roles('agency')
  @HttpCode(200)
  async endExclusion(@CurrentActor() actor: Actor, @Param('id') stepId: string): Promise<SlaClock> {
    await this.assertAssigned(actor, stepId);
    return this.gateway.update(caseIdOfStep(stepId), endExclusionUpdate, { stepId, actor });
  }

  @Post('steps/:id/release')
  @Roles('agency', 'supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'give a claimed step back to its agency’s pool: its holder (释放), or a supervisor taking it back from anyone (收回)' })
  @ApiConflictResponse({ description: 'not claimed (step.notClaimed), or claimed by another official (step.heldByOther)' })
  async release(@CurrentActor() actor: Actor, @Param('id') stepId: string, @Body() body: ReleaseDto): Promise<CaseStep> {
    if (actor.role === 'agency') await this.assertAssigned(actor, stepId);
    return this.gateway.update(caseIdOfStep(stepId), releaseStepUpdate, { stepId, actor, reason: body.reason });
  }

  @Get('steps/:id/reassign-options')
  @Roles('supervisor')
  @ApiOperation({ summary: '改派: the departments this step may go to (those competent for its kind, its own left out)' })
  @ApiOkResponse({ type: ReassignOptionsView })
  async reassignOptions(@Param('id') stepId: string): Promise<ReassignOptionsView> {
    const step = await this.steps.findOne({ where: { id: stepId }, select: { id: true, name: true, process: true, kind: true, agency: true } });
    if (!step) throw stepNotFound();
    return {
      stepId: step.id,
      stepName: step.name,
      process: step.process,
      kind: step.kind,
      agency: step.agency,
      agencyName: departmentName(step.agency as DepartmentCode),
      rule: 'agencyTakesStepKind',
      agencies: this.competent(step).filter((code) => code !== step.agency).map((code) => ({ code, name: departmentName(code) })),
    };
  }

  /** The departments competent for the step's kind, by its process's contract (the workflow checks the same). */
  private competent(step: Pick<StepRecord, 'process' | 'kind' | 'agency'>): DepartmentCode[] {
    const process = processByCode(step.process);
    return process ? competentAgencies(process, step.kind, step.agency as DepartmentCode) : [step.agency as DepartmentCode];
  }

  @Post('steps/:id/urge')
  @Roles('supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'supervisor urges (督办) the agency on a step; shown in its inbox' })
  urge(@CurrentActor() actor: Actor, @Param('id') stepId: string, @Body() body: UrgeDto): Promise<CaseStep> {
    return this.gateway.update(caseIdOfStep(stepId), urgeStepUpdate, { stepId, actor, note: body.note });
  }

  @Post('steps/:id/reassign')
  @Roles('supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: '改派 to a department competent for the step’s kind (GET /steps/{id}/reassign-options); a step named after its department is renamed after the new one' })
  @ApiBadRequestResponse({ description: 'a department not competent for that kind of step: errors[0] field agency, rule agencyTakesStepKind' })
  async reassign(@CurrentActor() actor: Actor, @Param('id') stepId: string, @Body() body: ReassignDto): Promise<CaseStep> {
    // Answered from the read model at once; the workflow checks the same rule against the step as it is now.
    const step = await this.steps.findOne({ where: { id: stepId }, select: { id: true, name: true, process: true, kind: true, agency: true } });
    if (step) {
      const competent = this.competent(step);
      if (!competent.includes(body.agency)) {
        const params = { agency: body.agency, agencyName: departmentName(body.agency), stepName: step.name, kind: step.kind, agencies: competent.map(departmentName), competent };
        throw new ApiError(400, 'reassign.agencyNotCompetent', params, { errors: [problem('agency', 'agencyTakesStepKind', 'reassign.agencyNotCompetent', params)] });
      }
    }
    const assignee = body.assigneeUserId ? { userId: body.assigneeUserId, name: body.assigneeName ?? body.assigneeUserId } : undefined;
    return this.gateway.update(caseIdOfStep(stepId), reassignStepUpdate, { stepId, actor, agency: body.agency, assignee, reason: body.reason });
  }
}
