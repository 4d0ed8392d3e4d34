import { applicant, as } from './support/actors';
import { applicationFor, eligibleEnterprise, EnterpriseProfile, loadEnterprise } from './support/enterprises';
import { failedCriteria, fileAndAwaitDecision, fileHighTech, awaitDecision } from './support/cases';
import { departments } from './support/http';

describe('报备即批准 fast path, filed over HTTP and decided on real servers', () => {
  it('approves an eligible enterprise on filing, showing every criterion with its source', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const decided = await fileAndAwaitDecision(applicationFor(enterprise));

    expect(decided.status).toBe('certified');
    expect(decided.decision).toBe('approved-on-filing');
    expect(decided.decidedAt).toEqual(expect.any(String));
    expect(decided.criteria.map((c: any) => [c.criterion, c.passed])).toEqual([
      ['beijing-enterprise', true],
      ['priority-field', true],
      ['production-or-rd', true],
      ['above-designated-size', true],
      ['operating-one-year', true],
      ['domestic-rd-share', true],
      ['good-credit', true],
      ['declaration-matches', true],
    ]);
    expect(decided.criteria.find((c: any) => c.criterion === 'domestic-rd-share').reason).toContain('60.0%');
    expect(decided.sharedData.rdExpenses).toEqual({
      source: '北京市税务局',
      record: { creditCode: enterprise.creditCode, year: 2025, domesticYuan: 6_000_000, totalYuan: 10_000_000 },
    });
    expect(decided.sharedData.registration.source).toBe('市市场监管局');
    const actions = decided.timeline.map((e: any) => e.action);
    expect(actions[0]).toBe('filed');
    expect(actions.filter((a: string) => a === 'shared-data-received')).toHaveLength(5);
    expect(actions).toContain('approved-on-filing');
    expect(decided.timeline.map((e: any) => e.seq)).toEqual(actions.map((_: string, i: number) => i + 1));
  });

  const oneFailure: Array<[string, Partial<EnterpriseProfile>, string]> = [
    ['registered outside Beijing', { province: '天津市', district: '滨海新区' }, 'beijing-enterprise'],
    ['in a field outside the four', { techField: 'new-energy' }, 'priority-field'],
    ['a trading company', { businessType: 'trading' }, 'production-or-rd'],
    ['below designated size', { aboveDesignatedSize: false }, 'above-designated-size'],
    ['registered less than a year ago', { registeredOn: new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10) }, 'operating-one-year'],
    ['with 49.99 % domestic R&D', { domesticYuan: 4_999_999, totalYuan: 10_000_000 }, 'domestic-rd-share'],
    ['unknown to the 中关村 enterprise database', { holds: { registration: true, tax: true, statistics: true, zgc: false } }, 'priority-field'],
  ];

  it.each(oneFailure)('refers an enterprise %s to normal review, naming that one criterion', async (_label, overrides, criterion) => {
    const enterprise = await loadEnterprise(eligibleEnterprise(overrides));
    const decided = await fileAndAwaitDecision(applicationFor(enterprise));

    // Off the fast path: 市科委 now decides whether to accept the application.
    expect(decided.status).toBe('acceptance');
    expect(decided.decision).toBeUndefined();
    expect(decided.steps.map((s: any) => [s.name, s.agency, s.status])).toEqual([['受理', 'zgc', 'open']]);
    expect(failedCriteria(decided)).toEqual([criterion]);
    const referral = decided.timeline.find((e: any) => e.action === 'referred-to-normal-review');
    expect(referral.detail.failedCriteria).toEqual([criterion]);
    expect(referral.reason).toBe(decided.criteria.find((c: any) => c.criterion === criterion).reason);
  });

  it('approves exactly 50 % domestic R&D', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise({ domesticYuan: 5_000_000, totalYuan: 10_000_000 }));
    const decided = await fileAndAwaitDecision(applicationFor(enterprise));
    expect(decided.status).toBe('certified');
    expect(decided.criteria.find((c: any) => c.criterion === 'domestic-rd-share').reason).toContain('50.0%');
  });

  it('takes a declaration that disagrees with the tax bureau off the fast path, with both values', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise({ domesticYuan: 4_000_000, totalYuan: 10_000_000 }));
    // The enterprise claims 80 % domestic; the tax bureau's records say 40 %.
    const decided = await fileAndAwaitDecision(applicationFor(enterprise, { rdExpenses: { year: 2025, domesticYuan: 8_000_000, totalYuan: 10_000_000 } }));

    expect(decided.status).toBe('acceptance');
    expect(decided.mismatches).toEqual([{ field: 'rdExpenses.domesticYuan', declared: 8_000_000, shared: 4_000_000, source: 'tax' }]);
    // The decision rests on the tax bureau's figures, not the declared ones.
    expect(failedCriteria(decided)).toEqual(['domestic-rd-share', 'declaration-matches']);
    expect(decided.criteria.find((c: any) => c.criterion === 'declaration-matches').reason).toContain('北京市税务局记载 4000000');
  });

  it('retries a department that answers 503 once, and the case still completes', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const before = (await departments('GET', '/dev/faults')).body.tax?.failed ?? 0;
    expect((await departments('POST', '/dev/faults', { department: 'tax', count: 1, status: 503, creditCode: enterprise.creditCode })).status).toBe(204);

    const decided = await fileAndAwaitDecision(applicationFor(enterprise));

    expect(decided.status).toBe('certified');
    const faults = (await departments('GET', '/dev/faults')).body;
    expect(faults.tax.failed).toBe(before + 1);
    // Retried by Temporal, not doubled on the timeline: one receipt per department.
    expect(decided.timeline.filter((e: any) => e.action === 'shared-data-received' && e.agency === 'tax')).toHaveLength(1);
  });

  it('gives the same case for a retried submission, and 409 for a different application under the same key', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const key = `retry-${enterprise.creditCode}`;
    const user = as(applicant(enterprise.creditCode));
    const first = await fileHighTech(applicationFor(enterprise), key, user);
    await awaitDecision(first.id, user);

    const again = await user.post('/cases/high-tech', applicationFor(enterprise), { 'Idempotency-Key': key });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.id);
    expect(again.body.status).toBe('certified');

    const different = await user.post('/cases/high-tech', applicationFor(enterprise, { enterpriseName: '另一家公司' }), { 'Idempotency-Key': key });
    expect(different.status).toBe(409);
    expect(different.body.errors[0].field).toBe('Idempotency-Key');
  });

  it('answers 404 for a case that does not exist', async () => {
    const answer = await as(applicant(eligibleEnterprise().creditCode)).get('/cases/high-tech-no-such-case-0000');
    expect(answer.status).toBe(404);
  });
});
