import { DataSource, DataSourceOptions } from 'typeorm';
import { Registration } from './market-supervision/registration.entity';
import { Departments1764057600001 } from './migrations/1764057600001-departments';
import { EnterpriseScale } from './statistics/enterprise-scale.entity';
import { RdExpenseDeclaration } from './tax/rd-expense.entity';
import { ZgcEnterprise } from './zgc/zgc-enterprise.entity';

export function departmentsDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [Registration, RdExpenseDeclaration, EnterpriseScale, ZgcEnterprise],
    migrations: [Departments1764057600001],
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
