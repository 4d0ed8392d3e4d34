import { Injectable } from '@nestjs/common';
import type { SpecializedEnterpriseRecord } from '../libs/processes/specialized-rewards/department-records';
import { DepartmentHttpClient } from './department-http.client';

/** 市经济和信息化局: the 专精特新 / 小巨人 roster. */
@Injectable()
export class EconomyItActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  /** The enterprise's listings; null when it is on none of the lists. */
  getSpecializedEnterprise(creditCode: string): Promise<SpecializedEnterpriseRecord | null> {
    return this.http.get('economy-it', `/economy-it/specialized-enterprises/${encodeURIComponent(creditCode)}`);
  }
}
