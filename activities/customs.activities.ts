import { Injectable } from '@nestjs/common';
import type { ExportMarket, ExportSalesRecord } from '../libs/processes/specialized-rewards/department-records';
import { DepartmentHttpClient } from './department-http.client';

/** 北京海关: export declarations. */
@Injectable()
export class CustomsActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  /** The enterprise's declared exports of the product into the market (since a date, if given); null when there are none. */
  getExportSales(creditCode: string, market: ExportMarket, productName: string, since?: string): Promise<ExportSalesRecord | null> {
    const query = new URLSearchParams({ productName, ...(since ? { since } : {}) });
    return this.http.get('customs', `/customs/export-sales/${encodeURIComponent(creditCode)}/${encodeURIComponent(market)}?${query}`);
  }
}
