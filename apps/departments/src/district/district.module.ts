import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CultivationListing } from './cultivation-listing.entity';
import { DistrictController } from './district.controller';

@Module({
  imports: [TypeOrmModule.forFeature([CultivationListing])],
  controllers: [DistrictController],
})
export class DistrictModule {}
