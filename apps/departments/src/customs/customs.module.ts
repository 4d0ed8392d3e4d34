import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExportDeclarationRow } from './export-declaration.entity';
import { ExportSalesController } from './export-sales.controller';

/** 北京海关: export declarations by enterprise, product and market. */
@Module({
  imports: [TypeOrmModule.forFeature([ExportDeclarationRow])],
  controllers: [ExportSalesController],
})
export class CustomsModule {}
