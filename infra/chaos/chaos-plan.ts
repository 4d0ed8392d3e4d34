import { randomCreditCode } from '../../libs/domain';
import { talentApplication } from '../talent-application';

/** What each chaos case plays: its process, which agency returns it for correction, what it asks for. */
export type Scenario =
  | 'high-tech-fast'
  | 'high-tech-normal'
  | 'high-tech-correction'
  | 'listing'
  | 'listing-finding'
  | 'listing-refused'
  | 'talent'
  | 'talent-correction'
  | 'talent-housing';

export type ProcessPath = 'high-tech' | 'listing' | 'talent-permits';

/** An effect a department must hold exactly once when the case has ended: table, and the column keyed by the case. */
export interface ExpectedEffect {
  department: string;
  table: string;
  /** SQL that counts this case's rows of the effect; $1 is the case id. */
  countSql: string;
}

export interface PlannedCase {
  n: number;
  scenario: Scenario;
  path: ProcessPath;
  creditCode: string;
  idempotencyKey: string;
  application: object;
  /** The case status the process must end in. */
  endStatus: string;
  /** Timeline actions that mark the way to that end; each must appear exactly once. */
  onceActions: string[];
  effects: ExpectedEffect[];
  /** Filled in once filed. */
  caseId?: string;
  filedAt?: number;
}

/** Share of each scenario in a run: mostly fast path, as in real life, with every process and branch present. */
const MIX: Array<[Scenario, number]> = [
  ['high-tech-fast', 50],
  ['high-tech-normal', 5],
  ['high-tech-correction', 5],
  ['listing', 10],
  ['listing-finding', 6],
  ['listing-refused', 2],
  ['talent', 9],
  ['talent-correction', 7],
  ['talent-housing', 6],
];


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
const PERMITS: ExpectedEffect[] = [
  { department: 'hr-social-security', table: 'hr_social_security.work_permits', countSql: 'SELECT count(*)::int AS n FROM hr_social_security.work_permits WHERE case_id = $1' },
  { department: 'public-security', table: 'public_security.residence_permits', countSql: 'SELECT count(*)::int AS n FROM public_security.residence_permits WHERE case_id = $1' },
];
const HOUSING: ExpectedEffect = {
  department: 'housing',
  table: 'housing.talent_rental_allocations',
  countSql: 'SELECT count(*)::int AS n FROM housing.talent_rental_allocations WHERE case_id = $1',
};
const DEFERRAL: ExpectedEffect = {
  department: 'tax',
  table: 'tax.stock_incentive_deferrals',
  countSql: 'SELECT count(*)::int AS n FROM tax.stock_incentive_deferrals WHERE case_id = $1',
};

/** The department records an enterprise needs before it files, loaded through the departments' dev endpoints. */
export interface Seed {
  method: 'PUT';
  path: string;
  body: unknown;
}

export function seedsFor(c: PlannedCase): Seed[] {
  const code = c.creditCode;
  const name = `北京混沌测试${c.n}科技有限公司`;
  const registration: Seed = {
    method: 'PUT',
    path: `/market-supervision/registrations/${code}`,
    body: { name, registeredOn: '2018-05-20', province: '北京市', district: '海淀区', businessType: 'production' },
  };
  switch (c.path) {
    case 'high-tech': {
      // The fast path needs R&D at least 60% domestic; 40% sends the case down the normal path.
      const domesticYuan = c.scenario === 'high-tech-fast' ? 6_000_000 : 1_200_000;
      return [
        registration,
        { method: 'PUT', path: `/tax/rd-expenses/${code}/2025`, body: { domesticYuan, totalYuan: 10_000_000 } },
        { method: 'PUT', path: `/statistics/enterprise-scale/${code}/2025`, body: { aboveDesignatedSize: true } },
        { method: 'PUT', path: `/zgc/enterprises/${code}`, body: { name, techField: 'integrated-circuits' } },
      ];
    }
    case 'listing': {
      if (c.scenario === 'listing-refused') return [];
      const seeds: Seed[] = [{ method: 'PUT', path: `/zgc/unicorns/${code}`, body: { name, zhongguancun: c.n % 2 === 0, listedInLibraryOn: '2024-05-10' } }];
      if (c.scenario === 'listing-finding') {
        seeds.push({ method: 'PUT', path: `/ecology/compliance-records/${code}`, body: { findings: [{ id: `HB-${c.n}`, date: '2024-03-12', summary: '废气排放超标' }] } });
      }
      return seeds;
    }
    case 'talent-permits':
      return [registration];
  }
}

function pathOf(scenario: Scenario): ProcessPath {
  return scenario.startsWith('high-tech') ? 'high-tech' : scenario.startsWith('listing') ? 'listing' : 'talent-permits';
}

function applicationFor(n: number, scenario: Scenario, code: string): object {
  const name = `北京混沌测试${n}科技有限公司`;
  switch (pathOf(scenario)) {
    case 'high-tech':
      return scenario === 'high-tech-fast'
        ? { creditCode: code, techField: 'integrated-circuits' }
        : { creditCode: code, enterpriseName: name, techField: 'integrated-circuits', rdExpenses: { year: 2025, domesticYuan: 1_200_000, totalYuan: 10_000_000 } };
    case 'listing':
      return { creditCode: code, enterpriseName: name, exchange: 'BSE', sponsor: '中信建投证券股份有限公司', district: '海淀区' };
    case 'talent-permits':
      return talentApplication(
        { creditCode: code, name },
        // Distinct per case, so a passport seen in the wrong case would be noticed.
        { name: `Talent ${n}`, passportNumber: `C${String(n).padStart(8, '0')}` },
        { workResidencePermit: false, talentHousing: scenario === 'talent-housing' },
      );
  }
}

function endOf(scenario: Scenario): Pick<PlannedCase, 'endStatus' | 'onceActions' | 'effects'> {
  switch (scenario) {
    case 'high-tech-fast':
    case 'high-tech-normal':
    case 'high-tech-correction':
      return { endStatus: 'certified', onceActions: ['certificate-issued'], effects: CERTIFICATE };
    case 'listing-refused':
      return { endStatus: 'refused', onceActions: ['refused'], effects: [] };
    case 'listing':
    case 'listing-finding':
      return { endStatus: 'completed', onceActions: ['compliance-report-issued', 'issuance-recorded'], effects: [] };
    case 'talent':
    case 'talent-correction':
      return { endStatus: 'completed', onceActions: ['work-permit-issued', 'residence-permit-issued'], effects: PERMITS };
    case 'talent-housing':
      return { endStatus: 'completed', onceActions: ['work-permit-issued', 'residence-permit-issued'], effects: [...PERMITS, HOUSING] };
  }
}

/** The run's cases, in a shuffled order that still holds the mix exactly. */
export function planCases(count: number, runId: string): PlannedCase[] {
  const total = MIX.reduce((sum, [, share]) => sum + share, 0);
  const scenarios: Scenario[] = [];
  for (const [scenario, share] of MIX) for (let i = 0; i < Math.max(1, Math.round((count * share) / total)); i += 1) scenarios.push(scenario);
  while (scenarios.length > count) scenarios.splice(scenarios.indexOf('high-tech-fast'), 1);
  while (scenarios.length < count) scenarios.push('high-tech-fast');
  // A fixed shuffle (by index), so two runs of one size play the same order.
  const ordered = scenarios.map((s, i) => ({ s, k: (i * 7919) % scenarios.length })).sort((a, b) => a.k - b.k).map((x) => x.s);
  return ordered.map((scenario, n) => {
    const code = randomCreditCode();
    const end = endOf(scenario);
    // Zhongguancun unicorns (even n) get the stock-incentive flag from 税务局.
    const effects = scenario.startsWith('listing') && scenario !== 'listing-refused' && n % 2 === 0 ? [...end.effects, DEFERRAL] : end.effects;
    return {
      n,
      scenario,
      path: pathOf(scenario),
      creditCode: code,
      idempotencyKey: `chaos-${runId}-${n}`,
      application: applicationFor(n, scenario, code),
      ...end,
      effects,
    };
  });
}
