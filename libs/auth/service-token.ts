import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';

/**
 * Service-to-service credentials for the departments' services: a short-lived JWT, RS256, that
 * the calling service signs with its own private key and the departments verify with the
 * matching public key. The token names the caller as issuer and subject, and the departments as
 * audience, so a token minted for the departments is worth nothing anywhere else (and a user
 * token of the API, whose audience differs, is worth nothing here).
 *
 * Why a signed token and not mTLS: the services talk plain HTTP on 127.0.0.1 in development and
 * tests, and behind whatever TLS terminator a deployment puts in front of them; a bearer token
 * works unchanged across all of them, is verified inside the app (so no deployment can forget
 * it), names which service called in the departments' logs, and reuses the RS256 verification
 * the API already trusts. mTLS would need a CA, certificates per service and TLS on every hop.
 */

/** The `aud` every call to the departments carries. */
export const DEPARTMENTS_AUDIENCE = 'beijing-departments';
/** Tokens live this long; a signer reuses one for half of that before minting the next. */
export const SERVICE_TOKEN_LIFETIME_SECONDS = 120;
/** The departments refuse tokens older than this, whatever their `exp` says: short-lived means short-lived. */
export const SERVICE_TOKEN_MAX_AGE_SECONDS = 600;

export const PRIVATE_KEY_SETTING = 'DEPARTMENTS_SERVICE_PRIVATE_KEY';
export const PUBLIC_KEY_SETTING = 'DEPARTMENTS_SERVICE_PUBLIC_KEY';

const PEM_PUBLIC_KEY = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/** Mints (and reuses, while fresh) the bearer token one calling service sends to the departments. */
export class ServiceTokenSigner {
  private cached?: { token: string; renewAt: number };

  constructor(
    /** The calling service, e.g. `approvals-worker`: issuer and subject of its tokens. */
    readonly service: string,
    private readonly privateKey: string,
    private readonly lifetimeSeconds = SERVICE_TOKEN_LIFETIME_SECONDS,
  ) {
    if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKey)) throw new Error(`${PRIVATE_KEY_SETTING} must be a PEM private key (RS256)`);
  }

  token(): string {
    const now = Date.now();
    if (!this.cached || now >= this.cached.renewAt) {
      const token = jwt.sign({}, this.privateKey, {
        algorithm: 'RS256',
        issuer: this.service,
        subject: this.service,
        audience: DEPARTMENTS_AUDIENCE,
        expiresIn: this.lifetimeSeconds,
      });
      this.cached = { token, renewAt: now + (this.lifetimeSeconds * 1000) / 2 };
    }
    return this.cached.token;
  }

  /** The header to add to every request to the departments. */
  headers(): { authorization: string } {
    return { authorization: `Bearer ${this.token()}` };
  }
}

/**
 * The signer for a caller whose environment holds the key: `DEPARTMENTS_SERVICE_PRIVATE_KEY` (PEM)
 * or `DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE`. Tests, chaos, the benchmark and tools use it; the
 * worker gets its key through its validated configuration.
 */
export function departmentsCaller(service: string, env: Record<string, string | undefined> = process.env): ServiceTokenSigner {
  const key = env[PRIVATE_KEY_SETTING] || (env[`${PRIVATE_KEY_SETTING}_FILE`] ? readFileSync(env[`${PRIVATE_KEY_SETTING}_FILE`]!, 'utf8') : undefined);
  if (!key) throw new Error(`${PRIVATE_KEY_SETTING} (or ${PRIVATE_KEY_SETTING}_FILE) is not set: calls to the departments must be signed`);
  return new ServiceTokenSigner(service, key);
}

/** Each PEM public key in a setting: several may be given, so a key can be rotated without a gap. */
export function publicKeysIn(pem: string): string[] {
  return pem.match(PEM_PUBLIC_KEY) ?? [];
}

export class ServiceTokenError extends Error {}

/** Verifies a caller's token: RS256 only, the departments' audience, issuer = subject, short-lived. */
export class ServiceTokenVerifier {
  private readonly keys: string[];

  constructor(publicKeys: string) {
    this.keys = publicKeysIn(publicKeys);
    if (this.keys.length === 0) throw new Error(`${PUBLIC_KEY_SETTING} must hold at least one PEM public key`);
  }

  /** The calling service's name; throws ServiceTokenError saying why a token is refused. */
  verify(token: string): string {
    let reason = 'invalid signature';
    for (const key of this.keys) {
      let claims: jwt.JwtPayload;
      try {
        claims = jwt.verify(token, key, { algorithms: ['RS256'], audience: DEPARTMENTS_AUDIENCE, maxAge: SERVICE_TOKEN_MAX_AGE_SECONDS }) as jwt.JwtPayload;
      } catch (error) {
        reason = (error as Error).message;
        // Another key may have signed it; anything but the signature is wrong whichever key did.
        if (reason === 'invalid signature') continue;
        throw new ServiceTokenError(reason);
      }
      if (typeof claims.exp !== 'number') throw new ServiceTokenError('token has no expiry');
      if (!claims.sub || claims.iss !== claims.sub) throw new ServiceTokenError('issuer and subject must both name the calling service');
      return claims.sub;
    }
    throw new ServiceTokenError(reason);
  }
}
