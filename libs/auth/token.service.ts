import { Injectable, Logger } from '@nestjs/common';
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyLike } from 'jose';
import jwt from 'jsonwebtoken';
import type { Actor, Role } from '../domain/case-engine.contract';
import { DEPARTMENTS } from '../domain/departments';
import { ApiError } from '../dto/api-error';
import { ErrorCode, translate } from '../i18n/error-catalogue';
import { ClaimNames, DEFAULT_CLAIM_NAMES } from './claim-names';

export { ClaimNames, DEFAULT_CLAIM_NAMES } from './claim-names';

export interface AuthSettings {
  /** The OpenID provider's discovery document (…/.well-known/openid-configuration). */
  discoveryUrl: string;
  /** If given, the discovery document must name exactly this issuer. */
  issuer?: string;
  audience: string;
  claims: ClaimNames;
  /** The longest a token may be valid, in seconds (exp − iat, or exp − now without iat). */
  maxLifetimeSeconds: number;
  /** Development only: lets /auth/dev-login issue tokens (its key is published in the embedded provider's JWKS). Absent in production. */
  devPrivateKey?: string;
}

/** The issuer the API trusts and the keys it publishes. */
export interface IssuerKeys {
  issuer(): Promise<string>;
  getKey: JWTVerifyGetKey;
}

const ROLES: readonly Role[] = ['applicant', 'agency', 'supervisor', 'expert'];

/**
 * Why a request was not authenticated: a machine code in `error` (as before the catalogue) and
 * the catalogue's code. The message is fixed: never what the API expected (issuer, audience,
 * key), which the libraries' own messages would tell.
 */
const AUTH_FAILURE_CODES = {
  missing_token: 'auth.missingToken',
  invalid_token: 'auth.invalidToken',
  expired_token: 'auth.expiredToken',
  token_lifetime: 'auth.tokenLifetime',
  untrusted_issuer: 'auth.untrustedIssuer',
  wrong_audience: 'auth.wrongAudience',
  unknown_key: 'auth.unknownSigningKey',
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

/** Our one role among a provider's roles claim (a name or a list): none or two of ours is no role. */
function roleOf(claim: unknown): Role | undefined {
  const ours = (Array.isArray(claim) ? claim : [claim]).filter(isRole);
  return new Set(ours).size === 1 ? ours[0] : undefined;
}

/** RFC 7638 thumbprint of an RSA key: the `kid` the dev-login signs with and the embedded provider publishes. */
export function rsaKeyId(key: string | KeyObject): string {
  const publicKey = typeof key === 'string' ? createPublicKey(key.includes('PRIVATE KEY') ? createPrivateKey(key) : key) : createPublicKey(key);
  const { e, n } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(JSON.stringify({ e, kty: 'RSA', n })).digest('base64url');
}

/**
 * The issuer named by a discovery document and the keys its jwks_uri publishes (jose's remote
 * key set: cached, refetched when a token names a kid it does not know, at most once per
 * cooldown). The document is read on first use and again after a failure, so an API started
 * before its provider comes up once the provider does.
 */
export class DiscoveredIssuer implements IssuerKeys {
  private found?: Promise<{ issuer: string; keys: JWTVerifyGetKey }>;

  constructor(
    private readonly discoveryUrl: string,
    private readonly expectedIssuer?: string,
  ) {}

  issuer(): Promise<string> {
    return this.discover().then((d) => d.issuer);
  }

  getKey: JWTVerifyGetKey = async (header, token) => (await this.discover()).keys(header, token);

  private discover(): Promise<{ issuer: string; keys: JWTVerifyGetKey }> {
    this.found ??= this.read().catch((error: unknown) => {
      this.found = undefined;
      throw error;
    });
    return this.found;
  }

  private async read(): Promise<{ issuer: string; keys: JWTVerifyGetKey }> {
    const response = await fetch(this.discoveryUrl, { signal: AbortSignal.timeout(5000), headers: { accept: 'application/json' } });
    if (!response.ok) throw new IssuerUnavailable(`${this.discoveryUrl} answered ${response.status}`);
    const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (typeof document.issuer !== 'string' || typeof document.jwks_uri !== 'string') throw new IssuerUnavailable(`${this.discoveryUrl} names no issuer or jwks_uri`);
    if (this.expectedIssuer && document.issuer !== this.expectedIssuer) {
      throw new IssuerUnavailable(`${this.discoveryUrl} names issuer ${document.issuer}, not AUTH_JWT_ISSUER ${this.expectedIssuer}`);
    }
    return { issuer: document.issuer, keys: createRemoteJWKSet(new URL(document.jwks_uri), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 }) };
  }
}

class IssuerUnavailable extends Error {}

/**
 * Verifies bearer tokens: RS256 only (so neither `alg: none` nor an HMAC signed with the public
 * key passes), by the keys the trusted issuer publishes; issuer, audience and expiry checked, a
 * bounded lifetime, and the claims must describe a whole actor.
 */
@Injectable()
export class TokenService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly settings: AuthSettings,
    private readonly keys: IssuerKeys = new DiscoveredIssuer(settings.discoveryUrl, settings.issuer),
  ) {}

  /** The trusted issuer (from its discovery document): the consoles sign in there. */
  async issuer(): Promise<string> {
    try {
      return await this.keys.issuer();
    } catch (error) {
      this.logger.error(`the OpenID provider cannot be read: ${(error as Error).message}`);
      throw new ApiError(503, 'auth.issuerUnavailable', {});
    }
  }

  async verify(token: string): Promise<Actor> {
    let claims: JWTPayload;
    const issuer = await this.issuer();
    let tokenIssuer: unknown;
    try {
      decodeProtectedHeader(token);
      tokenIssuer = decodeJwt(token).iss;
    } catch {
      throw new AuthenticationFailed('invalid_token');
    }
    // Another issuer's token is refused before its kid could make us refetch our issuer's keys.
    if (tokenIssuer !== issuer) throw new AuthenticationFailed('untrusted_issuer');
    try {
      claims = await this.verifiedClaims(token, issuer);
    } catch (error) {
      throw this.failure(error);
    }
    this.assertBoundedLifetime(claims);
    const names = this.settings.claims;
    const { sub } = claims;
    const name = claims[names.name];
    const role = roleOf(claims[names.roles]);
    const agency = claims[names.agency];
    const applicantId = claims[names.applicantId];
    // A user id and name land in varchar(100) columns (assignee, decided_by): longer would block every write of a case they touch.
    if (!isText(sub, 100) || !isText(name, 100) || !role) throw new AuthenticationFailed('invalid_token');
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
   * The claims of a token whose signature one of the issuer's keys verifies. A token without a
   * kid, while the issuer publishes several keys (during a rotation), is tried against each, as
   * jose's documentation shows: the kid is optional in a JWS.
   */
  private async verifiedClaims(token: string, issuer: string): Promise<JWTPayload> {
    const options = { algorithms: ['RS256'], issuer, audience: this.settings.audience };
    try {
      return (await jwtVerify(token, this.keys.getKey, options)).payload;
    } catch (error) {
      if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
      for await (const key of error as errors.JWKSMultipleMatchingKeys & AsyncIterable<KeyLike>) {
        try {
          return (await jwtVerify(token, key, options)).payload;
        } catch (attempt) {
          if (!(attempt instanceof errors.JWSSignatureVerificationFailed)) throw attempt;
        }
      }
      throw new errors.JWSSignatureVerificationFailed();
    }
  }

  private failure(error: unknown): Error {
    if (error instanceof errors.JWTExpired) return new AuthenticationFailed('expired_token');
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') return new AuthenticationFailed('wrong_audience');
    // A kid the issuer does not publish (any more: a retired key), even after refetching its keys.
    if (error instanceof errors.JWKSNoMatchingKey) return new AuthenticationFailed('unknown_key');
    // The provider's keys could not be had (down, slow, garbled): no verdict on the token, and not the caller's fault.
    const unavailable = error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError) || error.code === 'ERR_JOSE_GENERIC';
    if (!unavailable) return new AuthenticationFailed('invalid_token');
    this.logger.error(`the OpenID provider's keys cannot be read: ${(error as Error).message}`);
    return new ApiError(503, 'auth.issuerUnavailable', {});
  }

  /**
   * A token without exp never expires; one valid for a year is as good as a password. The
   * lifetime counts from iat, or from now without one — and never from an iat in the future,
   * which would hide how long the token really lasts.
   */
  private assertBoundedLifetime(claims: JWTPayload): void {
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) throw new AuthenticationFailed('token_lifetime');
    const from = typeof claims.iat === 'number' && Number.isFinite(claims.iat) ? Math.min(claims.iat, now) : now;
    if (claims.exp - from > this.settings.maxLifetimeSeconds) throw new AuthenticationFailed('token_lifetime');
  }

  get canIssue(): boolean {
    return Boolean(this.settings.devPrivateKey);
  }

  /** Development tokens, as the provider would mint them: never longer than the API accepts. */
  async issue(actor: Actor, expiresInSeconds = 8 * 3600): Promise<string> {
    if (!this.settings.devPrivateKey) throw new Error('no development signing key configured');
    return signToken(actor, {
      privateKey: this.settings.devPrivateKey,
      issuer: await this.issuer(),
      audience: this.settings.audience,
      expiresInSeconds: Math.min(expiresInSeconds, this.settings.maxLifetimeSeconds),
      claims: this.settings.claims,
    });
  }
}

/** A token as the provider mints it (its claim names, the key's thumbprint as kid): for dev-login, tests and scripts. */
export function signToken(actor: Actor, o: { privateKey: string; issuer: string; audience: string; expiresInSeconds?: number; claims?: ClaimNames }): string {
  const names = o.claims ?? DEFAULT_CLAIM_NAMES;
  const claims: Record<string, unknown> = { sub: actor.userId, [names.name]: actor.name, [names.roles]: [actor.role] };
  if (actor.agency) claims[names.agency] = actor.agency;
  if (actor.applicantId) claims[names.applicantId] = actor.applicantId;
  return jwt.sign(claims, o.privateKey, { algorithm: 'RS256', keyid: rsaKeyId(o.privateKey), issuer: o.issuer, audience: o.audience, expiresIn: o.expiresInSeconds ?? 3600 });
}
