import { Body, ConflictException, Controller, HttpCode, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Request } from 'express';
import { Repository } from 'typeorm';
import { CurrentActor, Public, Roles } from '../../../../libs/auth';
import { Actor, CaseStep, Role, caseIdOfStep } from '../../../../libs/domain';
import { ApiError, createValidationPipe, problem } from '../../../../libs/dto';
import { label } from '../../../../libs/i18n';
import { CaseRecord } from '../../../../libs/persistence';
import { ProcessActionDefinition, ProcessActionTarget, actionInput, actionOf, processByCode, registeredAction, registeredActions } from '../../../../libs/processes';
import { blindStep } from '../cases/blind-review';
import { CaseAccess, caseNotFound, stepNotFound } from '../cases/case-access.service';
import { WorkflowGateway } from '../workflow-gateway.service';
import { ACTION_ROUTES } from './action-routes';

/** The roles any action of that kind allows: what the guard lets through before the action is known. */
const rolesOf = (on: ProcessActionTarget): Role[] => [...new Set(registeredActions(on).flatMap((a) => [...a.definition.roles]))];

/** Actions as a refusal lists them: `score（专家评分）`, or a dash for none. */
const listed = (actions: readonly ProcessActionDefinition[]): string[] => (actions.length ? actions.map((a) => `${a.action}（${a.label}）`) : ['—']);

/** 404 naming the action asked for and those there are of that kind (before anything about the case is read). */
function unknownAction(on: ProcessActionTarget, name: string): ApiError {
  const params = { action: name.slice(0, 64), actions: listed(registeredActions(on).map((a) => a.definition)) };
  return new ApiError(404, 'action.unknown', params, { errors: [problem('action', 'registeredAction', 'action.unknown', params)] });
}

/** What the workflow answers when the action closed between our read and its check (a 公示 that just ended). */
function noLongerOpen(error: unknown): boolean {
  if (error instanceof ApiError) return [404, 409].includes(error.getStatus());
  if (error instanceof NotFoundException || error instanceof ConflictException) return true;
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === 'InvalidState';
}

/**
 * Every process's own actions (专家评分, 指定专人, 拨付补贴, 提出异议 …), routed by what each
 * process's definition declares (libs/processes): the action's name picks its DTO, who may call it
 * and the update it sends. Nothing here knows a process. Each action is served at its short URL
 * (`POST /steps/{id}/score`, `POST /public-notices/{caseId}/objections`, as clients have always
 * called them) and at the generic one (`POST /steps/{id}/actions/score`); the OpenAPI document
 * shows one operation per action with its body (process-openapi.ts).
 */
@ApiTags('actions')
@Controller()
export class ProcessActionsController {
  /** The same pipe as every body: the action's DTO is known only once the path is read. */
  private readonly validation = createValidationPipe();

  constructor(
    private readonly gateway: WorkflowGateway,
    private readonly access: CaseAccess,
    @InjectRepository(CaseRecord) private readonly cases: Repository<CaseRecord>,
  ) {}

  @Post(ACTION_ROUTES.step.served)
  @ApiBearerAuth()
  @Roles(...rolesOf('step'))
  @HttpCode(200)
  @ApiOperation({ summary: "a process's own action on a step assigned to the caller (GET /processes lists each process's actions and their forms)" })
  @ApiBadRequestResponse({ description: 'a field broke a rule: every such field is named in errors[]' })
  @ApiForbiddenResponse({ description: 'the action is not for the caller’s role, or the step is another agency’s' })
  @ApiNotFoundResponse({ description: 'no such action (errors[0].field action), or no such step the caller may act on' })
  @ApiConflictResponse({ description: 'the step’s process has no such action (action.notOfProcess), or the step does not allow it now' })
  async onStep(@CurrentActor() actor: Actor, @Param('id') stepId: string, @Param('action') named: string | undefined, @Body() body: unknown, @Req() req: Request): Promise<CaseStep> {
    const action = this.find('step', named, req);
    this.assertRole(actor, action);
    const input = await this.validate(action, body);
    await this.access.assertMayActOnStep(actor, stepId);
    const caseId = caseIdOfStep(stepId);
    const own = await this.ownAction(action, caseId);
    if (!own) throw stepNotFound();
    const result = await this.gateway.update<CaseStep, unknown>(caseId, own.update, actionInput(own, input, { caseId, stepId, actor }));
    // An expert sees only their own score while the panel sits (blind review), as on every step answer.
    return blindStep(actor, result);
  }

  @Post(ACTION_ROUTES.case.served)
  @ApiBearerAuth()
  @Roles(...rolesOf('case'))
  @HttpCode(200)
  @ApiOperation({ summary: "a process's own action on a case the caller has a stake in" })
  async onCase(@CurrentActor() actor: Actor, @Param('id') caseId: string, @Param('action') named: string | undefined, @Body() body: unknown, @Req() req: Request): Promise<unknown> {
    const action = this.find('case', named, req);
    this.assertRole(actor, action);
    const input = await this.validate(action, body);
    const record = await this.access.load(actor, caseId);
    const own = await this.ownAction(action, record.id, record.process);
    if (!own) throw caseNotFound();
    return this.gateway.update(caseId, own.update, actionInput(own, input, { caseId, actor }));
  }

  @Post(ACTION_ROUTES.public.served)
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: "a process's own action anyone may take without signing in (an objection during 公示)" })
  async onPublic(@Param('caseId') caseId: string, @Param('action') named: string | undefined, @Body() body: unknown, @Req() req: Request): Promise<unknown> {
    const action = this.find('public', named, req);
    const input = await this.validate(action, body);
    // One answer for every case where the action is not open — another process's, one past its
    // 公示, one that does not exist — so acting cannot be used to learn which case ids exist.
    const closed = () => new ApiError(404, action.closed ?? 'case.notFound');
    const record = await this.cases.findOne({ where: { id: caseId }, select: { id: true, process: true, status: true } });
    const process = record && processByCode(record.process);
    const own = process && actionOf(process, 'public', action.action);
    if (!record || !own || !(own.openWhile ?? []).includes(record.status)) throw closed();
    try {
      return await this.gateway.update(caseId, own.update, actionInput(own, input, { caseId }));
    } catch (error) {
      throw noLongerOpen(error) ? closed() : error;
    }
  }

  /** The action the path names: `:action`, or the last segment of a short URL (`/steps/{id}/score`). */
  private find(on: ProcessActionTarget, named: string | undefined, req: Request): ProcessActionDefinition {
    const name = named ?? decodeURIComponent(req.path.split('/').pop() ?? '');
    const found = registeredAction(on, name);
    if (!found) throw unknownAction(on, name);
    return found.definition;
  }

  /** Each action names its roles; the route lets through any role some action allows, so the rest are refused here, as the guard would. */
  private assertRole(actor: Actor, action: ProcessActionDefinition): void {
    if (!action.roles.includes(actor.role)) throw new ApiError(403, 'auth.roleNotAllowed', { roles: action.roles.map((r) => label('role', r)), role: label('role', actor.role) });
  }

  private async validate(action: ProcessActionDefinition, body: unknown): Promise<Record<string, unknown>> {
    const dto = (await this.validation.transform(body, { type: 'body', metatype: action.dto })) as object;
    return { ...dto } as Record<string, unknown>;
  }

  /**
   * The case's process's own declaration of the action, or a 409 naming the process and its
   * actions when it has none (another process's action named on its step); undefined for a case the read model
   * does not hold.
   */
  private async ownAction(action: ProcessActionDefinition, caseId: string, known?: string): Promise<ProcessActionDefinition | undefined> {
    const code = known ?? (await this.cases.findOne({ where: { id: caseId }, select: { id: true, process: true } }))?.process;
    const process = code ? processByCode(code) : undefined;
    if (!process) return undefined;
    const own = actionOf(process, action.on, action.action);
    if (own) return own;
    const params = { action: action.action, label: action.label, process: process.code, processName: process.names.zh, actions: listed(process.actions.filter((a) => a.on === action.on)) };
    throw new ApiError(409, 'action.notOfProcess', params, { error: 'InvalidState', errors: [problem('action', 'actionOfProcess', 'action.notOfProcess', params)] });
  }
}

