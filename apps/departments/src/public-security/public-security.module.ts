import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ResidencePermit } from './residence-permit.entity';
import { ResidencePermitsController } from './residence-permits.controller';

@Module({
  imports: [TypeOrmModule.forFeature([ResidencePermit])],
  controllers: [ResidencePermitsController],
})
export class PublicSecurityModule {}
