import { beijingDate, firstAnniversary, isIsoDate } from './calendar-date';

describe('calendar dates in Beijing time', () => {
  it('turns 16:00 UTC into the next Beijing day', () => {
    expect(beijingDate(new Date('2026-11-24T15:59:59Z'))).toBe('2026-11-24');
    expect(beijingDate(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
  });

  it('finds the first anniversary', () => {
    expect(firstAnniversary('2025-06-30')).toBe('2026-06-30');
    expect(firstAnniversary('2024-02-29')).toBe('2025-03-01');
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-28')).toBe(false);
    expect(isIsoDate(20260228)).toBe(false);
  });
});
