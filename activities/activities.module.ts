import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { readModelDataSourceOptions } from '../libs/persistence';
import { CalendarRolloutActivities } from './calendar-rollout.activities';
import { DEPARTMENTS_URL, DepartmentHttpClient } from './department-http.client';
import { DistrictActivities } from './district.activities';
import { MarketSupervisionActivities } from './market-supervision.activities';
import { HousingActivities, HrSocialSecurityActivities, PublicSecurityActivities, TalentBureauActivities } from './permits.activities';
import { ReadModelActivities } from './read-model.activities';
import { ServiceCenterActivities } from './service-center.activities';
import { StatisticsActivities } from './statistics.activities';
import { TaxActivities } from './tax.activities';
import { ZgcActivities } from './zgc.activities';

const ACTIVITY_PROVIDERS = [MarketSupervisionActivities, TaxActivities, StatisticsActivities, ZgcActivities, DistrictActivities, ServiceCenterActivities,
  HrSocialSecurityActivities, PublicSecurityActivities, TalentBureauActivities, HousingActivities, ReadModelActivities, CalendarRolloutActivities];

export interface ActivitiesModuleOptions {
  databaseUrl: string;
  departmentsUrl: string;
}

/** Activities as Nest providers: DI hands them their HTTP client and the read model's connection. */
@Module({})
export class ActivitiesModule {
  static forRoot(options: ActivitiesModuleOptions): DynamicModule {
    return {
      module: ActivitiesModule,
      imports: [TypeOrmModule.forRoot(readModelDataSourceOptions(options.databaseUrl))],
      providers: [{ provide: DEPARTMENTS_URL, useValue: options.departmentsUrl.replace(/\/$/, '') }, DepartmentHttpClient, ...ACTIVITY_PROVIDERS],
      exports: ACTIVITY_PROVIDERS,
    };
  }
}
