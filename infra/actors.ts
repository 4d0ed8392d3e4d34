import type { Actor, DepartmentCode } from '../libs/domain';

/**
 * The people scripts play (chaos run, bench): the same claims the external issuer puts in a
 * token, so the API treats them as it treats real users. `tag` keeps each script's users apart.
 */
export const applicantActor = (creditCode: string): Actor => ({ userId: `applicant-${creditCode}`, name: `申请人 ${creditCode}`, role: 'applicant', applicantId: creditCode });
export const agencyActor = (agency: DepartmentCode, tag: string): Actor => ({ userId: `${agency}-${tag}`, name: `${agency} 值班员`, role: 'agency', agency });
export const expertActor = (userId: string): Actor => ({ userId, name: userId, role: 'expert' });
