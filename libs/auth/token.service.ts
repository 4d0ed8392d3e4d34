import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import type { Actor, Role } from '../domain/case-engine.contract';
import { DEPARTMENTS } from '../domain/departments';
import { ApiError } from '../dto/api-error';
import { ErrorCode, translate } from '../i18n/error-catalogue';

export interface AuthSettings {
  /** PEM public key of the issuer (RS256). */
  publicKey: string;
  issuer: string;
  audience: string;
  /** The longest a token may be valid, in seconds (exp − iat, or exp − now without iat). */
  maxLifetimeSeconds: number;
  /** Development only: lets /auth/dev-login issue tokens. Absent in production. */
  devPrivateKey?: string;
}

const ROLES: readonly Role[] = ['applicant', 'agency', 'supervisor', 'expert'];

interface Claims {
  sub: string;
  name: string;
  role: Role;
  agency?: string;
  applicantId?: string;
}

/**
 * Why a request was not authenticated: a machine code in `error` (as before the catalogue) and
 * the catalogue's code. The message is fixed: never what the API expected (issuer, audience,
 * key), which jsonwebtoken's own messages would tell.
 */
const AUTH_FAILURE_CODES = {
  missing_token: 'auth.missingToken',
  invalid_token: 'auth.invalidToken',
  expired_token: 'auth.expiredToken',
  token_lifetime: 'auth.tokenLifetime',
} as const satisfies Record<string, ErrorCode>;
export type AuthFailureCode = keyof typeof AUTH_FAILURE_CODES;
/** The Chinese message of each kind. */
export const AUTH_FAILURES = Object.fromEntries(Object.entries(AUTH_FAILURE_CODES).map(([kind, code]) => [kind, translate(code)])) as Record<AuthFailureCode, string>;

/** 401 with a machine code in `error` and a fixed message; WWW-Authenticate as RFC 6750 asks. */
export class AuthenticationFailed extends ApiError {
  constructor(readonly kind: AuthFailureCode) {
    super(401, AUTH_FAILURE_CODES[kind], {}, { error: kind });
  }

  get wwwAuthenticate(): string {
    return this.kind === 'missing_token' ? 'Bearer' : 'Bearer error="invalid_token"';
  }
}

const isText = (value: unknown, max = 200): value is string => typeof value === 'string' && value.trim().length > 0 && value.length <= max;
// A claim names a known thing only as an own key: `'__proto__' in DEPARTMENTS` is true.
const isDepartment = (value: unknown): boolean => typeof value === 'string' && Object.hasOwn(DEPARTMENTS, value);
const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/**
 * Verifies bearer tokens: RS256 only (so neither `alg: none` nor an HMAC signed with the public
 * key passes), issuer, audience and expiry checked, a bounded lifetime, and the claims must
 * describe a whole actor.
 */
@Injectable()
export class TokenService {
  constructor(private readonly settings: AuthSettings) {}

  verify(token: string): Actor {
    let claims: jwt.JwtPayload;
    try {
      const decoded = jwt.verify(token, this.settings.publicKey, {
        algorithms: ['RS256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
      });
      if (typeof decoded !== 'object' || decoded === null) throw new AuthenticationFailed('invalid_token');
      claims = decoded;
    } catch (error) {
      if (error instanceof AuthenticationFailed) throw error;
      throw new AuthenticationFailed(error instanceof jwt.TokenExpiredError ? 'expired_token' : 'invalid_token');
    }
    this.assertBoundedLifetime(claims);
    const { sub, name, role, agency, applicantId } = claims as Partial<Record<keyof Claims, unknown>>;
    // A user id and name land in varchar(100) columns (assignee, decided_by): longer would block every write of a case they touch.
    if (!isText(sub, 100) || !isText(name, 100) || !isRole(role)) throw new AuthenticationFailed('invalid_token');
    if (role === 'agency' && !isDepartment(agency)) throw new AuthenticationFailed('invalid_token');
    if (role === 'applicant' && !isText(applicantId, 64)) throw new AuthenticationFailed('invalid_token');
    return {
      userId: sub,
      name,
      role,
      agency: role === 'agency' ? (agency as Actor['agency']) : undefined,
      applicantId: role === 'applicant' ? (applicantId as string) : undefined,
    };
  }

  /**
   * A token without exp never expires; one valid for a year is as good as a password. The
   * lifetime counts from iat, or from now without one — and never from an iat in the future,
   * which would hide how long the token really lasts.
   */
  private assertBoundedLifetime(claims: jwt.JwtPayload): void {
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) throw new AuthenticationFailed('token_lifetime');
    const from = typeof claims.iat === 'number' && Number.isFinite(claims.iat) ? Math.min(claims.iat, now) : now;
    if (claims.exp - from > this.settings.maxLifetimeSeconds) throw new AuthenticationFailed('token_lifetime');
  }

  get canIssue(): boolean {
    return Boolean(this.settings.devPrivateKey);
  }

  /** Development tokens, as the external issuer would mint them: never longer than the API accepts. */
  issue(actor: Actor, expiresInSeconds = 8 * 3600): string {
    if (!this.settings.devPrivateKey) throw new Error('no development signing key configured');
    return signToken(actor, {
      privateKey: this.settings.devPrivateKey,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      expiresInSeconds: Math.min(expiresInSeconds, this.settings.maxLifetimeSeconds),
    });
  }
}

export function signToken(actor: Actor, o: { privateKey: string; issuer: string; audience: string; expiresInSeconds?: number }): string {
  const claims: Claims = { sub: actor.userId, name: actor.name, role: actor.role, agency: actor.agency, applicantId: actor.applicantId };
  return jwt.sign(claims, o.privateKey, { algorithm: 'RS256', issuer: o.issuer, audience: o.audience, expiresIn: o.expiresInSeconds ?? 3600 });
}
