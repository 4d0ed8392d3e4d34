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
}
