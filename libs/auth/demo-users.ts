import type { Actor } from '../domain/case-engine.contract';
import { DEFAULT_EXPERT_POOL } from '../domain/high-tech.contract';

/**
 * Seeded people for development and demos, one or more per role. The enterprises are the ones
 * the departments' services load as demo records (apps/departments/src/demo-records.ts).
 */
export const DEMO_USERS: Actor[] = [
  { userId: 'chip-applicant', name: '陈经理（北京芯算科技有限公司）', role: 'applicant', applicantId: '91110108MA01XQ4T72' },
  { userId: 'trade-applicant', name: '刘经理（北京云桥贸易有限公司）', role: 'applicant', applicantId: '91110105MA02LK8P3N' },
  { userId: 'unicorn-applicant', name: '周董秘（北京星河智能科技有限公司）', role: 'applicant', applicantId: '91110108MA03UN1C8W' },
  { userId: 'zgc-reviewer', name: '张科员（市科委、中关村管委会）', role: 'agency', agency: 'zgc' },
  { userId: 'zgc-director', name: '李处长（市科委、中关村管委会）', role: 'agency', agency: 'zgc' },
  { userId: 'finance-officer', name: '赵科员（市财政局）', role: 'agency', agency: 'finance' },
  { userId: 'tax-officer', name: '孙科员（北京市税务局）', role: 'agency', agency: 'tax' },
  { userId: 'district-officer', name: '周科员（海淀区政府）', role: 'agency', agency: 'district' },
  { userId: 'market-officer', name: '吴科员（市市场监管局）', role: 'agency', agency: 'market-supervision' },
  { userId: 'regulator-officer', name: '钱处长（市金融监管局）', role: 'agency', agency: 'finance-regulator' },
  { userId: 'csrc-officer', name: '郑科员（北京证监局）', role: 'agency', agency: 'csrc' },
  { userId: 'bse-officer', name: '冯审核员（北交所）', role: 'agency', agency: 'bse' },
  { userId: 'ecology-officer', name: '褚科员（市生态环境局）', role: 'agency', agency: 'ecology' },
  { userId: 'talent-officer', name: '韩科员（市人才工作局）', role: 'agency', agency: 'talent-bureau' },
  { userId: 'hrss-officer', name: '杨科员（市人社局）', role: 'agency', agency: 'hr-social-security' },
  { userId: 'police-officer', name: '朱警官（市公安局出入境）', role: 'agency', agency: 'public-security' },
  { userId: 'housing-officer', name: '秦科员（市住建委）', role: 'agency', agency: 'housing' },
  { userId: 'pharma-applicant', name: '许经理（北京康华生物医药有限公司）', role: 'applicant', applicantId: '91110114MA04KH6R2A' },
  { userId: 'economy-it-officer', name: '何科员（市经济和信息化局）', role: 'agency', agency: 'economy-it' },
  { userId: 'medical-products-officer', name: '吕科员（市药品监督管理局）', role: 'agency', agency: 'medical-products' },
  { userId: 'customs-officer', name: '施关员（北京海关）', role: 'agency', agency: 'customs' },
  { userId: 'supervisor', name: '王监察（电子监察）', role: 'supervisor' },
  ...DEFAULT_EXPERT_POOL.map((e): Actor => ({ ...e, role: 'expert' })),
];
