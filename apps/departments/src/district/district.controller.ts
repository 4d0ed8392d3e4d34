import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsOptional, IsString, Length } from 'class-validator';
import { Repository } from 'typeorm';
import { beijingDate, CultivationListRecord } from '../../../../libs/domain';
import { CreditCodePipe, IsCreditCode } from '../../../../libs/dto';
import { CultivationListing } from './cultivation-listing.entity';

class CultivationListingDto {
  @IsCreditCode() creditCode!: string;
  @IsString() @Length(1, 32) certificateNumber!: string;
  @IsString() @Length(2, 32) district!: string;
  @IsOptional() @IsString() @Length(0, 4000) note?: string;
}

/** 区政府 lists a certified enterprise in its 培育库 once per certificate; retries find it listed. */
@Controller('district/cultivation-list')
export class DistrictController {
  constructor(@InjectRepository(CultivationListing) private readonly listings: Repository<CultivationListing>) {}

  @Post()
  async list(@Body() body: CultivationListingDto): Promise<CultivationListRecord> {
    await this.listings.query(
      `INSERT INTO district.cultivation_list (certificate_number, credit_code, district, listed_on, note)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (certificate_number) DO NOTHING`,
      [body.certificateNumber, body.creditCode, body.district, beijingDate(new Date()), body.note ?? null],
    );
    return this.listings.findOneByOrFail({ certificateNumber: body.certificateNumber });
  }

  /** Every listing for the enterprise; none is an empty list, not a 404. */
  @Get(':creditCode')
  find(@Param('creditCode', CreditCodePipe) creditCode: string): Promise<CultivationListRecord[]> {
    return this.listings.find({ where: { creditCode }, order: { listedOn: 'ASC', certificateNumber: 'ASC' } });
  }
}
