import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StatisticsController } from './statistics.controller';
import { EnterpriseScale } from './enterprise-scale.entity';

@Module({
  imports: [TypeOrmModule.forFeature([EnterpriseScale])],
  controllers: [StatisticsController],
})
export class StatisticsModule {}
