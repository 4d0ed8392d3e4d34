import type { Actor } from '../domain/case-engine.contract';
import { DEFAULT_EXPERT_POOL } from '../processes/high-tech/high-tech.contract';

/**
 * Seeded people for development and demos, one or more per role. The enterprises are the ones
 * the departments' services load as demo records (apps/departments/src/demo-records.ts).
 * Officials are named as people only: the consoles add their agency from `agency`.
 */
export const DEMO_USERS: Actor[] = [
  { userId: 'chip-applicant', name: '陈经理（北京芯算科技有限公司）', role: 'applicant', applicantId: '91110108MA01XQ4T72' },
  { userId: 'trade-applicant', name: '刘经理（北京云桥贸易有限公司）', role: 'applicant', applicantId: '91110105MA02LK8P3N' },
  { userId: 'unicorn-applicant', name: '周董秘（北京星河智能科技有限公司）', role: 'applicant', applicantId: '91110108MA03UN1C8W' },
  { userId: 'zgc-reviewer', name: '张科员', role: 'agency', agency: 'zgc' },
  { userId: 'zgc-director', name: '李处长', role: 'agency', agency: 'zgc' },
  { userId: 'finance-officer', name: '赵科员', role: 'agency', agency: 'finance' },
  { userId: 'tax-officer', name: '孙科员', role: 'agency', agency: 'tax' },
  { userId: 'district-officer', name: '周科员', role: 'agency', agency: 'district' },
  { userId: 'market-officer', name: '吴科员', role: 'agency', agency: 'market-supervision' },
  { userId: 'regulator-officer', name: '钱处长', role: 'agency', agency: 'finance-regulator' },
  { userId: 'csrc-officer', name: '郑科员', role: 'agency', agency: 'csrc' },
  { userId: 'bse-officer', name: '冯审核员', role: 'agency', agency: 'bse' },
  { userId: 'ecology-officer', name: '褚科员', role: 'agency', agency: 'ecology' },
  { userId: 'talent-officer', name: '韩科员', role: 'agency', agency: 'talent-bureau' },
  { userId: 'hrss-officer', name: '杨科员', role: 'agency', agency: 'hr-social-security' },
  { userId: 'police-officer', name: '朱警官', role: 'agency', agency: 'public-security' },
  { userId: 'housing-officer', name: '秦科员', role: 'agency', agency: 'housing' },
  { userId: 'pharma-applicant', name: '许经理（北京康华生物医药有限公司）', role: 'applicant', applicantId: '91110114MA04KH6R2A' },
  { userId: 'economy-it-officer', name: '何科员', role: 'agency', agency: 'economy-it' },
  { userId: 'medical-products-officer', name: '吕科员', role: 'agency', agency: 'medical-products' },
  { userId: 'customs-officer', name: '施关员', role: 'agency', agency: 'customs' },
  { userId: 'supervisor', name: '王监察', role: 'supervisor' },
  ...DEFAULT_EXPERT_POOL.map((e): Actor => ({ ...e, role: 'expert' })),
];
