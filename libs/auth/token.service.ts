import { Injectable, UnauthorizedException } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import type { Actor, Role } from '../domain/case-engine.contract';
import { DEPARTMENTS } from '../domain/departments';

export interface AuthSettings {
  /** PEM public key of the issuer (RS256). */
  publicKey: string;
  issuer: string;
  audience: string;
  /** Development only: lets /auth/dev-login issue tokens. Absent in production. */
  devPrivateKey?: string;
}

const ROLES: Role[] = ['applicant', 'agency', 'supervisor', 'expert'];

interface Claims {
  sub: string;
  name: string;
  role: Role;
  agency?: string;
  applicantId?: string;
}

/**
 * Verifies bearer tokens: RS256 only (so neither `alg: none` nor an HMAC signed with the public
 * key passes), issuer, audience and expiry checked, and the claims must describe a whole actor.
 */
@Injectable()
export class TokenService {
  constructor(private readonly settings: AuthSettings) {}

  verify(token: string): Actor {
    let claims: Claims;
    try {
      claims = jwt.verify(token, this.settings.publicKey, {
        algorithms: ['RS256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
      }) as Claims;
    } catch (error) {
      throw new UnauthorizedException(`invalid token: ${(error as Error).message}`);
    }
    if (!claims.sub || !claims.name || !ROLES.includes(claims.role)) throw new UnauthorizedException('invalid token: sub, name and role are required');
    if (claims.role === 'agency' && !(claims.agency && claims.agency in DEPARTMENTS)) throw new UnauthorizedException('invalid token: an agency token must name a known agency');
    if (claims.role === 'applicant' && !claims.applicantId) throw new UnauthorizedException('invalid token: an applicant token must name the applicant');
    return {
      userId: claims.sub,
      name: claims.name,
      role: claims.role,
      agency: claims.role === 'agency' ? (claims.agency as Actor['agency']) : undefined,
      applicantId: claims.role === 'applicant' ? claims.applicantId : undefined,
    };
  }

  get canIssue(): boolean {
    return Boolean(this.settings.devPrivateKey);
  }

  /** Development tokens, as the external issuer would mint them. */
  issue(actor: Actor, expiresInSeconds = 8 * 3600): string {
    if (!this.settings.devPrivateKey) throw new Error('no development signing key configured');
    return signToken(actor, { privateKey: this.settings.devPrivateKey, issuer: this.settings.issuer, audience: this.settings.audience, expiresInSeconds });
  }
}

export function signToken(actor: Actor, o: { privateKey: string; issuer: string; audience: string; expiresInSeconds?: number }): string {
  const claims: Claims = { sub: actor.userId, name: actor.name, role: actor.role, agency: actor.agency, applicantId: actor.applicantId };
  return jwt.sign(claims, o.privateKey, { algorithm: 'RS256', issuer: o.issuer, audience: o.audience, expiresIn: o.expiresInSeconds ?? 3600 });
}
