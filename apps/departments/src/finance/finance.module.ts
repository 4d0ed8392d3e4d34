import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RewardPayment } from './reward-payment.entity';
import { RewardPaymentsController } from './reward-payments.controller';

/** 市财政局: reward payments. */
@Module({
  imports: [TypeOrmModule.forFeature([RewardPayment])],
  controllers: [RewardPaymentsController],
})
export class FinanceModule {}
