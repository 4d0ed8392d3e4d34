import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiConfig } from '../../../../libs/config';
import { REGISTERED } from '../../../../libs/processes';
import { ProcessView, processView } from './process-view';

/**
 * The processes this system carries, from the registry (libs/processes/registry.ts): what the
 * consoles build their lists and forms from. Any signed-in party may read it.
 */
@ApiTags('processes')
@ApiBearerAuth()
@Controller('processes')
export class ProcessesController {
  constructor(@Inject(ApiConfig) private readonly config: ApiConfig) {}

  @Get()
  @ApiOperation({ summary: 'every process: names, lead agency, the application form (JSON Schema), statuses, step and document kinds in Chinese, options in force' })
  @ApiOkResponse({ type: [ProcessView] })
  list(): ProcessView[] {
    return REGISTERED.map((p) => processView(p, this.config.processOptions[p.code], { maxBytes: this.config.MATERIALS_MAX_BYTES, maxPerFiling: this.config.MATERIALS_MAX_PER_FILING }));
  }
}
