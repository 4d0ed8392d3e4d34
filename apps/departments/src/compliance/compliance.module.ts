import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ComplianceController } from './compliance.controller';
import { ComplianceFinding } from './compliance-finding.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ComplianceFinding])],
  controllers: [ComplianceController],
})
export class ComplianceModule {}
