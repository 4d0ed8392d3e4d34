import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsIn, IsString, Length } from 'class-validator';
import { Repository } from 'typeorm';
import { TECH_FIELD_CODES, TechField, ZgcEnterpriseRecord } from '../../../../libs/domain';
import { CreditCodePipe } from '../../../../libs/dto';
import { DevOnlyGuard } from '../dev/dev-only.guard';
import { findOr404 } from '../dev/find-or-404';
import { ZgcEnterprise } from './zgc-enterprise.entity';

class ZgcEnterpriseDto {
  @IsString() @Length(1, 200) name!: string;
  @IsIn(TECH_FIELD_CODES) techField!: TechField;
}

@Controller('zgc/enterprises')
export class ZgcController {
  constructor(@InjectRepository(ZgcEnterprise) private readonly enterprises: Repository<ZgcEnterprise>) {}

  @Get(':creditCode')
  get(@Param('creditCode', CreditCodePipe) creditCode: string): Promise<ZgcEnterpriseRecord> {
    return findOr404(this.enterprises, { creditCode }, '中关村高新技术企业库中无该企业');
  }

  @Put(':creditCode')
  @UseGuards(DevOnlyGuard)
  put(@Param('creditCode', CreditCodePipe) creditCode: string, @Body() body: ZgcEnterpriseDto): Promise<ZgcEnterpriseRecord> {
    return this.enterprises.save({ creditCode, ...body });
  }
}
