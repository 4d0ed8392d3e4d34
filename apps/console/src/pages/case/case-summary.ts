import type { CaseView } from '../../api/views';
import { yuan } from '../../format';

/**
 * What the case's header adds to its conclusion: the amount a reward decision granted (the yearly
 * ledger's grant, in the case's details), with what was asked when it granted less.
 */
export function conclusionAmount(c: Pick<CaseView, 'details'>): string {
  const grant = c.details?.grant as { grantedYuan?: unknown; requestedYuan?: unknown; year?: unknown; released?: unknown } | undefined;
  if (!grant || typeof grant.grantedYuan !== 'number' || grant.grantedYuan <= 0) return '';
  const year = typeof grant.year === 'number' ? `${grant.year}年度，` : '';
  const asked = typeof grant.requestedYuan === 'number' && grant.requestedYuan > grant.grantedYuan ? `，申请 ${yuan(grant.requestedYuan)}` : '';
  const released = grant.released ? '，已释放' : '';
  return `（${year}核定奖励 ${yuan(grant.grantedYuan)}${asked}${released}）`;
}

/** The header's date of the end: a withdrawal is the applicant's, not a decision. */
export function endedAtLabel(c: Pick<CaseView, 'status'>): string {
  return c.status === 'withdrawn' ? '撤回时间' : '决定时间';
}
