import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkResidencePermit } from './work-residence-permit.entity';
import { WorkResidencePermitsController } from './work-residence-permits.controller';

@Module({
  imports: [TypeOrmModule.forFeature([WorkResidencePermit])],
  controllers: [WorkResidencePermitsController],
})
export class TalentBureauModule {}
