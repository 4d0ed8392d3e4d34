import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsString, Length } from 'class-validator';
import { Repository } from 'typeorm';
import { beijingDate } from '../../../../libs/domain';
import { CreditCodePipe, IsCreditCode } from '../../../../libs/dto';
import { StockIncentiveDeferral } from './stock-incentive-deferral.entity';

class StockIncentiveDeferralDto {
  @IsCreditCode() creditCode!: string;
  @IsString() @Length(1, 200) caseId!: string;
}

/** What 北京市税务局 answers about a flag: the enterprise, the case that set it, and when. */
export interface StockIncentiveDeferralRecord {
  creditCode: string;
  caseId: string;
  /** YYYY-MM-DD in Beijing time. */
  flaggedOn: string;
}

/**
 * 北京市税务局 flags an enterprise for the stock-incentive tax deferral. Flagging is idempotent
 * by enterprise: a retry, or a later case for an enterprise already flagged, gets the stored flag.
 */
@Controller('tax/stock-incentive-deferrals')
export class StockIncentiveDeferralsController {
  constructor(@InjectRepository(StockIncentiveDeferral) private readonly deferrals: Repository<StockIncentiveDeferral>) {}

  @Post()
  async flag(@Body() body: StockIncentiveDeferralDto): Promise<StockIncentiveDeferralRecord> {
    await this.deferrals.query(
      `INSERT INTO tax.stock_incentive_deferrals (credit_code, case_id, flagged_on) VALUES ($1, $2, $3) ON CONFLICT (credit_code) DO NOTHING`,
      [body.creditCode, body.caseId, beijingDate(new Date())],
    );
    return this.deferrals.findOneByOrFail({ creditCode: body.creditCode });
  }

  /** The enterprise's flag as a list, like the other registers: none is an empty list, not a 404. */
  @Get(':creditCode')
  list(@Param('creditCode', CreditCodePipe) creditCode: string): Promise<StockIncentiveDeferralRecord[]> {
    return this.deferrals.find({ where: { creditCode } });
  }
}
