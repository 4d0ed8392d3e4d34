import { Injectable } from '@nestjs/common';
import type { ProductionLicenceRecord } from '../libs/processes/specialized-rewards/department-records';
import { DepartmentHttpClient } from './department-http.client';

/** 市药品监督管理局: Beijing production licences. */
@Injectable()
export class MedicalProductsActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  /** The licence under which the holder produces the product in Beijing; null when there is none. */
  getProductionLicence(creditCode: string, productName: string): Promise<ProductionLicenceRecord | null> {
    return this.http.get('medical-products', `/medical-products/production-licences/${encodeURIComponent(creditCode)}/${encodeURIComponent(productName)}`);
  }
}
