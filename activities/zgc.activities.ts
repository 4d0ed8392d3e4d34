import { Injectable } from '@nestjs/common';
import type { ZgcEnterpriseRecord } from '../libs/domain';
import { DepartmentHttpClient } from './department-http.client';

/** 市科委、中关村管委会: the 中关村高新技术企业库. */
@Injectable()
export class ZgcActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  getEnterprise(creditCode: string): Promise<ZgcEnterpriseRecord | null> {
    return this.http.get('zgc', `/zgc/enterprises/${encodeURIComponent(creditCode)}`);
  }
}
