import { FaultsService, PASS_THROUGH } from './faults.service';

describe('FaultsService', () => {
  let now = 1_000_000;
  beforeEach(() => {
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('fails the next count requests, then lets requests through', () => {
    const faults = new FaultsService();
    faults.plan('tax', { count: 2, status: 503, delayMs: 0 });
    const statuses = [1, 2, 3].map(() => faults.take('tax', '/tax/x')?.status);
    expect(statuses).toEqual([503, 503, undefined]);
    expect(faults.report().tax).toEqual({ requests: 3, failed: 2, delayed: 0, pending: 0 });
  });

  it('plays an outage: every request fails until it ends, however many there are', () => {
    const faults = new FaultsService();
    faults.plan('statistics', { count: 0, until: now + 60_000, status: 503, delayMs: 0 });
    const during = Array.from({ length: 50 }, () => faults.take('statistics', '/statistics/x')?.status);
    expect(new Set(during)).toEqual(new Set([503]));
    expect(faults.report().statistics.outageUntil).toBe(new Date(now + 60_000).toISOString());
    now += 60_000;
    expect(faults.take('statistics', '/statistics/x')).toBeUndefined();
    expect(faults.report().statistics).toEqual({ requests: 51, failed: 50, delayed: 0, pending: 0 });
  });

  it('keeps a fault for one enterprise away from the others', () => {
    const faults = new FaultsService();
    faults.plan('tax', { count: 1, status: PASS_THROUGH, delayMs: 10, creditCode: '91110108MA01XQ4T72' });
    expect(faults.take('tax', '/tax/91110105MA02LK8P3N')).toBeUndefined();
    expect(faults.take('tax', '/tax/91110108MA01XQ4T72')?.status).toBe(PASS_THROUGH);
    expect(faults.report().tax).toMatchObject({ failed: 0, delayed: 1 });
  });
});
