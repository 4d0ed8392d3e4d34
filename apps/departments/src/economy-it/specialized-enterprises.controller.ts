import { Body, Controller, Get, Injectable, NotFoundException, Param, PipeTransform, Put, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { Repository } from 'typeorm';
import { badRequest, CreditCodePipe, IsCalendarDate } from '../../../../libs/dto';
import {
  SPECIALIZED_LEVEL_CODES,
  SPECIALIZED_LEVELS,
  SpecializedEnterpriseRecord,
  SpecializedLevel,
} from '../../../../libs/processes/specialized-rewards/department-records';
import { DevOnlyGuard } from '../dev/dev-only.guard';
import { SpecializedListingRow } from './specialized-listing.entity';

class SpecializedListingDto {
  @IsString() @Length(1, 200) name!: string;
  @IsInt({ message: 'listYear 必须是整数年份' }) @Min(2000) @Max(9999) listYear!: number;
  @IsCalendarDate() validUntil!: string;
}

/** A level in the path: one of the four lists, else a 400 naming them. */
@Injectable()
class LevelPipe implements PipeTransform<string, SpecializedLevel> {
  transform(value: string): SpecializedLevel {
    if (!(SPECIALIZED_LEVEL_CODES as string[]).includes(value)) {
      throw badRequest([{ field: 'level', rule: 'isIn', message: `level 必须是 ${SPECIALIZED_LEVEL_CODES.join('、')} 之一` }]);
    }
    return value as SpecializedLevel;
  }
}

/** Highest first: a national 小巨人 before a municipal one, 小巨人 before 专精特新中小企业. */
const RANK = new Map(SPECIALIZED_LEVEL_CODES.map((level, i) => [level, i]));

/**
 * 市经济和信息化局's roster of 专精特新中小企业 and 专精特新"小巨人"企业, national and municipal. An
 * enterprise on none of the lists is a 404: that is the answer the reward's eligibility needs.
 */
@Controller('economy-it/specialized-enterprises')
export class SpecializedEnterprisesController {
  constructor(@InjectRepository(SpecializedListingRow) private readonly listings: Repository<SpecializedListingRow>) {}

  @Get(':creditCode')
  async get(@Param('creditCode', CreditCodePipe) creditCode: string): Promise<SpecializedEnterpriseRecord> {
    const rows = await this.listings.findBy({ creditCode });
    if (rows.length === 0) throw new NotFoundException('市经济和信息化局专精特新企业名单中无该企业');
    rows.sort((a, b) => RANK.get(a.level)! - RANK.get(b.level)!);
    return {
      creditCode,
      // The latest list carries the enterprise's current name.
      name: [...rows].sort((a, b) => b.listYear - a.listYear)[0].name,
      listings: rows.map(({ level, listYear, validUntil }) => ({ level, listYear, validUntil })),
    };
  }

  /** Development only: put the enterprise on a list (or change its entry) for a test or demo. */
  @Put(':creditCode/:level')
  @UseGuards(DevOnlyGuard)
  async put(
    @Param('creditCode', CreditCodePipe) creditCode: string,
    @Param('level', LevelPipe) level: SpecializedLevel,
    @Body() body: SpecializedListingDto,
  ): Promise<SpecializedEnterpriseRecord> {
    if (body.validUntil.slice(0, 4) < String(body.listYear)) {
      throw badRequest([{ field: 'validUntil', rule: 'notBeforeListYear', message: `validUntil 不能早于认定年度 ${body.listYear}（${SPECIALIZED_LEVELS[level]}）` }]);
    }
    await this.listings.save({ creditCode, level, ...body });
    return this.get(creditCode);
  }
}
