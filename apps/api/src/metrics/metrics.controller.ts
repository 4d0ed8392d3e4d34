import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Registry } from 'prom-client';
import { Public } from '../../../../libs/auth';
import { METRICS_REFUSALS, METRICS_REGISTRY, metricsAccess } from '../../../../libs/observability';

/**
 * GET /metrics for Prometheus: behind METRICS_TOKEN (a bearer token of its own, not a user's),
 * open without one outside production, absent in production without one (see metricsAccess).
 * Not in the OpenAPI document: it is for the operators' scraper, not for API clients.
 */
export const METRICS_SETTINGS = Symbol('METRICS_SETTINGS');
export interface MetricsSettings {
  nodeEnv: string;
  /** METRICS_TOKEN */
  token?: string;
}

@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(METRICS_SETTINGS) private readonly settings: MetricsSettings,
  ) {}

  @Public()
  @Get('metrics')
  async metrics(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('cache-control', 'no-store');
    const access = metricsAccess(this.settings.nodeEnv, this.settings.token, req.headers.authorization);
    if (access !== 'allowed') {
      const refusal = METRICS_REFUSALS[access];
      if ('headers' in refusal) res.set(refusal.headers);
      res.status(refusal.status).json(refusal.body);
      return;
    }
    res.setHeader('content-type', this.registry.contentType);
    res.send(await this.registry.metrics());
  }
}
