import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { coded } from '../../../../libs/dto';

/**
 * The shape of a notice as loaded; the rules between its dates (each an existing day of that
 * year, ranges in order and apart, make-up days on weekends outside the holidays) are checked
 * after this by officialYearProblems, all at once, before any calendar is built from it.
 */
export class HolidayRangeDto {
  @ApiProperty({ example: '春节', description: '节日名称，如通知所列' })
  @IsString({ message: coded('calendar.isText') })
  @IsNotEmpty({ message: coded('calendar.holidayNameRequired') })
  @MaxLength(20, { message: coded('calendar.tooLong') })
  name!: string;

  @ApiProperty({ example: '2027-02-05', description: '放假第一天 YYYY-MM-DD' })
  @IsString({ message: coded('calendar.isDateText') })
  from!: string;

  @ApiProperty({ example: '2027-02-11', description: '放假最后一天 YYYY-MM-DD（含）' })
  @IsString({ message: coded('calendar.isDateText') })
  to!: string;
}

export class CalendarYearDto {
  @ApiPropertyOptional({ example: 2027, description: '可省略；若填写，须与路径中的年份一致' })
  @IsOptional()
  @IsInt({ message: coded('calendar.isYearNumber') })
  year?: number;

  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' })
  @IsString({ message: coded('calendar.isText') })
  @IsNotEmpty({ message: coded('calendar.titleRequired') })
  @MaxLength(200, { message: coded('calendar.tooLong') })
  title!: string;

  @ApiPropertyOptional({ example: '国办发明电〔2026〕X号' })
  @IsOptional()
  @IsString({ message: coded('calendar.isText') })
  @IsNotEmpty({ message: coded('calendar.documentNumberEmpty') })
  @MaxLength(100, { message: coded('calendar.tooLong') })
  documentNumber?: string;

  @ApiProperty({ type: [HolidayRangeDto] })
  @IsArray({ message: coded('calendar.holidaysList') })
  @ArrayMinSize(1, { message: coded('calendar.holidaysRequired') })
  @ArrayMaxSize(40, { message: coded('calendar.tooManyItems') })
  @ValidateNested({ each: true })
  @Type(() => HolidayRangeDto)
  holidays!: HolidayRangeDto[];

  @ApiProperty({ type: [String], example: ['2027-02-20'], description: '调休上班的周六、周日' })
  @IsArray({ message: coded('calendar.datesList') })
  @ArrayMaxSize(40, { message: coded('calendar.tooManyItems') })
  @IsString({ each: true, message: coded('calendar.eachDate') })
  makeUpWorkdays!: string[];
}
