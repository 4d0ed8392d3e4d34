import { Body, ConflictException, Controller, Get, Injectable, Param, PipeTransform, Put, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsIn, IsString, Length } from 'class-validator';
import { Repository } from 'typeorm';
import { badRequest, CreditCodePipe, IsCalendarDate } from '../../../../libs/dto';
import {
  LICENCE_STATUSES,
  LicenceStatus,
  PRODUCT_TYPE_CODES,
  ProductionLicenceRecord,
  ProductType,
} from '../../../../libs/processes/specialized-rewards/department-records';
import { DevOnlyGuard } from '../dev/dev-only.guard';
import { findOr404 } from '../dev/find-or-404';
import { ProductionLicence } from './production-licence.entity';

class ProductionLicenceDto {
  @IsString() @Length(1, 40) licenceNumber!: string;
  @IsIn(PRODUCT_TYPE_CODES, { message: `productType 必须是 ${PRODUCT_TYPE_CODES.join('、')} 之一` }) productType!: ProductType;
  @IsCalendarDate() issuedOn!: string;
  @IsCalendarDate() validUntil!: string;
  @IsIn(LICENCE_STATUSES, { message: `status 必须是 ${LICENCE_STATUSES.join('、')} 之一` }) status!: LicenceStatus;
}

/** A product name in the path (decoded): some text, not more than the column holds. */
@Injectable()
class ProductNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || value.trim() === '' || value.length > 200) {
      throw badRequest([{ field: 'productName', rule: 'length', message: 'productName 必须是 1 到 200 个字符' }]);
    }
    return value;
  }
}

/**
 * 市药品监督管理局's production licences, one per holder and product: whether the product is
 * produced in Beijing (在本市生产). A product without a licence here is a 404, which is an answer.
 */
@Controller('medical-products/production-licences')
export class ProductionLicencesController {
  constructor(@InjectRepository(ProductionLicence) private readonly licences: Repository<ProductionLicence>) {}

  @Get(':creditCode/:productName')
  get(@Param('creditCode', CreditCodePipe) holderCreditCode: string, @Param('productName', ProductNamePipe) productName: string): Promise<ProductionLicenceRecord> {
    return findOr404(this.licences, { holderCreditCode, productName }, `市药品监督管理局无该企业“${productName}”的本市生产许可记录`);
  }

  /** Development only: record (or change) a product's licence for a test or demo. */
  @Put(':creditCode/:productName')
  @UseGuards(DevOnlyGuard)
  async put(
    @Param('creditCode', CreditCodePipe) holderCreditCode: string,
    @Param('productName', ProductNamePipe) productName: string,
    @Body() body: ProductionLicenceDto,
  ): Promise<ProductionLicenceRecord> {
    if (body.validUntil < body.issuedOn) {
      throw badRequest([{ field: 'validUntil', rule: 'notBeforeIssuedOn', message: 'validUntil 不能早于 issuedOn' }]);
    }
    // A licence number names one product of one holder: reusing it for another is a caller's mistake, not a 500.
    const holder = await this.licences.findOneBy({ licenceNumber: body.licenceNumber });
    if (holder && (holder.holderCreditCode !== holderCreditCode || holder.productName !== productName)) {
      throw new ConflictException(`许可证编号 ${body.licenceNumber} 已用于其他产品`);
    }
    return this.licences.save({ holderCreditCode, productName, ...body });
  }
}
