import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Actor, Role } from '../domain/case-engine.contract';
import { ApiError } from '../dto/api-error';
import { label } from '../i18n/error-catalogue';
import { AuthFailureLimit } from './rate-limit.guard';
import { AuthenticationFailed, TokenService } from './token.service';

const PUBLIC = 'auth:public';
const ROLES = 'auth:roles';

/** A route anyone may call without a token (health, docs, public verification, dev login). */
export const Public = () => SetMetadata(PUBLIC, true);
/** The roles that may call a route; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

type WithActor = Request & { actor?: Actor };

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<WithActor>().actor;
  if (!actor) throw new AuthenticationFailed('missing_token');
  return actor;
});

/**
 * Global: every route needs a valid bearer token unless marked @Public(); @Roles narrows further.
 * Refused tokens count against the caller's address (AuthFailureLimit).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly failures: AuthFailureLimit,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<WithActor>();
    const header = req.headers.authorization;
    if (!header) throw this.refuse(ctx, new AuthenticationFailed('missing_token'));
    await this.failures.assertAllowed(ctx);
    try {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new AuthenticationFailed('invalid_token');
      req.actor = await this.tokens.verify(match[1]);
    } catch (error) {
      if (!(error instanceof AuthenticationFailed)) throw error;
      await this.failures.recordFailure(ctx);
      throw this.refuse(ctx, error);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(req.actor.role)) throw new ApiError(403, 'auth.roleNotAllowed', { roles: roles.map((r) => label('role', r)), role: label('role', req.actor.role) });
    return true;
  }

  private refuse(ctx: ExecutionContext, failure: AuthenticationFailed): AuthenticationFailed {
    ctx.switchToHttp().getResponse<Response>().setHeader('www-authenticate', failure.wwwAuthenticate);
    return failure;
  }
}
