import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../../../libs/auth';
import type { Actor } from '../../../../libs/domain';
import { ChangeFeed } from '../changes/change-feed.service';
import { contentEtag, etagMatches, preferredWaitMs, readWhenChanged, sendConditional } from '../changes/long-poll';
import { StepListsService } from './step-lists.service';
import { StepPageView } from './step-rows';
import { WorklistQueryDto } from './worklist.query';

/**
 * An official's worklists — 待办 (todo), 我的 (mine), 已办 (done) — and an expert's panels: one
 * page at a time, searched and filtered on the server. Like GET /inbox, a conditional read and,
 * with Prefer: wait=N, a long poll that answers when the page next changes.
 */
@ApiTags('worklist')
@ApiBearerAuth()
@Controller('worklist')
export class WorklistController {
  constructor(
    private readonly lists: StepListsService,
    private readonly changes: ChangeFeed,
  ) {}

  @Get()
  @Roles('agency', 'expert')
  @ApiOperation({
    summary:
      'agency: 待办 (view=todo, my agency’s open steps; expert panels are the experts’ own), 我的 (view=mine, open steps I claimed), 已办 (view=done, steps my agency decided); expert: panels waiting for my score (todo/mine) or scored (done). ' +
      'Search q (受理编号, case id, credit code, enterprise name), filters process, kind, colour, dueFrom/dueTo; sort; page, pageSize ≤ 100; each row with the enterprise, 受理编号 and the holder of a claimed step',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'the ETag of the page the client shows: 304 while it is current' })
  @ApiHeader({ name: 'Prefer', required: false, description: 'wait=N: hold the request up to N seconds (≤ 30) for a change before answering 304' })
  @ApiOkResponse({ type: StepPageView })
  @ApiResponse({ status: 304, description: 'the page named in If-None-Match is still current' })
  async worklist(
    @CurrentActor() actor: Actor,
    @Query() query: WorklistQueryDto,
    @Headers('if-none-match') known: string | undefined,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StepPageView | undefined> {
    const topic = actor.role === 'expert' ? `expert:${actor.userId}` : `agency:${actor.agency}`;
    const { etag, body } = await readWhenChanged(this.changes, [topic], known, preferredWaitMs(prefer), async () => {
      const page = await this.lists.worklist(actor, query);
      return { etag: contentEtag(page), body: page };
    });
    const changed = !etagMatches(known, etag);
    sendConditional(res, etag, changed);
    return changed ? body : undefined;
  }
}
