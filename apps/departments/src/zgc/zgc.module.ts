import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ZgcController } from './zgc.controller';
import { ZgcEnterprise } from './zgc-enterprise.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ZgcEnterprise])],
  controllers: [ZgcController],
})
export class ZgcModule {}
