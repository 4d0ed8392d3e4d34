import { TECH_FIELD_CODES } from '../../domain/departments';
import { ProcessSeed, SeedStep, reviewStep } from '../process-seed';
import { DEFAULT_EXPERT_POOL } from './high-tech.contract';

/** 报备即批准 in the dashboard seed: its steps as the workflow opens them (default options). */
const ACCEPTANCE: SeedStep = { name: '受理', kind: 'acceptance', agency: 'zgc', allowed: ['accept', 'refuse', 'request-correction'], limit: 5, warn: 1, deemAccepted: true };
const FORMAL = reviewStep('形式审查', 'zgc', 10, 3);
const EXPERTS: SeedStep = { name: '专家评审', kind: 'expert-panel', agency: 'zgc', allowed: [], limit: 10, warn: 3, panel: true };
const JOINT = [reviewStep('联合审查（市财政局）', 'finance', 10, 3), reviewStep('联合审查（北京市税务局）', 'tax', 10, 3)];
const OBJECTION = reviewStep('异议核查', 'zgc', 10, 3);
const SPOT_CHECK: SeedStep = { name: '事后抽查', kind: 'spot-check', agency: 'zgc', allowed: ['approve', 'reject'], limit: 20, warn: 3 };

export const seed: ProcessSeed = {
  share: 0.62,
  path(r) {
    if (r.chance(0.3)) return { stages: r.chance(0.1) ? [[SPOT_CHECK]] : [], stageStatus: ['certified'], caseClock: false, fastPath: true };
    const stages = [[ACCEPTANCE], [FORMAL], [EXPERTS], JOINT];
    const stageStatus = ['acceptance', 'formal-review', 'expert-review', 'joint-review'];
    if (r.chance(0.05)) {
      stages.push([OBJECTION]);
      stageStatus.push('objection-review');
    }
    return { stages, stageStatus, caseClock: true };
  },
  publicNotice: { share: 0.12, afterStages: 4 },
  refused: { share: 0.03, reached: 0, by: 'zgc' },
  rejectedAfter: (r, stages) => r.int(1, stages - 1),
  afterFiling: (path) => ({ delayMs: 500, actor: 'zgc', agency: 'zgc', action: path.fastPath ? 'approved-on-filing' : 'referred-to-normal-review' }),
  done: (path) => ({ status: 'certified', decision: path.fastPath ? 'approved-on-filing' : 'certified-after-review', by: 'zgc', action: 'certificate-issued' }),
  panelMembers: DEFAULT_EXPERT_POOL.slice(0, 3),
  title: (_r, enterpriseName) => enterpriseName,
  application(r, creditCode, enterpriseName) {
    const total = r.int(2, 80) * 500_000;
    return { creditCode, enterpriseName, techField: r.pick(TECH_FIELD_CODES), rdExpenses: { year: 2025, domesticYuan: Math.round(total * (0.4 + r.rnd() * 0.6)), totalYuan: total } };
  },
  assessment(r, fastPath) {
    const criteria = ['beijing', 'tech-field', 'business-type', 'above-size', 'registered-one-year', 'domestic-rd-share'].map((code, i) => ({
      code,
      passed: fastPath || i !== 5 || r.chance(0.5),
      reason: '与共享数据一致',
      source: ['market-supervision', 'zgc', 'market-supervision', 'statistics', 'market-supervision', 'tax'][i],
    }));
    return { fastPath, criteria, mismatches: [] };
  },
};
