import { Body, ConflictException, Controller, Get, Param, Post, Query, ServiceUnavailableException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { randomInt } from 'node:crypto';
import { Repository } from 'typeorm';
import { beijingDate } from '../../../../libs/domain';
import { IsCreditCode } from '../../../../libs/dto';
import type { RewardPaymentRecord } from '../../../../libs/processes/specialized-rewards/department-records';
import { findOr404 } from '../dev/find-or-404';
import { RewardPayment } from './reward-payment.entity';

class RewardPaymentDto {
  @IsString() @Length(1, 200) caseId!: string;
  @IsString() @Length(1, 200) decisionId!: string;
  @IsCreditCode() creditCode!: string;
  @IsString() @Length(1, 200) enterpriseName!: string;
  // Whole yuan, and never more than one enterprise's yearly ceiling (单个企业年奖励额不超过1000万元).
  @IsInt({ message: 'amountYuan 必须是整数元' }) @Min(1) @Max(10_000_000, { message: 'amountYuan 不能超过 10000000（单个企业年奖励额上限）' }) amountYuan!: number;
  @IsString() @Length(1, 4000) basis!: string;
}

class PaymentsQueryDto {
  @IsCreditCode() creditCode!: string;
}

/**
 * 市财政局 pays rewards. The caller is a workflow activity that retries, so paying is idempotent
 * by case and decision: a retry, even one racing the first call, gets the payment already made,
 * never a second. The same case and decision asked to pay another amount or payee is refused (409):
 * that is a caller's bug, and paying either would be wrong.
 */
@Controller('finance/reward-payments')
export class RewardPaymentsController {
  constructor(@InjectRepository(RewardPayment) private readonly payments: Repository<RewardPayment>) {}

  @Post()
  async pay(@Body() body: RewardPaymentDto): Promise<RewardPaymentRecord> {
    const paidOn = beijingDate(new Date());
    const prefix = `CZJL${paidOn.slice(0, 4)}`;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      // Numbers drawn at random, as permits are: one number says nothing about the next.
      // ON CONFLICT without a target: the case's payment already made, or a number taken, inserts nothing.
      await this.payments.query(
        `INSERT INTO finance.reward_payments (number, case_id, decision_id, credit_code, enterprise_name, amount_yuan, basis, paid_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [`${prefix}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`, body.caseId, body.decisionId, body.creditCode, body.enterpriseName, body.amountYuan, body.basis, paidOn],
      );
      const paid = await this.payments.findOneBy({ caseId: body.caseId, decisionId: body.decisionId });
      if (!paid) continue;
      if (paid.amountYuan !== body.amountYuan || paid.creditCode !== body.creditCode) {
        throw new ConflictException(`本案该决定已拨付 ${paid.amountYuan} 元给 ${paid.creditCode}（${paid.number}），不能改为 ${body.amountYuan} 元给 ${body.creditCode}`);
      }
      return paid;
    }
    // Twenty draws all taken: the year's numbers are nearly used up, which the caller retries and an operator must see.
    throw new ServiceUnavailableException(`no free ${prefix} payment number after 20 draws`);
  }

  /** Every reward paid to the enterprise, oldest first; none is an empty list, not a 404. */
  @Get()
  list(@Query() query: PaymentsQueryDto): Promise<RewardPaymentRecord[]> {
    return this.payments.find({ where: { creditCode: query.creditCode }, order: { paidOn: 'ASC', number: 'ASC' } });
  }

  @Get(':number')
  get(@Param('number') number: string): Promise<RewardPaymentRecord> {
    return findOr404(this.payments, { number }, `市财政局无拨付记录 ${number}`);
  }
}
