import { Body, ConflictException, Controller, Get, Injectable, NotFoundException, Param, PipeTransform, Put, Query, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MoreThanOrEqual, Repository } from 'typeorm';
import { badRequest, CreditCodePipe, IsCalendarDate, IsCreditCode } from '../../../../libs/dto';
import {
  EXPORT_MARKET_CODES,
  EXPORT_MARKETS,
  ExportDeclaration,
  ExportMarket,
  ExportSalesRecord,
} from '../../../../libs/processes/specialized-rewards/department-records';
import { DevOnlyGuard } from '../dev/dev-only.guard';
import { findOr404 } from '../dev/find-or-404';
import { ExportDeclarationRow } from './export-declaration.entity';

const MARKET_MESSAGE = `market 必须是 ${EXPORT_MARKET_CODES.join('、')} 之一`;

class ExportDeclarationDto {
  @IsCreditCode() creditCode!: string;
  @IsString() @Length(1, 200) productName!: string;
  @IsIn(EXPORT_MARKET_CODES, { message: MARKET_MESSAGE }) market!: ExportMarket;
  @IsCalendarDate() declaredOn!: string;
  @IsInt({ message: 'amountYuan 必须是整数元' }) @Min(1) @Max(1e13) amountYuan!: number;
}

class ExportSalesQueryDto {
  @IsString() @Length(1, 200) productName!: string;
  /** Only declarations on or after this day (the registration's date, say). */
  @IsOptional() @IsCalendarDate() since?: string;
}

@Injectable()
class MarketPipe implements PipeTransform<string, ExportMarket> {
  transform(value: string): ExportMarket {
    if (!(EXPORT_MARKET_CODES as string[]).includes(value)) throw badRequest([{ field: 'market', rule: 'isIn', message: MARKET_MESSAGE }]);
    return value as ExportMarket;
  }
}

@Injectable()
class DeclarationNumberPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^\d{18}$/.test(value)) throw badRequest([{ field: 'declarationNumber', rule: 'matches', message: 'declarationNumber 必须是 18 位数字的报关单号' }]);
    return value;
  }
}

/**
 * 北京海关's export declarations: whether an enterprise has sold a product in a market (在相应国外
 * 市场实现销售). No declaration of that product into that market is a 404, which is an answer.
 */
@Controller('customs')
export class ExportSalesController {
  constructor(@InjectRepository(ExportDeclarationRow) private readonly declarations: Repository<ExportDeclarationRow>) {}

  @Get('export-sales/:creditCode/:market')
  async sales(
    @Param('creditCode', CreditCodePipe) creditCode: string,
    @Param('market', MarketPipe) market: ExportMarket,
    @Query() query: ExportSalesQueryDto,
  ): Promise<ExportSalesRecord> {
    const { productName, since } = query;
    const rows = await this.declarations.find({
      where: { creditCode, market, productName, ...(since ? { declaredOn: MoreThanOrEqual(since) } : {}) },
      order: { declaredOn: 'ASC', declarationNumber: 'ASC' },
    });
    if (rows.length === 0) {
      throw new NotFoundException(`北京海关无该企业“${productName}”出口至${EXPORT_MARKETS[market]}的报关记录${since ? `（${since}起）` : ''}`);
    }
    const declarations: ExportDeclaration[] = rows.map(({ declarationNumber, declaredOn, amountYuan }) => ({ declarationNumber, declaredOn, amountYuan }));
    return {
      creditCode,
      productName,
      market,
      declarations,
      totalYuan: declarations.reduce((sum, d) => sum + d.amountYuan, 0),
      firstDeclaredOn: declarations[0].declaredOn,
      lastDeclaredOn: declarations[declarations.length - 1].declaredOn,
    };
  }

  @Get('export-declarations/:declarationNumber')
  declaration(@Param('declarationNumber', DeclarationNumberPipe) declarationNumber: string): Promise<ExportDeclarationRow> {
    return findOr404(this.declarations, { declarationNumber }, `北京海关无报关单 ${declarationNumber}`);
  }

  /** Development only: record a declaration for a test or demo; the same one again changes nothing. */
  @Put('export-declarations/:declarationNumber')
  @UseGuards(DevOnlyGuard)
  async put(@Param('declarationNumber', DeclarationNumberPipe) declarationNumber: string, @Body() body: ExportDeclarationDto): Promise<ExportDeclarationRow> {
    const existing = await this.declarations.findOneBy({ declarationNumber });
    // A declaration is the enterprise's: another enterprise's number is a caller's mistake, not an overwrite.
    if (existing && existing.creditCode !== body.creditCode) throw new ConflictException(`报关单 ${declarationNumber} 属于其他企业`);
    return this.declarations.save({ declarationNumber, ...body });
  }
}
