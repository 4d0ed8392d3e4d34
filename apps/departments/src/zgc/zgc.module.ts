import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Certificate } from './certificate.entity';
import { CertificatesController } from './certificates.controller';
import { CreditMark } from './credit-mark.entity';
import { CreditMarksController } from './credit-marks.controller';
import { Unicorn } from './unicorn.entity';
import { UnicornsController } from './unicorns.controller';
import { ZgcController } from './zgc.controller';
import { ZgcEnterprise } from './zgc-enterprise.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ZgcEnterprise, Certificate, CreditMark, Unicorn])],
  controllers: [ZgcController, CertificatesController, CreditMarksController, UnicornsController],
})
export class ZgcModule {}
