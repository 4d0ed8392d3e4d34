import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsBoolean } from 'class-validator';
import { Repository } from 'typeorm';
import type { ScaleRecord } from '../../../../libs/domain';
import { CreditCodePipe, IntegerParamPipe } from '../../../../libs/dto';
import { DevOnlyGuard } from '../dev/dev-only.guard';
import { findOr404 } from '../dev/find-or-404';
import { EnterpriseScale } from './enterprise-scale.entity';

/** A calendar year: beyond the int column a lookup would be a 500 (`integer out of range`), not a 400. */
const YEAR = new IntegerParamPipe('year', 1, 9999);

class ScaleDto {
  @IsBoolean() aboveDesignatedSize!: boolean;
}

@Controller('statistics/enterprise-scale')
export class StatisticsController {
  constructor(@InjectRepository(EnterpriseScale) private readonly scales: Repository<EnterpriseScale>) {}

  @Get(':creditCode/:year')
  get(@Param('creditCode', CreditCodePipe) creditCode: string, @Param('year', YEAR) year: number): Promise<ScaleRecord> {
    return findOr404(this.scales, { creditCode, year }, `市统计局无该企业${year}年度规模记录`);
  }

  @Put(':creditCode/:year')
  @UseGuards(DevOnlyGuard)
  put(@Param('creditCode', CreditCodePipe) creditCode: string, @Param('year', YEAR) year: number, @Body() body: ScaleDto): Promise<ScaleRecord> {
    return this.scales.save({ creditCode, year, ...body });
  }
}
