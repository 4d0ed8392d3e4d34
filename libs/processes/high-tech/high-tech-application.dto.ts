import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface, Validate } from 'class-validator';
import { TECH_FIELD_CODES, TechField } from '../../domain/departments';
import type { HighTechApplication } from './high-tech.contract';
import { ObjectionDto, ScoreDto } from '../../dto/case-engine.dto';
import { IsCreditCode, coded } from '../../dto/validators';
import { defineProcess } from '../define-process';
import { HIGH_TECH_CONTRACT } from './high-tech.contract';

@ValidatorConstraint({ name: 'domesticNotAboveTotal' })
class DomesticNotAboveTotal implements ValidatorConstraintInterface {
  validate(domestic: number, args: ValidationArguments): boolean {
    const total = (args.object as RdExpensesDto).totalYuan;
    return typeof total !== 'number' || domestic <= total;
  }
  defaultMessage(): string {
    return coded('validation.domesticNotAboveTotal');
  }
}

export class RdExpensesDto {
  @ApiProperty({ example: 2025, description: '研发费用所属年度 (the tax year declared)' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: 8_000_000, description: '境内研究开发费用总额（元）' })
  @IsInt()
  @Min(0)
  @Max(1e13)
  @Validate(DomesticNotAboveTotal)
  domesticYuan!: number;

  @ApiProperty({ example: 10_000_000, description: '全部研究开发费用总额（元）' })
  @IsInt()
  @Min(0)
  @Max(1e13)
  totalYuan!: number;
}

/**
 * What an enterprise files for high-tech certification. Only what no department holds is
 * asked for in full; registration, scale and field are fetched and compared (item 4).
 */
export class HighTechApplicationDto implements HighTechApplication {
  @ApiProperty({ example: '91110108MA01A2B3C4', description: '统一社会信用代码' })
  @IsCreditCode()
  creditCode!: string;

  @ApiPropertyOptional({ example: '北京芯算科技有限公司', description: '企业名称; may be left out: 市场监管局 holds it' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  enterpriseName?: string;

  @ApiProperty({ enum: TECH_FIELD_CODES, description: '技术领域' })
  @IsIn(TECH_FIELD_CODES)
  techField!: TechField;

  @ApiPropertyOptional({ type: RdExpensesDto, description: '研发费用; may be left out (税务局 holds it); when given, compared with it' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RdExpensesDto)
  rdExpenses?: RdExpensesDto;
}

/** 报备即批准 high-tech certification: its contract and the application it takes. */
export const HIGH_TECH = defineProcess(HIGH_TECH_CONTRACT, HighTechApplicationDto, { objections: ObjectionDto, score: ScoreDto });
