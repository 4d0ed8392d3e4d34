import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TalentRentalAllocation } from './talent-rental-allocation.entity';
import { TalentRentalAllocationsController } from './talent-rental-allocations.controller';

@Module({
  imports: [TypeOrmModule.forFeature([TalentRentalAllocation])],
  controllers: [TalentRentalAllocationsController],
})
export class HousingModule {}
