import { Controller, Get, Header, HttpStatus, Redirect, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../../libs/auth';
import { ReadinessService } from './readiness.service';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** People who open the bare address land on the consoles. */
  @Public()
  @Get()
  @Redirect('/console/', 302)
  root(): void {}

  /** Liveness: this process answers. Restart the API only when this fails, never for a dependency. */
  @Public()
  @Get('health/live')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'liveness: 200 while the API process answers' })
  live() {
    return { status: 'ok' };
  }

  /**
   * Readiness: can cases be processed now? 200 when Postgres and Temporal answer, a worker has
   * polled the task queue recently and the departments' services answer; otherwise 503 naming
   * each cause. GET /health is the same answer (what it always meant: ready to work).
   */
  @Public()
  @Get(['health/ready', 'health'])
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'readiness: 200, or 503 naming what stops processing (no worker polling, a department unreachable, Postgres or Temporal down)' })
  @ApiResponse({ status: 503, description: 'not ready: `problems` names each cause; `message` is what the consoles show, `detail` (and each problem\'s) the technical cause for operators' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const { ready, checks, problems, checkedAt } = await this.readiness.current();
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    if (ready) return { status: 'ok', checks, checkedAt };
    return { status: 'unavailable', checks, problems, message: problems.map((p) => p.message).join('；'), detail: problems.map((p) => p.detail).join('；'), checkedAt };
  }
}
