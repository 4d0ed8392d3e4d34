import { DataSource, DataSourceOptions } from 'typeorm';
import { ComplianceFinding } from './compliance/compliance-finding.entity';
import { ExportDeclarationRow } from './customs/export-declaration.entity';
import { CultivationListing } from './district/cultivation-listing.entity';
import { SpecializedListingRow } from './economy-it/specialized-listing.entity';
import { RewardPayment } from './finance/reward-payment.entity';
import { WorkPermit } from './hr-social-security/work-permit.entity';
import { TalentRentalAllocation } from './housing/talent-rental-allocation.entity';
import { Registration } from './market-supervision/registration.entity';
import { ProductionLicence } from './medical-products/production-licence.entity';
import { Departments1764057600001 } from './migrations/1764057600001-departments';
import { Certificates1764230400000 } from './migrations/1764230400000-certificates';
import { Listing1764316800000 } from './migrations/1764316800000-listing';
import { Permits1764403200000 } from './migrations/1764403200000-permits';
import { RandomPermitNumbers1764921600000 } from './migrations/1764921600000-random-permit-numbers';
import { SpecializedRewards1765584000000 } from './migrations/1765584000000-specialized-rewards';
import { ResidencePermit } from './public-security/residence-permit.entity';
import { EnterpriseScale } from './statistics/enterprise-scale.entity';
import { WorkResidencePermit } from './talent-bureau/work-residence-permit.entity';
import { PreferentialStatus } from './tax/preferential-status.entity';
import { RdExpenseDeclaration } from './tax/rd-expense.entity';
import { StockIncentiveDeferral } from './tax/stock-incentive-deferral.entity';
import { Certificate } from './zgc/certificate.entity';
import { CreditMark } from './zgc/credit-mark.entity';
import { Unicorn } from './zgc/unicorn.entity';
import { ZgcEnterprise } from './zgc/zgc-enterprise.entity';

export function departmentsDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [Registration, RdExpenseDeclaration, EnterpriseScale, ZgcEnterprise, Certificate, CreditMark, PreferentialStatus, CultivationListing, ComplianceFinding, Unicorn, StockIncentiveDeferral, WorkPermit, ResidencePermit, WorkResidencePermit, TalentRentalAllocation,
      SpecializedListingRow, ProductionLicence, ExportDeclarationRow, RewardPayment],
    migrations: [Departments1764057600001, Certificates1764230400000, Listing1764316800000, Permits1764403200000, RandomPermitNumbers1764921600000, SpecializedRewards1765584000000],
    migrationsTableName: 'departments_migrations',
    synchronize: false,
  };
}

export async function migrateDepartments(url: string): Promise<string[]> {
  const dataSource = new DataSource(departmentsDataSourceOptions(url));
  await dataSource.initialize();
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
