import { DEPARTMENTS, DepartmentCode } from '../../domain/departments';
import { yuanText } from '../../domain/money';
import { ProcessSeed, SeedStep, reviewStep } from '../process-seed';

/** 即报即审 in the dashboard seed: its steps as the workflow opens them (default options). */
const LIAISON: SeedStep = { name: '专人对接', kind: 'liaison', agency: 'finance-regulator', allowed: [], limit: 1, warn: 0 };
const CSRC = reviewStep('辅导验收（北京证监局）', 'csrc', 10, 2);
const BSE = reviewStep('上市审核（北交所）', 'bse', 20, 2);
const FINDING_AGENCIES: DepartmentCode[] = ['market-supervision', 'ecology', 'hr-social-security', 'housing-fund', 'emergency', 'planning', 'urban-management', 'health'];
const finding = (agency: DepartmentCode): SeedStep => ({ name: `合规核查（${DEPARTMENTS[agency]}）`, kind: 'compliance-finding', agency, allowed: ['confirm', 'clear'], limit: 5, warn: 2 });
const subsidy = (agency: 'finance' | 'district', name: string): SeedStep => ({ name, kind: 'subsidy', agency, allowed: [], limit: 10, warn: 2 });
const DISTRICTS = ['海淀区', '朝阳区', '东城区', '西城区', '丰台区', '石景山区', '通州区', '昌平区', '大兴区', '顺义区', '亦庄经开区'];

export const seed: ProcessSeed = {
  share: 0.05,
  path(r) {
    const findings = r.weighted([[0, 0.55], [1, 0.3], [2, 0.1], [3, 0.05]]);
    const agencies = [...FINDING_AGENCIES].sort(() => r.rnd() - 0.5).slice(0, findings);
    const district = r.pick(DISTRICTS);
    return {
      stages: [[LIAISON, ...agencies.map(finding), CSRC], [BSE], [subsidy('finance', '市级上市补贴')], [subsidy('district', `区级上市补贴（${district}）`)]],
      stageStatus: ['in-review', 'in-review', 'listed', 'listed'],
      caseClock: false,
    };
  },
  // Not in the unicorn library: refused before any step opens.
  refused: { share: 0.03, reached: -1, by: 'finance-regulator' },
  rejectedAfter: (r) => r.int(0, 1),
  afterFiling: (_path, refusedBeforeSteps) => ({ delayMs: 1500, actor: 'zgc', agency: 'zgc', action: 'shared-data-received', detail: { department: DEPARTMENTS.zgc, what: '独角兽企业服务库', found: !refusedBeforeSteps } }),
  done: () => ({ status: 'completed', decision: 'listed', by: 'bse', action: 'issuance-recorded' }),
  // Listed once the exchange approved: the subsidies follow.
  decidedWhileRunning: (reached, steps, endAt) =>
    reached >= 2 ? { status: 'listed', decision: 'listed', by: 'bse', action: 'issuance-recorded', at: new Date(Date.parse(steps.find((s) => s.kind === 'subsidy')?.openedAt ?? endAt) - 60_000).toISOString() } : undefined,
  reasonOf: (step) => (step.kind === 'liaison' ? '专人对接：刘经理（010-6520 0000）' : step.kind === 'subsidy' ? `${step.name} ${yuanText(3_000_000)}` : undefined),
  title: (_r, enterpriseName) => enterpriseName,
  application: (r, creditCode, enterpriseName) => ({ creditCode, enterpriseName, district: r.pick(DISTRICTS), exchange: 'bse', contact: { name: '董秘', phone: '010-6000 0000' } }),
};
