import { DEPARTMENTS } from '../../domain/departments';
import { ProcessSeed, SeedStep, reviewStep } from '../process-seed';

/** 两证联办 in the dashboard seed: its steps as the workflow opens them (default options). */
const PRE = reviewStep('人才资格预审（市人才局）', 'talent-bureau', 5, 2);
const WORK = reviewStep('来华工作许可审查（市人社局）', 'hr-social-security', 10, 2);
const RESIDENCE = reviewStep('居留许可预审（市公安局）', 'public-security', 10, 2);
const BRANCH_WRP: SeedStep = { ...reviewStep('北京市工作居住证（市人才局）', 'talent-bureau', 15, 2), allowed: ['approve', 'reject'] };
const BRANCH_HOUSING: SeedStep = { ...reviewStep('人才公租房（市住建委）', 'housing', 15, 2), allowed: ['approve', 'reject'] };
const POSITIONS = ['首席科学家', '研发总监', '高级工程师', '算法专家', '产品总监', '技术顾问'];
const NATIONALITIES = ['DEU', 'USA', 'GBR', 'FRA', 'JPN', 'KOR', 'SGP', 'CAN', 'AUS', 'ITA'];

export const seed: ProcessSeed = {
  share: 0.33,
  path(r) {
    const branches = [...(r.chance(0.4) ? [BRANCH_WRP] : []), ...(r.chance(0.2) ? [BRANCH_HOUSING] : [])];
    return { stages: [[PRE], [WORK, RESIDENCE, ...branches]], stageStatus: ['pre-review', 'permit-review'], caseClock: false };
  },
  refused: { share: 0, reached: 0, by: 'talent-bureau' },
  rejectedAfter: (r) => r.int(0, 1),
  afterFiling: () => ({ delayMs: 1500, actor: 'market-supervision', agency: 'market-supervision', action: 'shared-data-received', detail: { department: DEPARTMENTS['market-supervision'], what: '用人单位登记信息', found: true } }),
  done: () => ({ status: 'completed', decision: 'permits-issued', by: 'hr-social-security', action: 'work-permit-issued' }),
  // Both permits decided, the branches still running: the permits are issued.
  decidedWhileRunning: (reached, steps, endAt) =>
    reached === 1 && steps.filter((s) => s.kind === 'review' && /许可/.test(s.name)).every((s) => s.status === 'decided')
      ? { status: 'permits-issued', decision: 'permits-issued', by: 'hr-social-security', action: 'work-permit-issued', at: endAt }
      : undefined,
  title: (r, enterpriseName) => `${enterpriseName} · ${r.pick(POSITIONS)}`,
  application: (r, creditCode, enterpriseName) => ({
    employerCreditCode: creditCode,
    employerName: enterpriseName,
    talent: {
      name: `Talent ${r.int(1000, 9999)}`,
      nationality: r.pick(NATIONALITIES),
      passportNumber: `P${r.int(10_000_000, 99_999_999)}`,
      passportExpiry: `20${r.int(28, 35)}-0${r.int(1, 9)}-1${r.int(0, 9)}`,
      position: r.pick(POSITIONS),
      category: r.pick(['A', 'B']),
    },
    requests: { workResidencePermit: r.chance(0.4), talentHousing: r.chance(0.2) },
  }),
};
