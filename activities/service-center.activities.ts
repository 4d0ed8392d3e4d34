import { Injectable } from '@nestjs/common';
import type { ComplianceDepartment, ComplianceRecord } from '../libs/domain';
import { DepartmentHttpClient } from './department-http.client';

/**
 * 市政务服务中心: issues in one go the legal-compliance results of twelve departments; each
 * query goes to that department's own service (and is retried on its own if it is down).
 */
@Injectable()
export class ServiceCenterActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  async queryCompliance(department: ComplianceDepartment, creditCode: string): Promise<ComplianceRecord> {
    const record = await this.http.get<ComplianceRecord>(department, `/${department}/compliance-records/${encodeURIComponent(creditCode)}`);
    // A department with no record of the enterprise has no finding against it.
    return record ?? { department, creditCode, findings: [], checkedOn: '' };
  }
}
