import type { ChaosEnterprise, ChaosScenario, ChaosScript, ExpectedEffect } from './chaos-script';
import { registrationSeed } from './chaos-script';

/** 报备即批准 in a chaos run: mostly the fast path, as in real life, and the normal path with and without a correction. */
const CERTIFICATE: ExpectedEffect[] = [
  { department: 'zgc', table: 'zgc.certificates', countSql: 'SELECT count(*)::int AS n FROM zgc.certificates WHERE case_id = $1' },
  {
    department: 'tax',
    table: 'tax.preferential_status',
    countSql: 'SELECT count(*)::int AS n FROM tax.preferential_status t JOIN zgc.certificates c ON c.number = t.certificate_number WHERE c.case_id = $1',
  },
  {
    department: 'district',
    table: 'district.cultivation_list',
    countSql: 'SELECT count(*)::int AS n FROM district.cultivation_list d JOIN zgc.certificates c ON c.number = d.certificate_number WHERE c.case_id = $1',
  },
];

function scenario(name: string, share: number, fast: boolean, returns?: string[]): ChaosScenario {
  return {
    name,
    share,
    // The fast path needs R&D at least 60% domestic; 40% sends the case down the normal path.
    seeds: (e: ChaosEnterprise) => [
      registrationSeed(e),
      { method: 'PUT', path: `/tax/rd-expenses/${e.creditCode}/2025`, body: { domesticYuan: fast ? 6_000_000 : 1_200_000, totalYuan: 10_000_000 } },
      { method: 'PUT', path: `/statistics/enterprise-scale/${e.creditCode}/2025`, body: { aboveDesignatedSize: true } },
      { method: 'PUT', path: `/zgc/enterprises/${e.creditCode}`, body: { name: e.name, techField: 'integrated-circuits' } },
    ],
    application: (e: ChaosEnterprise) =>
      fast
        ? { creditCode: e.creditCode, techField: 'integrated-circuits' }
        : { creditCode: e.creditCode, enterpriseName: e.name, techField: 'integrated-circuits', rdExpenses: { year: 2025, domesticYuan: 1_200_000, totalYuan: 10_000_000 } },
    endStatus: 'certified',
    onceActions: ['certificate-issued'],
    effects: () => CERTIFICATE,
    returns,
  };
}

export const chaos: ChaosScript = {
  scenarios: [scenario('high-tech-fast', 50, true), scenario('high-tech-normal', 5, false), scenario('high-tech-correction', 5, false, ['形式审查'])],
  agencies: ['zgc', 'finance', 'tax'],
  experts: ['expert-1', 'expert-2', 'expert-3', 'expert-4', 'expert-5'],
  act: (step, role) => (role === 'expert' ? [`/steps/${step.id}/score`, { score: 85, opinion: '研发投入真实，技术领域符合' }] : undefined),
};
