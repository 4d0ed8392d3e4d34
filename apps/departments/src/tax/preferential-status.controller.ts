import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsString, Length } from 'class-validator';
import { Repository } from 'typeorm';
import { beijingDate, PreferentialStatusRecord } from '../../../../libs/domain';
import { badRequest, CreditCodePipe, IsCalendarDate, IsCreditCode } from '../../../../libs/dto';
import { PreferentialStatus } from './preferential-status.entity';

class PreferentialStatusDto {
  @IsCreditCode() creditCode!: string;
  @IsString() @Length(1, 32) certificateNumber!: string;
  @IsCalendarDate() validFrom!: string;
  @IsCalendarDate() validUntil!: string;
}

/** 北京市税务局 registers a certificate for the preferential rate once; retries find it registered. */
@Controller('tax/preferential-status')
export class PreferentialStatusController {
  constructor(@InjectRepository(PreferentialStatus) private readonly statuses: Repository<PreferentialStatus>) {}

  @Post()
  async register(@Body() body: PreferentialStatusDto): Promise<PreferentialStatusRecord> {
    if (body.validUntil < body.validFrom) {
      throw badRequest([{ field: 'validUntil', rule: 'notBeforeValidFrom', message: 'validUntil must not be before validFrom' }]);
    }
    await this.statuses.query(
      `INSERT INTO tax.preferential_status (certificate_number, credit_code, valid_from, valid_until, registered_on)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (certificate_number) DO NOTHING`,
      [body.certificateNumber, body.creditCode, body.validFrom, body.validUntil, beijingDate(new Date())],
    );
    return this.statuses.findOneByOrFail({ certificateNumber: body.certificateNumber });
  }

  /** Every certificate registered for the enterprise; none is an empty list, not a 404. */
  @Get(':creditCode')
  list(@Param('creditCode', CreditCodePipe) creditCode: string): Promise<PreferentialStatusRecord[]> {
    return this.statuses.find({ where: { creditCode }, order: { validFrom: 'ASC', certificateNumber: 'ASC' } });
  }
}
