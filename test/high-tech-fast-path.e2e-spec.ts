import { api, eventually, idempotencyKey } from './support/http';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';

async function fileAndAwaitDecision(application: unknown) {
  const filed = await api('POST', '/cases/high-tech', application, { 'Idempotency-Key': idempotencyKey() });
  expect(filed.status).toBe(201);
  return eventually(`decision on ${filed.body.id}`, async () => {
    const answer = await api('GET', `/cases/${filed.body.id}`);
    return answer.status === 200 && answer.body.status !== 'verifying' ? answer.body : undefined;
  });
}

describe('报备即批准 fast path over HTTP', () => {
  it('approves an eligible enterprise on filing, with every criterion and its source shown', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const decided = await fileAndAwaitDecision(applicationFor(enterprise));

    expect(decided.status).toBe('approved');
    expect(decided.decision).toBe('approved-on-filing');
    expect(decided.criteria.map((c: any) => [c.criterion, c.passed])).toEqual([
      ['beijing-enterprise', true],
      ['priority-field', true],
      ['production-or-rd', true],
      ['above-designated-size', true],
      ['operating-one-year', true],
      ['domestic-rd-share', true],
      ['declaration-matches', true],
    ]);
    expect(decided.criteria.find((c: any) => c.criterion === 'domestic-rd-share').reason).toContain('60.0%');
    expect(decided.sharedData.rdExpenses.source).toBe('北京市税务局');
    expect(decided.timeline.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['filed', 'shared-data-received', 'approved-on-filing']),
    );
    expect(decided.timeline.filter((e: any) => e.action === 'shared-data-received')).toHaveLength(4);
  });
});
