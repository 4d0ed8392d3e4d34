import { DataSource } from 'typeorm';
import { withCheckChar } from '../../../libs/domain';
import { ComplianceFinding } from './compliance/compliance-finding.entity';
import { Registration } from './market-supervision/registration.entity';
import { loadSpecializedRewardsDemoRecords } from './specialized-rewards.demo-records';
import { EnterpriseScale } from './statistics/enterprise-scale.entity';
import { RdExpenseDeclaration } from './tax/rd-expense.entity';
import { Unicorn } from './zgc/unicorn.entity';
import { ZgcEnterprise } from './zgc/zgc-enterprise.entity';

/** Demo enterprises the README's curl example files for; loaded (idempotently) in development. */
export const DEMO_ENTERPRISES = {
  eligible: {
    creditCode: withCheckChar('91110108MA01XQ4T7'),
    name: '北京芯算科技有限公司',
    registeredOn: '2019-03-18',
    province: '北京市',
    district: '海淀区',
    businessType: 'research-development' as const,
    techField: 'integrated-circuits' as const,
    year: 2025,
    domesticYuan: 8_600_000,
    totalYuan: 10_000_000,
    aboveDesignatedSize: true,
  },
  ineligible: {
    creditCode: withCheckChar('91110105MA02LK8P3'),
    name: '北京云桥贸易有限公司',
    // Five months before today: the demo stays short of the one-year criterion whatever the date.
    registeredOn: new Date(Date.now() - 150 * 86_400_000).toISOString().slice(0, 10),
    province: '北京市',
    district: '朝阳区',
    businessType: 'trading' as const,
    techField: 'artificial-intelligence' as const,
    year: 2025,
    domesticYuan: 1_200_000,
    totalYuan: 3_000_000,
    aboveDesignatedSize: false,
  },
  // For 即报即审 listing support: in the 独角兽企业服务库, with one compliance finding so the demo
  // shows a department reviewing it; clean at the other eleven compliance departments.
  unicorn: {
    creditCode: withCheckChar('91110108MA03UN1C8'),
    name: '北京星河智能科技有限公司',
    registeredOn: '2016-08-01',
    province: '北京市',
    district: '海淀区',
    businessType: 'research-development' as const,
    zhongguancun: true,
    listedInLibraryOn: '2024-05-10',
    findings: [{ department: 'ecology' as const, id: 'HB-2024-031', date: '2024-03-12', summary: '废气排放超标，已责令改正' }],
  },
};

export async function loadDemoRecords(dataSource: DataSource): Promise<void> {
  for (const e of [DEMO_ENTERPRISES.eligible, DEMO_ENTERPRISES.ineligible]) {
    const { creditCode, name, year } = e;
    await dataSource.getRepository(Registration).save({ creditCode, name, registeredOn: e.registeredOn, province: e.province, district: e.district, businessType: e.businessType });
    await dataSource.getRepository(RdExpenseDeclaration).save({ creditCode, year, domesticYuan: e.domesticYuan, totalYuan: e.totalYuan });
    await dataSource.getRepository(EnterpriseScale).save({ creditCode, year, aboveDesignatedSize: e.aboveDesignatedSize });
    await dataSource.getRepository(ZgcEnterprise).save({ creditCode, name, techField: e.techField });
  }
  const u = DEMO_ENTERPRISES.unicorn;
  const { creditCode, name } = u;
  await dataSource.getRepository(Registration).save({ creditCode, name, registeredOn: u.registeredOn, province: u.province, district: u.district, businessType: u.businessType });
  await dataSource.getRepository(Unicorn).save({ creditCode, name, zhongguancun: u.zhongguancun, listedInLibraryOn: u.listedInLibraryOn });
  // Findings have a generated id, so save() would add a row at every start: upsert on their natural key.
  await dataSource
    .getRepository(ComplianceFinding)
    .upsert(
      u.findings.map((f) => ({ department: f.department, creditCode, findingId: f.id, date: f.date, summary: f.summary })),
      ['department', 'creditCode', 'findingId'],
    );
  await loadSpecializedRewardsDemoRecords(dataSource);
}
