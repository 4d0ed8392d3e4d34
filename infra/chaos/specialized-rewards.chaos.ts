import type { ChaosEnterprise, ChaosScenario, ChaosScript, ExpectedEffect, Seed } from './chaos-script';

/**
 * 专精特新 international-registration rewards in a chaos run: a product the departments bear out
 * (accepted on filing, approved, 公示, paid), and one whose declared name differs from 市经信局's
 * roster (to 受理, accepted, returned once at 审核, then rewarded). One product per enterprise,
 * so every case is granted in full; the ceiling across concurrent cases has its own e2e test.
 */
const PAYMENT: ExpectedEffect = {
  department: 'finance',
  table: 'finance.reward_payments',
  countSql: 'SELECT count(*)::int AS n FROM finance.reward_payments WHERE case_id = $1',
};

const dayAgo = (days: number) => new Date(Date.now() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
const product = (e: ChaosEnterprise) => `混沌测试单抗${e.n}号`;
/** Two declarations per case, numbered by the case: unique in the run's fresh departments. */
const declarations = (e: ChaosEnterprise) => [`88${String(e.n).padStart(16, '0')}`, `89${String(e.n).padStart(16, '0')}`];

function seeds(e: ChaosEnterprise): Seed[] {
  const year = Number(dayAgo(0).slice(0, 4));
  return [
    { method: 'PUT', path: `/economy-it/specialized-enterprises/${e.creditCode}/municipal-little-giant`, body: { name: e.name, listYear: year - 1, validUntil: `${year + 2}-12-31` } },
    {
      method: 'PUT',
      path: `/medical-products/production-licences/${e.creditCode}/${encodeURIComponent(product(e))}`,
      body: { licenceNumber: `京C${String(e.n).padStart(8, '0')}`, productType: 'drug', issuedOn: '2021-03-01', validUntil: `${year + 3}-02-28`, status: 'valid' },
    },
    ...declarations(e).map((number, i) => ({
      method: 'PUT' as const,
      path: `/customs/export-declarations/${number}`,
      body: { creditCode: e.creditCode, productName: product(e), market: 'US', declaredOn: dayAgo(200 - 90 * i), amountYuan: 1_500_000 },
    })),
  ];
}

function scenario(name: string, share: number, declaredName: (e: ChaosEnterprise) => string, onceActions: string[], returns?: string[]): ChaosScenario {
  return {
    name,
    share,
    seeds,
    application: (e) => ({
      creditCode: e.creditCode,
      enterpriseName: declaredName(e),
      product: { name: product(e), type: 'drug' },
      registration: { agency: 'FDA', number: `BLA ${String(700000 + e.n)}`, registeredOn: dayAgo(300) },
      exportDeclarations: declarations(e),
    }),
    endStatus: 'rewarded',
    onceActions: [...onceActions, 'reward-reserved', 'reward-paid', 'reward-decision-published'],
    effects: () => [PAYMENT],
    returns,
  };
}

export const chaos: ChaosScript = {
  scenarios: [
    scenario('specialized-rewards', 6, (e) => e.name, ['accepted-on-filing']),
    scenario('specialized-rewards-mismatch', 2, (e) => `${e.name}（曾用名）`, ['referred-to-acceptance'], ['审核']),
  ],
  agencies: ['economy-it'],
};
