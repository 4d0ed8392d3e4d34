import { Injectable } from '@nestjs/common';
import { DepartmentHttpClient } from './department-http.client';

/** 区政府: the district's cultivation list (培育清单, item 1). */
@Injectable()
export class DistrictActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  addToCultivationList(creditCode: string, certificateNumber: string, district: string): Promise<unknown> {
    return this.http.post('district', '/district/cultivation-list', { creditCode, certificateNumber, district, note: '高新技术企业认定' });
  }
}
