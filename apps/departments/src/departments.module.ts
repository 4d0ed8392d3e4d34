import { DynamicModule, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DepartmentsConfig } from '../../../libs/config';
import { TracingShutdown } from '../../../libs/observability/tracing-shutdown';
import { ComplianceModule } from './compliance/compliance.module';
import { CustomsModule } from './customs/customs.module';
import { departmentsDataSourceOptions } from './departments.data-source';
import { loadDemoRecords } from './demo-records';
import { ServiceTokenGuard } from './auth/service-token.guard';
import { FaultsController, FaultsInterceptor } from './dev/faults.controller';
import { FaultsService } from './dev/faults.service';
import { DistrictModule } from './district/district.module';
import { EconomyItModule } from './economy-it/economy-it.module';
import { FinanceModule } from './finance/finance.module';
import { DepartmentsHealthController } from './health.controller';
import { HousingModule } from './housing/housing.module';
import { HrSocialSecurityModule } from './hr-social-security/hr-social-security.module';
import { MarketSupervisionModule } from './market-supervision/market-supervision.module';
import { MedicalProductsModule } from './medical-products/medical-products.module';
import { PublicSecurityModule } from './public-security/public-security.module';
import { StatisticsModule } from './statistics/statistics.module';
import { TalentBureauModule } from './talent-bureau/talent-bureau.module';
import { TaxModule } from './tax/tax.module';
import { ZgcModule } from './zgc/zgc.module';

/** The departments' own services, one module each, as the approval processes reach them over HTTP. */
@Module({})
export class DepartmentsModule implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: DepartmentsConfig,
  ) {}

  static forRoot(config: DepartmentsConfig): DynamicModule {
    return {
      module: DepartmentsModule,
      global: true,
      // ComplianceModule last: its routes begin with a parameter (the department), so every fixed route is matched
      // first — among them 市人社局's and 市住建委's own, which are compliance departments too.
      imports: [
        TypeOrmModule.forRoot(departmentsDataSourceOptions(config.DEPARTMENTS_DATABASE_URL)),
        MarketSupervisionModule,
        TaxModule,
        StatisticsModule,
        ZgcModule,
        DistrictModule,
        HrSocialSecurityModule,
        PublicSecurityModule,
        TalentBureauModule,
        HousingModule,
        EconomyItModule,
        MedicalProductsModule,
        CustomsModule,
        FinanceModule,
        ComplianceModule,
      ],
      controllers: [FaultsController, DepartmentsHealthController],
      providers: [
        { provide: DepartmentsConfig, useValue: config },
        FaultsService,
        // Traced (OTEL_EXPORTER_OTLP_ENDPOINT): the last spans are exported before the process goes.
        TracingShutdown,
        // Every call is authenticated, in every mode; /health alone is public.
        { provide: APP_GUARD, useClass: ServiceTokenGuard },
        ...(config.DEPARTMENTS_DEV_ENDPOINTS ? [{ provide: APP_INTERCEPTOR, useClass: FaultsInterceptor }] : []),
      ],
      exports: [DepartmentsConfig],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.DEPARTMENTS_DEV_ENDPOINTS) await loadDemoRecords(this.dataSource);
  }
}
