import { Controller, Get, HttpStatus, Inject, Redirect, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../../../libs/auth';
import { TEMPORAL_CLIENT } from '../../../libs/temporal';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** 200 when Postgres and Temporal both answer; 503 naming the one that does not. */
  /** People who open the bare address land on the consoles. */
  @Public()
  @Get()
  @Redirect('/console/', 302)
  root(): void {}

  @Public()
  @Get('health')
  async check(@Res({ passthrough: true }) res: Response) {
    const probe = async (fn: () => Promise<unknown>) =>
      Promise.race([fn().then(() => 'up'), new Promise<string>((r) => setTimeout(() => r('down'), 2000))]).catch(() => 'down');
    const checks = {
      postgres: await probe(() => this.dataSource.query('SELECT 1')),
      temporal: await probe(() => this.temporal.workflowService.getSystemInfo({})),
    };
    const ok = Object.values(checks).every((v) => v === 'up');
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'degraded', checks };
  }
}
