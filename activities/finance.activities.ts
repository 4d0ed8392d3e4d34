import { Injectable } from '@nestjs/common';
import type { RewardPaymentRecord } from '../libs/processes/specialized-rewards/department-records';
import { DepartmentHttpClient } from './department-http.client';

export interface PayRewardInput {
  caseId: string;
  /** The decision the payment carries out: with the case, what makes a retried payment the same one. */
  decisionId: string;
  creditCode: string;
  enterpriseName: string;
  amountYuan: number;
  basis: string;
}

/** 市财政局: reward payments. */
@Injectable()
export class FinanceActivities {
  constructor(private readonly http: DepartmentHttpClient) {}

  /** Idempotent by case and decision: a retried payment returns the one already made, never a second. */
  payReward(input: PayRewardInput): Promise<RewardPaymentRecord> {
    return this.http.post('finance', '/finance/reward-payments', input);
  }
}
