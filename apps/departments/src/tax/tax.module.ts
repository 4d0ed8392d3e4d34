import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PreferentialStatus } from './preferential-status.entity';
import { PreferentialStatusController } from './preferential-status.controller';
import { TaxController } from './tax.controller';
import { RdExpenseDeclaration } from './rd-expense.entity';

@Module({
  imports: [TypeOrmModule.forFeature([RdExpenseDeclaration, PreferentialStatus])],
  controllers: [TaxController, PreferentialStatusController],
})
export class TaxModule {}
