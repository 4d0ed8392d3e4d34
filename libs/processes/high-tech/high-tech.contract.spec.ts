import { lastDayOfYears } from '../../domain/calendar-date';
import { HIGH_TECH_CONTRACT, recertificationOpensOn } from './high-tech.contract';

describe('高新技术企业认定: one open case, and 重新认定', () => {
  it('ends a case at its decision (certified, even with a spot check to follow), not while it is under way', () => {
    expect(HIGH_TECH_CONTRACT.endedStatuses).toEqual(expect.arrayContaining(['certified', 'withdrawn', 'refused', 'rejected', 'revoked']));
    expect(HIGH_TECH_CONTRACT.endedStatuses).not.toContain('public-notice');
    expect(HIGH_TECH_CONTRACT.endedStatuses).not.toContain('awaiting-applicant');
  });

  it('bars filing again while a valid certificate has more than its last year to run, saying from when', () => {
    const bar = HIGH_TECH_CONTRACT.refilingBar!;
    expect(bar.entry).toBe('certificate');
    expect(bar.opensOn('2029-11-24')).toBe('2028-11-25');
    expect(bar.refusal({ number: 'GR20261100001', validUntil: '2029-11-24', issuedOn: '2026-11-25' }, '2028-11-25')).toBe(
      '该企业持有有效的高新技术企业证书 GR20261100001（有效期至 2029-11-24），证书有效期最后一年内（2028-11-25 起）方可申请重新认定',
    );
  });

  it('opens re-certification on the first day of the certificate’s last year of validity', () => {
    expect(recertificationOpensOn('2029-11-24')).toBe('2028-11-25');
    expect(recertificationOpensOn(lastDayOfYears('2026-11-25', 3))).toBe('2028-11-25');
    expect(recertificationOpensOn('2029-12-31')).toBe('2029-01-01');
  });

  it('keeps to the issue date’s month and day across 29 February', () => {
    // Issued 2025-03-01: valid until 2028-02-29; the third year starts 2027-03-01.
    expect(recertificationOpensOn(lastDayOfYears('2025-03-01', 3))).toBe('2027-03-01');
    // Issued 2024-02-29: valid until 2027-02-28; two years on is 1 March, as for any anniversary.
    expect(recertificationOpensOn(lastDayOfYears('2024-02-29', 3))).toBe('2026-03-01');
  });
});
