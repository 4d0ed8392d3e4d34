import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { CurrentActor, Roles } from '../../../../libs/auth';
import {
  Actor,
  CaseStep,
  SlaClock,
  caseIdOfStep,
  claimStepUpdate,
  decideStepUpdate,
  endExclusionUpdate,
  reassignStepUpdate,
  startExclusionUpdate,
  urgeStepUpdate,
} from '../../../../libs/domain';
import { DecisionDto, ExclusionDto, ReassignDto, ScoreDto, UrgeDto } from '../../../../libs/dto';
import { LiaisonDto, SubsidyDto } from '../../../../libs/processes/listing/listing-application.dto';
import { assignLiaisonUpdate, grantSubsidyUpdate } from '../../../../libs/processes/listing/listing.contract';
import { scoreExpertReviewUpdate } from '../../../../libs/processes/high-tech/high-tech.contract';
import { StepRecord } from '../../../../libs/persistence';
import { CaseAccess } from '../cases/case-access.service';
import { StepView, stepView } from '../cases/case-view';
import { ChangeFeed } from '../changes/change-feed.service';
import { contentEtag, etagMatches, preferredWaitMs, readWhenChanged, sendConditional } from '../changes/long-poll';
import { WorkflowGateway } from '../workflow-gateway.service';

const OPEN = ['open', 'claimed', 'waiting-applicant'];

/**
 * Agencies work their inbox and decide steps; supervisors urge and reassign. Every action is a
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
      return steps.map(stepView);
    }
    const steps = await this.steps.find({ where: { agency: actor.agency, status: In(OPEN) }, order: { dueOn: 'ASC', openedAt: 'ASC' } });
    return steps.map(stepView);
  }

  @Post('steps/:id/score')
  @Roles('expert')
  @HttpCode(200)
  @ApiOperation({ summary: 'expert scores the application (0–100) with an opinion; the panel completes when all have scored' })
  async score(@CurrentActor() actor: Actor, @Param('id') stepId: string, @Body() body: ScoreDto): Promise<CaseStep> {
    await this.access.assertMayActOnStep(actor, stepId);
    return this.gateway.update(caseIdOfStep(stepId), scoreExpertReviewUpdate, { stepId, actor, score: body.score, opinion: body.opinion });
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
  async claim(@CurrentActor() actor: Actor, @Param('id') stepId: string): Promise<CaseStep> {
    await this.assertAssigned(actor, stepId);
    return this.gateway.update(caseIdOfStep(stepId), claimStepUpdate, { stepId, actor });
  }

  @Post('steps/:id/decision')
  @Roles('agency')
  @HttpCode(200)
  @ApiOperation({ summary: 'agency decides its step: approve / reject / return (reason required), or accept / refuse / request-correction' })
  async decide(@CurrentActor() actor: Actor, @Param('id') stepId: string, @Body() body: DecisionDto): Promise<CaseStep> {
    await this.assertAssigned(actor, stepId);
    return this.gateway.update(caseIdOfStep(stepId), decideStepUpdate, { stepId, actor, decision: body.decision, reason: body.reason, correctionItems: body.correctionItems });
  }

  @Post('steps/:id/liaison')
  @Roles('agency')
  @HttpCode(200)
  @ApiOperation({ summary: '市金融监管局 names the liaison (专人对接) the applicant will see' })
  async assignLiaison(@CurrentActor() actor: Actor, @Param('id') stepId: string, @Body() body: LiaisonDto): Promise<CaseStep> {
    await this.assertAssigned(actor, stepId);
    return this.gateway.update(caseIdOfStep(stepId), assignLiaisonUpdate, { stepId, actor, liaison: { name: body.name, phone: body.phone } });
  }

  @Post('steps/:id/subsidy')
  @Roles('agency')
  @HttpCode(200)
  @ApiOperation({ summary: 'grant a listing subsidy: 市财政局 up to 3,000,000 yuan; the district not below the municipal amount' })
  async grantSubsidy(@CurrentActor() actor: Actor, @Param('id') stepId: string, @Body() body: SubsidyDto): Promise<CaseStep> {
    await this.assertAssigned(actor, stepId);
    return this.gateway.update(caseIdOfStep(stepId), grantSubsidyUpdate, { stepId, actor, amountYuan: body.amountYuan });
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
  reassign(@CurrentActor() actor: Actor, @Param('id') stepId: string, @Body() body: ReassignDto): Promise<CaseStep> {
    const assignee = body.assigneeUserId ? { userId: body.assigneeUserId, name: body.assigneeName ?? body.assigneeUserId } : undefined;
    return this.gateway.update(caseIdOfStep(stepId), reassignStepUpdate, { stepId, actor, agency: body.agency, assignee, reason: body.reason });
  }
}
