import { Body, Controller, Get, Headers, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IDEMPOTENCY_KEY_PATTERN } from '../../../../libs/domain';
import { HighTechApplicationDto, badRequest } from '../../../../libs/dto';
import { CaseView, TimelineEntryView } from './case-view';
import { CasesService } from './cases.service';

function idempotencyKey(value: string | undefined): string {
  if (!value || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw badRequest([
      { field: 'Idempotency-Key', rule: 'matches', message: 'Idempotency-Key header is required: 8–64 characters of A–Z, a–z, 0–9, _ or -' },
    ]);
  }
  return value;
}

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post('high-tech')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'client-chosen key; retrying with it never makes a second case' })
  @ApiCreatedResponse({ type: CaseView, description: 'case filed; status verifying until the shared data is compared' })
  @ApiOkResponse({ type: CaseView, description: 'the same request was filed before under this key: that case' })
  @ApiBadRequestResponse({ description: 'a field broke a rule: every such field is named in errors[]' })
  @ApiConflictResponse({ description: 'the key was used for a different application' })
  async fileHighTech(
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: HighTechApplicationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    const filed = await this.cases.fileHighTech(idempotencyKey(key), body);
    res.status(filed.created ? HttpStatus.CREATED : HttpStatus.OK).location(`/cases/${filed.view.id}`);
    return filed.view;
  }

  @Get(':id')
  @ApiOkResponse({ type: CaseView })
  @ApiNotFoundResponse()
  get(@Param('id') id: string): Promise<CaseView> {
    return this.cases.get(id);
  }

  @Get(':id/timeline')
  @ApiOkResponse({ type: [TimelineEntryView] })
  async timeline(@Param('id') id: string): Promise<TimelineEntryView[]> {
    return (await this.cases.get(id)).timeline;
  }
}
