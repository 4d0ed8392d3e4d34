import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  IsNotIn,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { beijingDate, isIsoDate } from '../../domain/calendar-date';
import { NATIONALITY_CODES, NOT_FOREIGN_NATIONALITIES } from '../../i18n/nationalities';
import { ageOn, monthsAfter } from '../../domain/calendar-spans';
import { TALENT_PERMITS_CONTRACT, TalentApplication, TalentCategory } from './talent-permits.contract';
import { IsCalendarDate, IsCreditCode, coded } from '../../dto/validators';
import { defineProcess } from '../define-process';

@ValidatorConstraint({ name: 'workingAge' })
class WorkingAge implements ValidatorConstraintInterface {
  validate(date: string): boolean {
    if (!isIsoDate(date)) return true; // IsCalendarDate reports the format
    // Completed years, on the calendar: 18 on the 18th birthday, 70 until the 71st.
    const age = ageOn(date, beijingDate(new Date()));
    return age >= 18 && age <= 70;
  }
  defaultMessage(): string {
    return coded('validation.workingAge');
  }
}

@ValidatorConstraint({ name: 'passportValidSixMonths' })
class PassportValidSixMonths implements ValidatorConstraintInterface {
  validate(date: string): boolean {
    if (!isIsoDate(date)) return true;
    return date >= monthsAfter(beijingDate(new Date()), 6);
  }
  defaultMessage(): string {
    return coded('validation.passportValidSixMonths');
  }
}

export class ForeignTalentDto {
  @ApiProperty({ example: 'Anna Schmidt' }) @IsString() @IsNotEmpty() @MaxLength(100) name!: string;

  @ApiProperty({ example: 'C4XK29T71', description: 'passport number: 6–12 letters and digits, kept in capitals (c4xk29t71 is taken as C4XK29T71)' })
  // A passport prints its number in capitals; one typed in lower case is the same number.
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @Matches(/^[A-Z0-9]{6,12}$/, { message: coded('validation.passportNumber') })
  passportNumber!: string;

  @ApiProperty({ example: 'DEU', description: 'as the passport writes it (ISO 3166-1 alpha-3, deu taken as DEU); a foreign national: not CHN, HKG, MAC or TWN' })
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(NATIONALITY_CODES, { message: coded('validation.nationalityCode') })
  @IsNotIn(NOT_FOREIGN_NATIONALITIES, { message: coded('validation.foreignNationality') })
  nationality!: string;

  @ApiProperty({ example: '1988-04-02' }) @IsCalendarDate() @Validate(WorkingAge) dateOfBirth!: string;
  @ApiProperty({ example: '2032-06-30' }) @IsCalendarDate() @Validate(PassportValidSixMonths) passportExpiry!: string;
  @ApiProperty({ enum: ['bachelor', 'master', 'doctorate'] }) @IsIn(['bachelor', 'master', 'doctorate']) degree!: 'bachelor' | 'master' | 'doctorate';
  @ApiProperty({ example: '首席算法科学家' }) @IsString() @IsNotEmpty() @MaxLength(100) position!: string;
  @ApiProperty({ example: 1_200_000 }) @IsInt() @Min(1) @Max(1e9) annualSalaryYuan!: number;
  @ApiProperty({ enum: ['A', 'B'], description: 'A 外国高端人才 / B 外国专业人才' }) @IsIn(['A', 'B']) category!: TalentCategory;
}

export class TalentRequestsDto {
  @ApiProperty({ description: '同时申请北京市工作居住证' }) @IsBoolean() workResidencePermit!: boolean;
  @ApiProperty({ description: '同时申请人才公租房' }) @IsBoolean() talentHousing!: boolean;
}

/** One application, one set of materials (filed beside it as `materials`, see the contract), from the hiring enterprise for its foreign talent. */
export class TalentApplicationDto implements TalentApplication {
  @ApiProperty({ description: '用人单位统一社会信用代码' }) @IsCreditCode() employerCreditCode!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) employerName!: string;

  @ApiProperty({ type: ForeignTalentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ForeignTalentDto)
  talent!: ForeignTalentDto;

  @ApiProperty({ type: TalentRequestsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TalentRequestsDto)
  requests!: TalentRequestsDto;
}

/** 两证联办: its contract and the application it takes. */
export const TALENT_PERMITS = defineProcess(TALENT_PERMITS_CONTRACT, TalentApplicationDto);
