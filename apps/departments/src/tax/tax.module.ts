import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PreferentialStatus } from './preferential-status.entity';
import { PreferentialStatusController } from './preferential-status.controller';
import { StockIncentiveDeferral } from './stock-incentive-deferral.entity';
import { StockIncentiveDeferralsController } from './stock-incentive-deferrals.controller';
import { TaxController } from './tax.controller';
import { RdExpenseDeclaration } from './rd-expense.entity';

@Module({
  imports: [TypeOrmModule.forFeature([RdExpenseDeclaration, PreferentialStatus, StockIncentiveDeferral])],
  controllers: [TaxController, PreferentialStatusController, StockIncentiveDeferralsController],
})
export class TaxModule {}
