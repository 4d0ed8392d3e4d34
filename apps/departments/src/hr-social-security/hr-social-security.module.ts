import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkPermit } from './work-permit.entity';
import { WorkPermitsController } from './work-permits.controller';

@Module({
  imports: [TypeOrmModule.forFeature([WorkPermit])],
  controllers: [WorkPermitsController],
})
export class HrSocialSecurityModule {}
