import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { DEPARTMENTS, DepartmentCode } from '../../../../libs/domain';
import { IsCalendarDate, IsIntegerInRange } from '../../../../libs/dto';
import { PROCESS_CODES } from '../../../../libs/processes';

export const MAX_PAGE_SIZE = 100;
export const MAX_PAGE = 10_000;
export const COLOURS = ['green', 'yellow', 'red'] as const;
export type Colour = (typeof COLOURS)[number];
const PROCESSES = [...PROCESS_CODES];
const AGENCIES = Object.keys(DEPARTMENTS);

/** `yellow,red` or repeated `colour=yellow&colour=red`: a list, each checked. */
const asList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value);
/** `true` / `false` in a query string. */
const asBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** One page of a list: page numbers from 1, at most 100 rows. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @IsIntegerInRange(1, MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20, description: 'rows per page (≤ 100)' })
  @IsOptional()
  @IsIntegerInRange(1, MAX_PAGE_SIZE)
  pageSize: number = 20;
}

/** What every list is searched by: a case's number, its enterprise or credit code, and its process. */
export class SearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '受理编号 (京科受〔2026〕000123, 2026-123 or just 123), case id, 统一社会信用代码 (whole or its beginning), or part of the enterprise name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: PROCESSES })
  @IsOptional()
  @IsIn(PROCESSES)
  process?: string;
}

/** What every list of steps filters by. */
export class StepFilterDto extends SearchQueryDto {
  @ApiPropertyOptional({ description: 'step kind: acceptance, review, expert-panel, spot-check, liaison, compliance-finding, subsidy …' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  kind?: string;

  @ApiPropertyOptional({ description: 'SLA colours, comma-separated: green,yellow,red', example: 'yellow,red' })
  @IsOptional()
  @Transform(asList)
  @IsIn(COLOURS, { each: true })
  colour?: Colour[];

  @ApiPropertyOptional({ format: 'date', description: 'due on or after (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  dueFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'due on or before (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  dueTo?: string;
}

export const WORKLIST_VIEWS = ['todo', 'mine', 'done'] as const;
export type WorklistView = (typeof WORKLIST_VIEWS)[number];
/** Each answered from an index at any depth of any list (migration 1765100000000-worklists): due date either way, latest decided first. */
export const STEP_SORTS = ['dueOn', '-dueOn', '-decidedAt'] as const;
export type StepSort = (typeof STEP_SORTS)[number];

/** GET /worklist: 待办 (todo), 我的 (mine: claimed by me), 已办 (done). */
export class WorklistQueryDto extends StepFilterDto {
  @ApiPropertyOptional({ enum: WORKLIST_VIEWS, default: 'todo', description: 'todo 待办: my agency’s open steps; mine 我的: open steps I hold; done 已办: steps my agency decided. Experts: todo/mine = panels waiting for my score, done = panels I scored' })
  @IsOptional()
  @IsIn(WORKLIST_VIEWS)
  view: WorklistView = 'todo';

  @ApiPropertyOptional({ enum: STEP_SORTS, description: 'dueOn (soonest due first; default for todo and mine), -dueOn, -decidedAt (latest decided first; default for done)' })
  @IsOptional()
  @IsIn(STEP_SORTS)
  sort?: StepSort;
}

export const SUPERVISION_LISTS = ['open', 'overdue', 'escalated', 'all'] as const;
export type SupervisionList = (typeof SUPERVISION_LISTS)[number];
export const STATES = ['open', 'closed', 'all'] as const;
export type StepState = (typeof STATES)[number];
export const SUPERVISION_STEP_SORTS = [...STEP_SORTS, 'openFirst'] as const;
export type SupervisionStepSort = (typeof SUPERVISION_STEP_SORTS)[number];

/** GET /supervision/steps: every agency's steps, as 电子监察 watches them. */
export class SupervisionStepsQueryDto extends StepFilterDto {
  @ApiPropertyOptional({ enum: SUPERVISION_LISTS, default: 'open', description: 'open: every open step; overdue: open and red; escalated: escalated to 电子监察 (open ones first); all' })
  @IsOptional()
  @IsIn(SUPERVISION_LISTS)
  list: SupervisionList = 'open';

  @ApiPropertyOptional({ enum: STATES, description: 'open / closed / all steps (default: open for the open and overdue lists, all for escalated and all)' })
  @IsOptional()
  @IsIn(STATES)
  state?: StepState;

  @ApiPropertyOptional({ enum: AGENCIES })
  @IsOptional()
  @IsIn(AGENCIES)
  agency?: DepartmentCode;

  @ApiPropertyOptional({ enum: SUPERVISION_STEP_SORTS, description: 'default: openFirst (open steps first, then by due date) for escalated, dueOn otherwise' })
  @IsOptional()
  @IsIn(SUPERVISION_STEP_SORTS)
  sort?: SupervisionStepSort;
}

export const CASE_STATES = ['running', 'ended', 'all'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_SORTS = ['-filedAt', 'filedAt', 'dueOn', '-dueOn'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** GET /supervision/cases: any case, found by number, enterprise or credit code. */
export class CaseSearchQueryDto extends SearchQueryDto {
  @ApiPropertyOptional({ description: 'the case status (acceptance, formal-review, certified …)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  status?: string;

  @ApiPropertyOptional({ enum: CASE_STATES, default: 'all', description: 'running 在办 / ended 办结 / all' })
  @IsOptional()
  @IsIn(CASE_STATES)
  state: CaseState = 'all';

  @ApiPropertyOptional({ description: 'the decision clock’s colours, comma-separated' })
  @IsOptional()
  @Transform(asList)
  @IsIn(COLOURS, { each: true })
  colour?: Colour[];

  @ApiPropertyOptional({ description: 'true: only cases whose decision clock was escalated' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  escalated?: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'filed on or after (YYYY-MM-DD, Beijing)' })
  @IsOptional()
  @IsCalendarDate()
  filedFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'filed on or before (YYYY-MM-DD, Beijing)' })
  @IsOptional()
  @IsCalendarDate()
  filedTo?: string;

  @ApiPropertyOptional({ enum: CASE_SORTS, default: '-filedAt' })
  @IsOptional()
  @IsIn(CASE_SORTS)
  sort: CaseSort = '-filedAt';
}
