import { Injectable } from '@nestjs/common';
import type { RegistrationRecord } from '../libs/domain';
import { DepartmentHttpClient } from './department-http.client';

/** 市市场监管局: enterprise registration (登记信息). */
@Injectable()
export class MarketSupervisionActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  getRegistration(creditCode: string): Promise<RegistrationRecord | null> {
    return this.http.get('market-supervision', `/market-supervision/registrations/${encodeURIComponent(creditCode)}`);
  }
}
