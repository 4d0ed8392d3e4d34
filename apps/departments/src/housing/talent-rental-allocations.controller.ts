import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsString, Length } from 'class-validator';
import { Repository } from 'typeorm';
import { beijingDate } from '../../../../libs/domain';
import { IsCreditCode } from '../../../../libs/dto';
import { findOr404 } from '../dev/find-or-404';
import { TalentRentalAllocation } from './talent-rental-allocation.entity';

class AllocateTalentRentalDto {
  @IsString() @Length(1, 200) caseId!: string;
  @IsString() @Length(1, 100) holderName!: string;
  @IsCreditCode() employerCreditCode!: string;
  @IsString() @Length(1, 200) project!: string;
}

/** What 市住建委 answers about an allocation: the case is its key; the row id is internal. */
export interface TalentRentalAllocationRecord {
  caseId: string;
  holderName: string;
  employerCreditCode: string;
  project: string;
  /** YYYY-MM-DD in Beijing time. */
  allocatedOn: string;
}

const NOT_FOUND = '市住建委无该案件的人才公租房配租';

function toRecord(a: TalentRentalAllocation): TalentRentalAllocationRecord {
  return { caseId: a.caseId, holderName: a.holderName, employerCreditCode: a.employerCreditCode, project: a.project, allocatedOn: a.allocatedOn };
}

/**
 * 市住建委 allocates 人才公租房 for a 两证联办 case, once per case: a retry finds the stored
 * allocation. 'housing' is also a compliance department; its compliance-records routes are the
 * compliance module's, which is registered after this one.
 */
@Controller('housing/talent-rental-allocations')
export class TalentRentalAllocationsController {
  constructor(@InjectRepository(TalentRentalAllocation) private readonly allocations: Repository<TalentRentalAllocation>) {}

  @Post()
  async allocate(@Body() body: AllocateTalentRentalDto): Promise<TalentRentalAllocationRecord> {
    await this.allocations.query(
      `INSERT INTO housing.talent_rental_allocations (case_id, holder_name, employer_credit_code, project, allocated_on)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id) DO NOTHING`,
      [body.caseId, body.holderName, body.employerCreditCode, body.project, beijingDate(new Date())],
    );
    return toRecord(await this.allocations.findOneByOrFail({ caseId: body.caseId }));
  }

  @Get(':caseId')
  async get(@Param('caseId') caseId: string): Promise<TalentRentalAllocationRecord> {
    return toRecord(await findOr404(this.allocations, { caseId }, NOT_FOUND));
  }
}
