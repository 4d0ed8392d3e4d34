import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductionLicence } from './production-licence.entity';
import { ProductionLicencesController } from './production-licences.controller';

/** 市药品监督管理局: Beijing production licences of drugs and high-end medical devices. */
@Module({
  imports: [TypeOrmModule.forFeature([ProductionLicence])],
  controllers: [ProductionLicencesController],
})
export class MedicalProductsModule {}
