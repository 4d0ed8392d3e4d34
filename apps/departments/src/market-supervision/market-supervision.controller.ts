import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsIn, IsString, Length } from 'class-validator';
import { Repository } from 'typeorm';
import { BUSINESS_TYPES, BusinessType, RegistrationRecord } from '../../../../libs/domain';
import { CreditCodePipe, IsCalendarDate } from '../../../../libs/dto';
import { DevOnlyGuard } from '../dev/dev-only.guard';
import { findOr404 } from '../dev/find-or-404';
import { Registration } from './registration.entity';

class RegistrationDto {
  @IsString() @Length(1, 200) name!: string;
  @IsCalendarDate() registeredOn!: string;
  @IsString() @Length(2, 32) province!: string;
  @IsString() @Length(2, 32) district!: string;
  @IsIn(BUSINESS_TYPES) businessType!: BusinessType;
}

@Controller('market-supervision/registrations')
export class MarketSupervisionController {
  constructor(@InjectRepository(Registration) private readonly registrations: Repository<Registration>) {}

  @Get(':creditCode')
  get(@Param('creditCode', CreditCodePipe) creditCode: string): Promise<RegistrationRecord> {
    return findOr404(this.registrations, { creditCode }, '市市场监管局无该企业登记信息');
  }

  /** Development only: load a registration so a test or demo can set up its scenario. */
  @Put(':creditCode')
  @UseGuards(DevOnlyGuard)
  async put(@Param('creditCode', CreditCodePipe) creditCode: string, @Body() body: RegistrationDto): Promise<RegistrationRecord> {
    return this.registrations.save({ creditCode, ...body });
  }
}
