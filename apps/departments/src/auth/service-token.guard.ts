import { CanActivate, ExecutionContext, Inject, Injectable, Logger, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ServiceTokenError, ServiceTokenVerifier } from '../../../../libs/auth/service-token';
import { DepartmentsConfig } from '../../../../libs/config';

const PUBLIC_ROUTE = 'departments:public';
/** A route anyone may call without a service token: only the health check (the API's readiness probe calls it). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

type WithCaller = Request & { caller?: string };

/**
 * Global: every call to a department carries a service token signed by a caller the departments
 * trust (DEPARTMENTS_SERVICE_PUBLIC_KEY), in every mode — development, test and production alike.
 * The development endpoints (record loading, faults) sit behind the same check and, besides,
 * exist only outside production.
 */
@Injectable()
export class ServiceTokenGuard implements CanActivate {
  private readonly logger = new Logger('ServiceToken');
  private readonly verifier: ServiceTokenVerifier;

  constructor(
    private readonly reflector: Reflector,
    @Inject(DepartmentsConfig) config: DepartmentsConfig,
  ) {
    // departmentsConfigFrom refuses to start without the key.
    this.verifier = new ServiceTokenVerifier(config.DEPARTMENTS_SERVICE_PUBLIC_KEY ?? '');
  }

  canActivate(ctx: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<WithCaller>();
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('需要服务凭证：Authorization: Bearer <service token>');
    try {
      req.caller = this.verifier.verify(match[1]);
    } catch (error) {
      if (!(error instanceof ServiceTokenError)) throw error;
      this.logger.warn(`refused ${req.method} ${req.originalUrl.split('?')[0]} from ${req.ip}: ${error.message}`);
      throw new UnauthorizedException(`服务凭证无效：${error.message}`);
    }
    return true;
  }
}
