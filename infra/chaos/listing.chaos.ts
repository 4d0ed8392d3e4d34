import type { ChaosEnterprise, ChaosScenario, ChaosScript, ExpectedEffect } from './chaos-script';

/** 即报即审 in a chaos run: a clean unicorn, one with a finding its department confirms, and an enterprise not in the library. */
const DEFERRAL: ExpectedEffect = {
  department: 'tax',
  table: 'tax.stock_incentive_deferrals',
  countSql: 'SELECT count(*)::int AS n FROM tax.stock_incentive_deferrals WHERE case_id = $1',
};

const application = (e: ChaosEnterprise) => ({ creditCode: e.creditCode, enterpriseName: e.name, exchange: 'BSE', sponsor: '中信建投证券股份有限公司', district: '海淀区' });

function listed(name: string, share: number, finding: boolean): ChaosScenario {
  return {
    name,
    share,
    seeds: (e) => [
      { method: 'PUT', path: `/zgc/unicorns/${e.creditCode}`, body: { name: e.name, zhongguancun: e.n % 2 === 0, listedInLibraryOn: '2024-05-10' } },
      ...(finding ? [{ method: 'PUT' as const, path: `/ecology/compliance-records/${e.creditCode}`, body: { findings: [{ id: `HB-${e.n}`, date: '2024-03-12', summary: '废气排放超标' }] } }] : []),
    ],
    application,
    endStatus: 'completed',
    onceActions: ['compliance-report-issued', 'issuance-recorded'],
    // Zhongguancun unicorns (even n) get the stock-incentive flag from 税务局.
    effects: (e) => (e.n % 2 === 0 ? [DEFERRAL] : []),
  };
}

export const chaos: ChaosScript = {
  scenarios: [
    listed('listing', 10, false),
    listed('listing-finding', 6, true),
    { name: 'listing-refused', share: 2, seeds: () => [], application, endStatus: 'refused', onceActions: ['refused'], effects: () => [] },
  ],
  agencies: ['finance-regulator', 'ecology', 'csrc', 'bse', 'finance', 'district'],
  act: (step) => {
    switch (step.kind) {
      case 'liaison':
        return [`/steps/${step.id}/liaison`, { name: '钱处长', phone: '010-55550001' }];
      case 'compliance-finding':
        return [`/steps/${step.id}/decision`, { decision: 'confirm', reason: '处罚已执行，已整改完毕' }];
      case 'subsidy':
        return [`/steps/${step.id}/subsidy`, { amountYuan: step.agency === 'finance' ? 3_000_000 : 3_500_000 }];
      default:
        return undefined;
    }
  },
};
