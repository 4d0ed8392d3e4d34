import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SpecializedEnterprisesController } from './specialized-enterprises.controller';
import { SpecializedListingRow } from './specialized-listing.entity';

/** 市经济和信息化局: the 专精特新 / 小巨人 roster. */
@Module({
  imports: [TypeOrmModule.forFeature([SpecializedListingRow])],
  controllers: [SpecializedEnterprisesController],
})
export class EconomyItModule {}
