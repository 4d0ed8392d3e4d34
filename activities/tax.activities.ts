import { Injectable } from '@nestjs/common';
import type { RdExpenseRecord } from '../libs/domain';
import { DepartmentHttpClient } from './department-http.client';

/** 北京市税务局: R&D expenses as declared for tax. */
@Injectable()
export class TaxActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  getRdExpenses(creditCode: string, year: number): Promise<RdExpenseRecord | null> {
    return this.http.get('tax', `/tax/rd-expenses/${encodeURIComponent(creditCode)}/${year}`);
  }

  /** A certified enterprise's preferential tax status (高新技术企业 15 % rate), idempotent by certificate. */
  registerPreferentialStatus(creditCode: string, certificateNumber: string, validFrom: string, validUntil: string): Promise<unknown> {
    return this.http.post('tax', '/tax/preferential-status', { creditCode, certificateNumber, validFrom, validUntil });
  }

  /** An enterprise registered in Zhongguancun, listed: flagged for the stock-incentive tax deferral. */
  flagStockIncentiveDeferral(creditCode: string, caseId: string): Promise<unknown> {
    return this.http.post('tax', '/tax/stock-incentive-deferrals', { creditCode, caseId });
  }
}
