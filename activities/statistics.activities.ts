import { Injectable } from '@nestjs/common';
import type { ScaleRecord } from '../libs/domain';
import { DepartmentHttpClient } from './department-http.client';

/** 市统计局: 规模以上 status. */
@Injectable()
export class StatisticsActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  getScale(creditCode: string, year: number): Promise<ScaleRecord | null> {
    return this.http.get('statistics', `/statistics/enterprise-scale/${encodeURIComponent(creditCode)}/${year}`);
  }
}
