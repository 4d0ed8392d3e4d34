import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ApiConfig } from '../../../../libs/config';
import { CalendarYearRecord } from '../../../../libs/persistence';
import { CalendarController } from './calendar.controller';
import { CALENDAR_SETTINGS, CalendarYearsService } from './calendar-years.service';

/** The official calendar's API, and the service filings and the supervisors' overview read it through. */
@Module({})
export class CalendarModule {
  static forRoot(config: Pick<ApiConfig, 'TEMPORAL_TASK_QUEUE'>): DynamicModule {
    return {
      module: CalendarModule,
      imports: [TypeOrmModule.forFeature([CalendarYearRecord])],
      controllers: [CalendarController],
      providers: [{ provide: CALENDAR_SETTINGS, useValue: { taskQueue: config.TEMPORAL_TASK_QUEUE } }, CalendarYearsService],
      exports: [CalendarYearsService],
    };
  }
}
