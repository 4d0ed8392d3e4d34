import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServiceTokenSigner } from '../libs/auth/service-token';
import { PersonalDataSeal, readModelDataSourceOptions } from '../libs/persistence';
import type { PayloadKeySettings } from '../libs/temporal/payload-codec';
import { CalendarRolloutActivities } from './calendar-rollout.activities';
import { CustomsActivities } from './customs.activities';
import { DEPARTMENTS_URL, DepartmentHttpClient } from './department-http.client';
import { DistrictActivities } from './district.activities';
import { EconomyItActivities } from './economy-it.activities';
import { FinanceActivities } from './finance.activities';
import { MarketSupervisionActivities } from './market-supervision.activities';
import { MedicalProductsActivities } from './medical-products.activities';
import { HousingActivities, HrSocialSecurityActivities, PublicSecurityActivities, TalentBureauActivities } from './permits.activities';
import { DOCUMENTS_PUBLIC_BASE_URL, ReadModelActivities } from './read-model.activities';
import { RewardLedgerActivities } from './reward-ledger.activities';
import { ServiceCenterActivities } from './service-center.activities';
import { StatisticsActivities } from './statistics.activities';
import { TaxActivities } from './tax.activities';
import { ZgcActivities } from './zgc.activities';

const ACTIVITY_PROVIDERS = [MarketSupervisionActivities, TaxActivities, StatisticsActivities, ZgcActivities, DistrictActivities, ServiceCenterActivities,
  HrSocialSecurityActivities, PublicSecurityActivities, TalentBureauActivities, HousingActivities, ReadModelActivities, CalendarRolloutActivities,
  EconomyItActivities, MedicalProductsActivities, CustomsActivities, FinanceActivities, RewardLedgerActivities];

export interface ActivitiesModuleOptions {
  databaseUrl: string;
  departmentsUrl: string;
  /** PEM private key the calls to the departments are signed with (DEPARTMENTS_SERVICE_PRIVATE_KEY). */
  departmentsServiceKey: string;
  /** The payload keys, which also seal personal data in the read model. */
  payloadKeys: PayloadKeySettings;
  /** PUBLIC_BASE_URL: given, each document's PDF is made as it is issued (its QR code opens this address). */
  publicBaseUrl?: string;
}

/** The name the worker's calls carry (issuer and subject of its service tokens). */
export const WORKER_SERVICE_NAME = 'approvals-worker';

/** Activities as Nest providers: DI hands them their HTTP client and the read model's connection. */
@Module({})
export class ActivitiesModule {
  static forRoot(options: ActivitiesModuleOptions): DynamicModule {
    return {
      module: ActivitiesModule,
      imports: [TypeOrmModule.forRoot(readModelDataSourceOptions(options.databaseUrl))],
      providers: [
        { provide: DEPARTMENTS_URL, useValue: options.departmentsUrl.replace(/\/$/, '') },
        { provide: ServiceTokenSigner, useValue: new ServiceTokenSigner(WORKER_SERVICE_NAME, options.departmentsServiceKey) },
        { provide: PersonalDataSeal, useValue: PersonalDataSeal.fromSettings(options.payloadKeys) },
        ...(options.publicBaseUrl ? [{ provide: DOCUMENTS_PUBLIC_BASE_URL, useValue: options.publicBaseUrl }] : []),
        DepartmentHttpClient,
        ...ACTIVITY_PROVIDERS,
      ],
      exports: ACTIVITY_PROVIDERS,
    };
  }
}
