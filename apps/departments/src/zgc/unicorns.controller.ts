import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsBoolean, IsString, Length } from 'class-validator';
import { Repository } from 'typeorm';
import type { UnicornRecord } from '../../../../libs/domain';
import { CreditCodePipe, IsCalendarDate } from '../../../../libs/dto';
import { DevOnlyGuard } from '../dev/dev-only.guard';
import { findOr404 } from '../dev/find-or-404';
import { Unicorn } from './unicorn.entity';

class UnicornDto {
  @IsString() @Length(1, 200) name!: string;
  @IsBoolean() zhongguancun!: boolean;
  @IsCalendarDate() listedInLibraryOn!: string;
}

/** 市科委's 独角兽企业服务库: an enterprise outside it is refused listing support, so 404 is an answer. */
@Controller('zgc/unicorns')
export class UnicornsController {
  constructor(@InjectRepository(Unicorn) private readonly unicorns: Repository<Unicorn>) {}

  @Get(':creditCode')
  get(@Param('creditCode', CreditCodePipe) creditCode: string): Promise<UnicornRecord> {
    return findOr404(this.unicorns, { creditCode }, '不在独角兽企业服务库');
  }

  /** Development only: put an enterprise in the library (or change its entry) for a test or demo. */
  @Put(':creditCode')
  @UseGuards(DevOnlyGuard)
  put(@Param('creditCode', CreditCodePipe) creditCode: string, @Body() body: UnicornDto): Promise<UnicornRecord> {
    return this.unicorns.save({ creditCode, ...body });
  }
}
