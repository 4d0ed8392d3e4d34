import { Body, Controller, Get, Injectable, Param, PipeTransform, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../../../libs/auth';
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from '../../../../libs/calendar';
import type { Actor } from '../../../../libs/domain';
import { invalidRequest, problem } from '../../../../libs/dto';
import { CalendarYearDto } from './calendar-year.dto';
import { CalendarYearsService, LoadResult } from './calendar-years.service';

/** A year in the path: four digits within the calendar's range, or a 400 naming it. */
@Injectable()
export class CalendarYearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= MIN_CALENDAR_YEAR && year <= MAX_CALENDAR_YEAR)) {
      throw invalidRequest([problem('year', 'isYear', 'calendar.isYear', { field: 'year', min: MIN_CALENDAR_YEAR, max: MAX_CALENDAR_YEAR, value: JSON.stringify(value) })]);
    }
    return year;
  }
}

/**
 * The working-day calendar's official years (国务院办公厅节假日安排通知): anyone signed in may read
 * them; supervisors (电子监察, the municipal office) load them. There is no admin role.
 */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarYearsService) {}

  @Get('years')
  @ApiOperation({ summary: 'every year with an official notice loaded: its current version, who loaded it and when' })
  list() {
    return this.calendar.list();
  }

  @Get('years/:year')
  @ApiOperation({ summary: "one year: its current notice and every earlier version (audit), or — none loaded — the provisional calendar the law gives" })
  year(@Param('year', CalendarYearPipe) year: number) {
    return this.calendar.year(year);
  }

  @Put('years/:year')
  @Roles('supervisor')
  @ApiOperation({
    summary:
      "supervisor loads a year's State Council notice (holiday ranges, make-up working days): a new version, kept with who and when; running cases move their due dates onto it, each move on their timeline",
  })
  @ApiResponse({ status: 201, description: 'a new version was saved and is being rolled out to running cases' })
  @ApiResponse({ status: 200, description: 'the same notice as the current version: nothing new saved; its rollout made sure of' })
  @ApiResponse({ status: 400, description: 'every broken field and rule, at once' })
  async load(@CurrentActor() actor: Actor, @Param('year', CalendarYearPipe) year: number, @Body() body: CalendarYearDto, @Res({ passthrough: true }) res: Response): Promise<LoadResult> {
    const result = await this.calendar.load(year, body, actor);
    res.status(result.created ? 201 : 200);
    return result;
  }
}
