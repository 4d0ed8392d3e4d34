import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsString, Length } from 'class-validator';
import { Repository } from 'typeorm';
import { beijingDate, CreditMarkRecord } from '../../../../libs/domain';
import { CreditCodePipe, IsCreditCode } from '../../../../libs/dto';
import { CreditMark } from './credit-mark.entity';

class CreditMarkDto {
  @IsCreditCode() creditCode!: string;
  @IsString() @Length(1, 200) caseId!: string;
  @IsString() @Length(1, 4000) reason!: string;
}

/** 市科委、中关村管委会's 失信 records. One mark per case, so a retried activity records it once. */
@Controller('zgc/credit-marks')
export class CreditMarksController {
  constructor(@InjectRepository(CreditMark) private readonly marks: Repository<CreditMark>) {}

  @Post()
  async record(@Body() body: CreditMarkDto): Promise<CreditMarkRecord> {
    await this.marks.query(
      `INSERT INTO zgc.credit_marks (credit_code, case_id, reason, recorded_on) VALUES ($1, $2, $3, $4) ON CONFLICT (case_id) DO NOTHING`,
      [body.creditCode, body.caseId, body.reason, beijingDate(new Date())],
    );
    return this.marks.findOneByOrFail({ caseId: body.caseId });
  }

  /** An enterprise with a clean record has no marks: an empty list, not a 404. */
  @Get(':creditCode')
  list(@Param('creditCode', CreditCodePipe) creditCode: string): Promise<CreditMarkRecord[]> {
    return this.marks.find({ where: { creditCode }, order: { id: 'ASC' } });
  }
}
