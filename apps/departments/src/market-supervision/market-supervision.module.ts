import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MarketSupervisionController } from './market-supervision.controller';
import { Registration } from './registration.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Registration])],
  controllers: [MarketSupervisionController],
})
export class MarketSupervisionModule {}
