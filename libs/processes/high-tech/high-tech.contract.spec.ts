import { lastDayOfYears } from '../../domain/calendar-date';
import { caseHasEnded } from '../registry';
import { recertificationOpensOn } from './high-tech.contract';

describe('one open case per subject', () => {
  it('ends a case at its decision, not while it is under way', () => {
    expect(caseHasEnded('high-tech', 'certified')).toBe(true);
    expect(caseHasEnded('high-tech', 'withdrawn')).toBe(true);
    expect(caseHasEnded('high-tech', 'public-notice')).toBe(false);
    expect(caseHasEnded('high-tech', 'awaiting-applicant')).toBe(false);
    // Listed, the subsidies still follow; the permits issued, the requested branches still run.
    expect(caseHasEnded('listing', 'listed')).toBe(false);
    expect(caseHasEnded('listing', 'completed')).toBe(true);
    expect(caseHasEnded('talent-permits', 'permits-issued')).toBe(false);
    expect(caseHasEnded('talent-permits', 'completed')).toBe(true);
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
