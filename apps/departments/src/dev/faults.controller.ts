import { Body, CallHandler, Controller, Delete, ExecutionContext, Get, HttpCode, HttpException, Injectable, NestInterceptor, Post, UseGuards } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import type { Request } from 'express';
import { Observable, mergeMap, timer } from 'rxjs';
import { DEPARTMENTS } from '../../../../libs/domain';
import { badRequest, IsCreditCode } from '../../../../libs/dto';
import { DevOnlyGuard } from './dev-only.guard';
import { FaultsService, PASS_THROUGH } from './faults.service';

class FaultPlanDto {
  @IsIn(Object.keys(DEPARTMENTS)) department!: string;
  // Either the next `count` requests, or every request for `durationMs` (an outage).
  @ValidateIf((plan: FaultPlanDto) => plan.durationMs === undefined)
  @IsInt({ message: 'count must be an integer (or give durationMs for an outage)' })
  @Min(1)
  @Max(1000)
  count?: number;
  @ValidateIf((plan: FaultPlanDto) => plan.count === undefined)
  @IsInt({ message: 'durationMs must be an integer (or give count)' })
  @Min(1000)
  @Max(3_600_000)
  durationMs?: number;
  // 4xx/5xx answer with that error; 200 lets the request through to the real handler after delayMs.
  @IsOptional() @IsInt() @Min(200) @Max(599) status = 503;
  @IsOptional() @IsInt() @Min(0) @Max(60_000) delayMs = 0;
  @IsOptional() @IsCreditCode() creditCode?: string;
}

@Controller('dev/faults')
@UseGuards(DevOnlyGuard)
export class FaultsController {
  constructor(private readonly faults: FaultsService) {}

  @Post()
  @HttpCode(204)
  plan(@Body() body: FaultPlanDto): void {
    if (body.count !== undefined && body.durationMs !== undefined) {
      throw badRequest([{ field: 'durationMs', rule: 'exclusive', message: 'give count or durationMs, not both' }]);
    }
    const until = body.durationMs === undefined ? undefined : Date.now() + body.durationMs;
    this.faults.plan(body.department, { count: body.count ?? 0, until, status: body.status, delayMs: body.delayMs, creditCode: body.creditCode });
  }

  @Get()
  report() {
    return this.faults.report();
  }

  @Delete()
  @HttpCode(204)
  clear(): void {
    this.faults.clear();
  }
}

/**
 * Plays the planned fault for requests to a department's own routes (first path segment): an
 * error, or only a delay. An interceptor, so it runs after the service-token guard: a caller
 * without a credential gets its 401, and never uses up a fault planned for the real caller.
 */
@Injectable()
export class FaultsInterceptor implements NestInterceptor {
  constructor(private readonly faults: FaultsService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const path = ctx.switchToHttp().getRequest<Request>().originalUrl.split('?')[0];
    const department = path.split('/')[1];
    if (!(department in DEPARTMENTS)) return next.handle();
    const fault = this.faults.take(department, path);
    if (!fault) return next.handle();
    return timer(fault.delayMs).pipe(
      mergeMap(() => {
        if (fault.status === PASS_THROUGH) return next.handle();
        throw new HttpException({ statusCode: fault.status, message: `${department}: injected fault` }, fault.status);
      }),
    );
  }
}
