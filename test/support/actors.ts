import { signToken } from '../../libs/auth';
import type { Actor } from '../../libs/domain';
import type { DepartmentCode } from '../../libs/domain';
import { HttpAnswer, http } from './http';

/** Tokens as the external issuer would mint them, with the stack's development key. */
export function tokenFor(actor: Actor, expiresInSeconds = 600): string {
  const privateKey = process.env.AUTH_DEV_PRIVATE_KEY;
  if (!privateKey) throw new Error('AUTH_DEV_PRIVATE_KEY not set: is the e2e global setup running?');
  return signToken(actor, { privateKey, issuer: process.env.AUTH_JWT_ISSUER!, audience: process.env.AUTH_JWT_AUDIENCE!, expiresInSeconds });
}

export const applicant = (creditCode: string): Actor => ({ userId: `applicant-${creditCode}`, name: `申请人 ${creditCode}`, role: 'applicant', applicantId: creditCode });
export const agencyStaff = (agency: DepartmentCode, userId = `${agency}-staff`): Actor => ({ userId, name: `${agency} 工作人员 ${userId}`, role: 'agency', agency });
export const supervisor = (): Actor => ({ userId: 'supervisor-1', name: '电子监察', role: 'supervisor' });

/** The API as one person uses it: every call carries their bearer token. */
export function as(actor: Actor) {
  const auth = { authorization: `Bearer ${tokenFor(actor)}` };
  return {
    actor,
    get: <T = any>(path: string, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> => http<T>('api', 'GET', path, undefined, { ...auth, ...headers }),
    post: <T = any>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> => http<T>('api', 'POST', path, body ?? {}, { ...auth, ...headers }),
    put: <T = any>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> => http<T>('api', 'PUT', path, body ?? {}, { ...auth, ...headers }),
  };
}
export type ApiUser = ReturnType<typeof as>;

export const expert = (userId: string, name = userId): Actor => ({ userId, name, role: 'expert' });
