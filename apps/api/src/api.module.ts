import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiConfig } from '../../../libs/config';
import { CaseRecord, TimelineEntryRecord, readModelDataSourceOptions } from '../../../libs/persistence';
import { TemporalClientModule } from '../../../libs/temporal';
import { CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { HealthController } from './health.controller';
import { TemporalFailureFilter } from './temporal-failure.filter';

@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        TypeOrmModule.forRoot(readModelDataSourceOptions(config.DATABASE_URL)),
        TypeOrmModule.forFeature([CaseRecord, TimelineEntryRecord]),
        TemporalClientModule.forRoot(config),
      ],
      controllers: [CasesController, HealthController],
      providers: [{ provide: ApiConfig, useValue: config }, CasesService, { provide: APP_FILTER, useClass: TemporalFailureFilter }],
    };
  }
}
