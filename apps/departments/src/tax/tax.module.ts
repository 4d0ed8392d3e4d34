import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TaxController } from './tax.controller';
import { RdExpenseDeclaration } from './rd-expense.entity';

@Module({
  imports: [TypeOrmModule.forFeature([RdExpenseDeclaration])],
  controllers: [TaxController],
})
export class TaxModule {}
