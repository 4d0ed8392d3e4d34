import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

/**
 * The shape of a notice as loaded; the rules between its dates (each an existing day of that
 * year, ranges in order and apart, make-up days on weekends outside the holidays) are checked
 * after this by officialYearProblems, all at once, before any calendar is built from it.
 */
export class HolidayRangeDto {
  @ApiProperty({ example: '春节', description: '节日名称，如通知所列' })
  @IsString({ message: '$property 应为文字' })
  @IsNotEmpty({ message: '$property 不能为空：请填写节日名称' })
  @MaxLength(20, { message: '$property 不能超过 20 个字' })
  name!: string;

  @ApiProperty({ example: '2027-02-05', description: '放假第一天 YYYY-MM-DD' })
  @IsString({ message: '$property 应为日期 YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2027-02-11', description: '放假最后一天 YYYY-MM-DD（含）' })
  @IsString({ message: '$property 应为日期 YYYY-MM-DD' })
  to!: string;
}

export class CalendarYearDto {
  @ApiPropertyOptional({ example: 2027, description: '可省略；若填写，须与路径中的年份一致' })
  @IsOptional()
  @IsInt({ message: '$property 应为整数年份' })
  year?: number;

  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' })
  @IsString({ message: '$property 应为文字' })
  @IsNotEmpty({ message: '$property 不能为空：请填写通知标题' })
  @MaxLength(200, { message: '$property 不能超过 200 个字' })
  title!: string;

  @ApiPropertyOptional({ example: '国办发明电〔2026〕X号' })
  @IsOptional()
  @IsString({ message: '$property 应为文字' })
  @IsNotEmpty({ message: '$property 不能为空字符串：没有文号时请省略' })
  @MaxLength(100, { message: '$property 不能超过 100 个字' })
  documentNumber?: string;

  @ApiProperty({ type: [HolidayRangeDto] })
  @IsArray({ message: '$property 应为放假区间的列表' })
  @ArrayMinSize(1, { message: '$property 至少应有一项放假安排' })
  @ArrayMaxSize(40, { message: '$property 不能超过 40 项' })
  @ValidateNested({ each: true })
  @Type(() => HolidayRangeDto)
  holidays!: HolidayRangeDto[];

  @ApiProperty({ type: [String], example: ['2027-02-20'], description: '调休上班的周六、周日' })
  @IsArray({ message: '$property 应为日期的列表' })
  @ArrayMaxSize(40, { message: '$property 不能超过 40 项' })
  @IsString({ each: true, message: '$property 的每一项应为日期 YYYY-MM-DD' })
  makeUpWorkdays!: string[];
}
