import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, MaxLength, Min } from 'class-validator';
import type { ListingApplication } from './listing.contract';
import { IsCreditCode, coded } from '../../dto/validators';
import { defineProcess } from '../define-process';
import { LISTING_CONTRACT } from './listing.contract';

/** Beijing's sixteen districts and the economic-technological development area, which grant district subsidies. */
export const BEIJING_DISTRICTS = [
  '东城区', '西城区', '朝阳区', '丰台区', '石景山区', '海淀区', '门头沟区', '房山区', '通州区',
  '顺义区', '昌平区', '大兴区', '怀柔区', '平谷区', '密云区', '延庆区', '北京经济技术开发区',
];

export class ListingApplicationDto implements ListingApplication {
  @ApiProperty({ description: '统一社会信用代码 (the enterprise must be in the 独角兽企业服务库)' })
  @IsCreditCode()
  creditCode!: string;

  @ApiProperty({ example: '北京星河智能科技有限公司' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  enterpriseName!: string;

  @ApiProperty({ enum: ['BSE'], description: '北京证券交易所' })
  @IsIn(['BSE'])
  exchange!: 'BSE';

  @ApiProperty({ description: '保荐机构' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sponsor!: string;

  @ApiProperty({ enum: BEIJING_DISTRICTS, description: '注册地所在区（区级补贴）' })
  @IsIn(BEIJING_DISTRICTS)
  district!: string;
}

export class LiaisonDto {
  @ApiProperty({ description: '对接专员姓名' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiProperty({ example: '010-55550000' })
  @Matches(/^[0-9+\- ]{7,20}$/, { message: coded('validation.phone') })
  phone!: string;
}

export class SubsidyDto {
  @ApiProperty({ description: 'yuan; municipal up to 3,000,000, district not below the municipal amount' })
  @IsInt()
  @Min(1)
  amountYuan!: number;
}

/** 即报即审 listing support: its contract and the application it takes. */
export const LISTING = defineProcess(LISTING_CONTRACT, ListingApplicationDto, { liaison: LiaisonDto, subsidy: SubsidyDto });
