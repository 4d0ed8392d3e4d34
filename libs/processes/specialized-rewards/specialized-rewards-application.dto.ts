import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { beijingDate, isIsoDate } from '../../domain/calendar-date';
import { ObjectionDto } from '../../dto/case-engine.dto';
import { IsCalendarDate, IsCreditCode, coded } from '../../dto/validators';
import { defineProcess } from '../define-process';
import { PRODUCT_TYPE_CODES, ProductType } from './department-records';
import { REGISTRATION_AGENCY_CODES, RegistrationAgency, SPECIALIZED_REWARDS_CONTRACT, SpecializedRewardApplication } from './specialized-rewards.contract';

/** A registration cannot have been obtained after today (an old one is the workflow's to judge, with its reason). */
@ValidatorConstraint({ name: 'notInFuture' })
class NotInFuture implements ValidatorConstraintInterface {
  validate(date: string): boolean {
    return !isIsoDate(date) || date <= beijingDate(new Date());
  }
  defaultMessage(): string {
    return coded('validation.notInFuture');
  }
}

export class RewardProductDto {
  @ApiProperty({ example: '注射用康华单抗', description: '产品名称，与本市生产许可所载一致' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  name!: string;

  @ApiProperty({ enum: PRODUCT_TYPE_CODES, description: '产品类别：drug 药品，high-end-medical-device 高端医疗器械' })
  @IsIn(PRODUCT_TYPE_CODES)
  type!: ProductType;
}

export class ForeignRegistrationDto {
  @ApiProperty({ enum: REGISTRATION_AGENCY_CODES, description: '注册机构：FDA、EMA、PMDA 或 WHO-PQ（世界卫生组织预认证）' })
  @IsIn(REGISTRATION_AGENCY_CODES)
  agency!: RegistrationAgency;

  @ApiProperty({ example: 'BLA 761345', description: '注册证号（如 FDA 的 NDA/BLA/510(k) 号、EMA 的 EU/1/… 号）' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 ./()-]{1,39}$/, { message: coded('validation.registrationNumber') })
  number!: string;

  @ApiProperty({ example: '2025-03-18', description: '注册日期（近两年内的注册方可奖励）' })
  @IsCalendarDate()
  @Validate(NotInFuture)
  registeredOn!: string;
}

/**
 * What an enterprise files for item 12's reward, one product at a time. Its roster listing,
 * the product's Beijing licence and its export sales are fetched from 市经信局, 市药监局 and
 * 北京海关 and compared; only the foreign registration, which no Beijing department holds, and
 * the declarations the applicant relies on are its own word.
 */
export class SpecializedRewardApplicationDto implements SpecializedRewardApplication {
  @ApiProperty({ example: '91110114MA04KH6R2A', description: '统一社会信用代码（专精特新中小企业或"小巨人"企业）' })
  @IsCreditCode()
  creditCode!: string;

  @ApiProperty({ example: '北京康华生物医药有限公司', description: '企业名称，与市经济和信息化局名单所载比对' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  enterpriseName!: string;

  @ApiProperty({ type: RewardProductDto, description: '申请奖励的产品（每件产品一份申请）' })
  @IsObject()
  @ValidateNested()
  @Type(() => RewardProductDto)
  product!: RewardProductDto;

  @ApiProperty({ type: ForeignRegistrationDto, description: '国际机构注册：机构、注册证号、注册日期' })
  @IsObject()
  @ValidateNested()
  @Type(() => ForeignRegistrationDto)
  registration!: ForeignRegistrationDto;

  @ApiProperty({ type: [String], example: ['010020250000004200'], description: '在相应国外市场实现销售的出口报关单号（18位），由北京海关核对' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^\d{18}$/, { each: true, message: coded('validation.customsDeclaration') })
  exportDeclarations!: string[];
}

/** 专精特新 international-registration rewards: its contract and the application it takes. */
export const SPECIALIZED_REWARDS = defineProcess(SPECIALIZED_REWARDS_CONTRACT, SpecializedRewardApplicationDto, { objections: ObjectionDto });
