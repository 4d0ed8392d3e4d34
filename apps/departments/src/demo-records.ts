import { DataSource } from 'typeorm';
import { withCheckChar } from '../../../libs/domain';
import { Registration } from './market-supervision/registration.entity';
import { EnterpriseScale } from './statistics/enterprise-scale.entity';
import { RdExpenseDeclaration } from './tax/rd-expense.entity';
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
};

export async function loadDemoRecords(dataSource: DataSource): Promise<void> {
  for (const e of Object.values(DEMO_ENTERPRISES)) {
    const { creditCode, name, year } = e;
    await dataSource.getRepository(Registration).save({ creditCode, name, registeredOn: e.registeredOn, province: e.province, district: e.district, businessType: e.businessType });
    await dataSource.getRepository(RdExpenseDeclaration).save({ creditCode, year, domesticYuan: e.domesticYuan, totalYuan: e.totalYuan });
    await dataSource.getRepository(EnterpriseScale).save({ creditCode, year, aboveDesignatedSize: e.aboveDesignatedSize });
    await dataSource.getRepository(ZgcEnterprise).save({ creditCode, name, techField: e.techField });
  }
}
