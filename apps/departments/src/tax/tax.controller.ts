import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsInt, Max, Min } from 'class-validator';
import { Repository } from 'typeorm';
import type { RdExpenseRecord } from '../../../../libs/domain';
import { CreditCodePipe, IntegerParamPipe } from '../../../../libs/dto';
import { DevOnlyGuard } from '../dev/dev-only.guard';
import { findOr404 } from '../dev/find-or-404';
import { RdExpenseDeclaration } from './rd-expense.entity';

/** A calendar year: beyond the int column a lookup would be a 500 (`integer out of range`), not a 400. */
const YEAR = new IntegerParamPipe('year', 1, 9999);

class RdExpenseDto {
  @IsInt() @Min(0) @Max(1e13) domesticYuan!: number;
  @IsInt() @Min(0) @Max(1e13) totalYuan!: number;
}

@Controller('tax/rd-expenses')
export class TaxController {
  constructor(@InjectRepository(RdExpenseDeclaration) private readonly declarations: Repository<RdExpenseDeclaration>) {}

  @Get(':creditCode/:year')
  get(@Param('creditCode', CreditCodePipe) creditCode: string, @Param('year', YEAR) year: number): Promise<RdExpenseRecord> {
    return findOr404(this.declarations, { creditCode, year }, `北京市税务局无该企业${year}年度研发费用申报记录`);
  }

  @Put(':creditCode/:year')
  @UseGuards(DevOnlyGuard)
  put(@Param('creditCode', CreditCodePipe) creditCode: string, @Param('year', YEAR) year: number, @Body() body: RdExpenseDto): Promise<RdExpenseRecord> {
    return this.declarations.save({ creditCode, year, ...body });
  }
}
