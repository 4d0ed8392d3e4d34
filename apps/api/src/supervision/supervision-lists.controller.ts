import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../../../libs/auth';
import { Actor, beijingDate } from '../../../../libs/domain';
import { CasePageView, CaseSearchService } from '../worklists/case-search.service';
import { StepListsService } from '../worklists/step-lists.service';
import { StepPageView } from '../worklists/step-rows';
import { CaseSearchQueryDto, SupervisionStepsQueryDto } from '../worklists/worklist.query';
import { EXPORT_MAX_ROWS, attachment, casesWorkbook, stepsWorkbook } from './list-export';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LIST_NAMES: Record<SupervisionStepsQueryDto['list'], string> = { open: '在办环节', overdue: '逾期环节', escalated: '已提交电子监察', all: '全部环节' };

/** What a list's filters were, for the export's title row. */
function filters(query: object, skip: string[]): string {
  const parts = Object.entries(query)
    .filter(([key, value]) => !skip.includes(key) && value !== undefined && value !== '' && !(Array.isArray(value) && !value.length))
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`);
  return parts.length ? `（筛选：${parts.join('，')}）` : '';
}

/**
 * 电子监察 from the lists: every agency's steps (open, overdue, escalated — open ones first), any
 * case by its number, enterprise or credit code; a page at a time, or the whole list as Excel.
 */
@ApiTags('supervision')
@ApiBearerAuth()
@Roles('supervisor')
@Controller('supervision')
export class SupervisionListsController {
  constructor(
    private readonly steps: StepListsService,
    private readonly cases: CaseSearchService,
  ) {}

  @Get('steps')
  @ApiOperation({
    summary:
      'steps of every agency: list=open (default), overdue (open and red), escalated (open first, each with its status), all; state open/closed/all; q (受理编号, case id, credit code, enterprise name), process, agency, kind, colour, dueFrom/dueTo, sort; page, pageSize ≤ 100. Each row: enterprise, 受理编号, handler, days overdue (calendar and working), 督办',
  })
  @ApiOkResponse({ type: StepPageView })
  list(@CurrentActor() actor: Actor, @Query() query: SupervisionStepsQueryDto): Promise<StepPageView> {
    return this.steps.supervision(actor, query);
  }

  @Get('steps/export')
  @ApiOperation({ summary: `the same list (same parameters, no paging) as an Excel workbook for 电子监察 reports, at most ${EXPORT_MAX_ROWS} rows` })
  @ApiProduces(XLSX)
  async exportSteps(@CurrentActor() actor: Actor, @Query() query: SupervisionStepsQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { rows, truncated } = await this.steps.supervisionAll(actor, query, EXPORT_MAX_ROWS);
    const title = `${LIST_NAMES[query.list]}${filters(query, ['list', 'page', 'pageSize'])}`;
    res.setHeader('Content-Disposition', attachment(`电子监察-${LIST_NAMES[query.list]}-${beijingDate(new Date())}.xlsx`));
    res.setHeader('X-Export-Truncated', String(truncated));
    return new StreamableFile(await stepsWorkbook(rows, title, truncated), { type: XLSX });
  }

  @Get('cases')
  @ApiOperation({
    summary:
      'case search: q (受理编号 such as 京科受〔2026〕000123 or 2026-123 or 123, case id, credit code whole or its beginning, part of the enterprise name), process, status, state running/ended/all, colour, escalated, filedFrom/filedTo, sort; page, pageSize ≤ 100. Each row with its open steps',
  })
  @ApiOkResponse({ type: CasePageView })
  search(@Query() query: CaseSearchQueryDto): Promise<CasePageView> {
    return this.cases.search(query);
  }

  @Get('cases/export')
  @ApiOperation({ summary: `the same case list (same parameters, no paging) as an Excel workbook, at most ${EXPORT_MAX_ROWS} rows` })
  @ApiProduces(XLSX)
  async exportCases(@Query() query: CaseSearchQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { rows, truncated } = await this.cases.all(query, EXPORT_MAX_ROWS);
    res.setHeader('Content-Disposition', attachment(`电子监察-案件-${beijingDate(new Date())}.xlsx`));
    res.setHeader('X-Export-Truncated', String(truncated));
    return new StreamableFile(await casesWorkbook(rows, `案件${filters(query, ['page', 'pageSize', 'sort'])}`, truncated), { type: XLSX });
  }
}
