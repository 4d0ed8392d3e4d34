import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { StepDecisionKind } from '../domain/case-engine.contract';
import { DEPARTMENTS, DepartmentCode } from '../domain/departments';
import { EXCLUDED_PERIOD_KINDS, ExcludedPeriodKind } from '../domain/sla-clock';
import { coded } from './validators';

const DECISIONS: StepDecisionKind[] = ['accept', 'refuse', 'request-correction', 'approve', 'reject', 'return', 'confirm', 'clear'];

/** A file uploaded before (POST /materials), named by its id; its kind says what it is. */
export class MaterialAttachmentDto {
  @ApiProperty({ description: 'what the file is: a material kind (GET /processes lists them)', example: 'expert-opinion' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  kind!: string;

  @ApiProperty({ description: 'the id POST /materials answered', format: 'uuid' })
  @IsUUID('all', { message: coded('material.idFormat') })
  id!: string;
}

export class DecisionDto {
  @ApiProperty({ enum: DECISIONS, description: '受理 accept / 不予受理 refuse / 一次性告知 request-correction; 审查 approve / reject / return (退回补正); 合规核查 confirm / clear' })
  @IsIn(DECISIONS)
  decision!: StepDecisionKind;

  @ApiPropertyOptional({ description: 'required to refuse, reject, return or request correction' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ type: [String], description: 'every item the applicant must correct, at once' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  correctionItems?: string[];

  @ApiPropertyOptional({ type: [MaterialAttachmentDto], description: 'files attached to the decision (expert-opinion, inspection-record, decision-attachment), uploaded first' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MaterialAttachmentDto)
  materials?: MaterialAttachmentDto[];
}

export class CorrectionResponseDto {
  @ApiProperty({ description: 'an item of the correction notice, as written there' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  item!: string;

  @ApiProperty({ description: 'what the applicant corrected or supplied' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  response!: string;
}

export class CorrectionAnswerDto {
  @ApiProperty({ type: [CorrectionResponseDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CorrectionResponseDto)
  responses!: CorrectionResponseDto[];

  @ApiPropertyOptional({ type: [MaterialAttachmentDto], description: 'files answering the notice (kind correction-material, or a material kind of the process), uploaded first' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MaterialAttachmentDto)
  materials?: MaterialAttachmentDto[];
}

export class WithdrawDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ReleaseDto {
  @ApiPropertyOptional({ description: 'why the step goes back to the pool (recorded on the timeline)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class UrgeDto {
  @ApiProperty({ description: '督办: what the agency is urged to do' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;
}

export class ReassignDto {
  @ApiProperty({ enum: Object.keys(DEPARTMENTS) })
  @IsIn(Object.keys(DEPARTMENTS))
  agency!: DepartmentCode;

  @ApiPropertyOptional({ description: 'a staff member of that agency to assign directly' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  assigneeUserId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  assigneeName?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ExtensionDto {
  @ApiPropertyOptional({ description: "'case' (the decision limit, Art. 42) or a step id", default: 'case' })
  @IsOptional()
  @IsString()
  @MaxLength(220)
  clockId: string = 'case';

  @ApiPropertyOptional({ default: 10, description: 'working days; Art. 42 allows 10, joint handling 15' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(15)
  days: number = 10;

  @ApiProperty({ description: 'told to the applicant' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ExclusionDto {
  @ApiProperty({ enum: EXCLUDED_PERIOD_KINDS, description: 'Art. 45: not counted against the limit' })
  @IsIn(EXCLUDED_PERIOD_KINDS)
  kind!: ExcludedPeriodKind;

  @ApiProperty({ description: 'working days it is expected to take, told to the applicant' })
  @IsInt()
  @Min(1)
  @Max(120)
  expectedDays!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class DevLoginDto {
  @ApiProperty({ example: 'zgc-reviewer', description: 'a seeded demo user (GET /auth/dev-users)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  userId!: string;
}

export class ScoreDto {
  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  score!: number;

  @ApiProperty({ description: '评审意见' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  opinion!: string;
}

export class ObjectionDto {
  @ApiProperty({ description: '异议人姓名或单位' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ description: '联系方式' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  contact!: string;

  @ApiProperty({ description: '异议事实和理由' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;
}
