import type { ProcessCode } from './case-record';
import type { HighTechStatus } from './high-tech.contract';
import type { ListingStatus } from './listing.contract';
import type { TalentStatus } from './talent-permits.contract';

/**
 * One open case per subject and process: an enterprise has one 高新技术企业认定 and one 即报即审
 * application under way at a time, an employer one 两证联办 per foreign talent. A case is open
 * until it reaches one of these statuses; after that its subject may be filed for again.
 * Certified ends a high-tech case although a spot check may still follow: the certificate, not
 * the case, is what then stands in the way of another filing (see `recertificationOpensOn`).
 */
const ENDED: { 'high-tech': readonly HighTechStatus[]; listing: readonly ListingStatus[]; 'talent-permits': readonly TalentStatus[] } = {
  'high-tech': ['certified', 'revoked', 'refused', 'rejected', 'withdrawn'],
  listing: ['refused', 'rejected', 'withdrawn', 'completed'],
  'talent-permits': ['rejected', 'withdrawn', 'completed'],
};

export function caseHasEnded(process: ProcessCode, status: string): boolean {
  return (ENDED[process] as readonly string[]).includes(status);
}

/** What a refusal calls each process. */
export const PROCESS_NAMES: Record<ProcessCode, string> = {
  'high-tech': '高新技术企业认定',
  listing: '上市即报即审',
  'talent-permits': '两证联办',
};

/**
 * The first day an enterprise holding a valid certificate may file for certification again:
 * the first day of the certificate's last year of validity, i.e. once fewer than twelve months
 * of it remain (a certificate issued 2026-11-25, valid until 2029-11-24, may be renewed from
 * 2028-11-25). 《高新技术企业认定管理办法》 Art. 9 gives three years' validity and sets no earlier
 * window; 国家税务总局公告2017年第24号 speaks of re-certification in the year the qualification
 * expires (资格期满当年). That calendar year never begins before this date, so no filing the
 * tax rules expect is refused.
 */
export function recertificationOpensOn(validUntil: string): string {
  const [y, m, d] = validUntil.split('-').map(Number);
  const lapses = new Date(Date.UTC(y, m - 1, d + 1));
  return new Date(Date.UTC(lapses.getUTCFullYear() - 1, lapses.getUTCMonth(), lapses.getUTCDate())).toISOString().slice(0, 10);
}
