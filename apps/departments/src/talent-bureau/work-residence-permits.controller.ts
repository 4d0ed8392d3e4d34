import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsString, Length, Matches } from 'class-validator';
import { Repository } from 'typeorm';
import { beijingDate, PermitRecord } from '../../../../libs/domain';
import { IsCalendarDate, IsCreditCode } from '../../../../libs/dto';
import { findOr404 } from '../dev/find-or-404';
import { assertValidPeriod, PASSPORT_NUMBER, PASSPORT_NUMBER_MESSAGE, issuePermit, maskedHolder } from '../permit-fields';
import { WorkResidencePermit } from './work-residence-permit.entity';

class IssueWorkResidencePermitDto {
  @IsString() @Length(1, 200) caseId!: string;
  @IsString() @Length(1, 100) holderName!: string;
  @Matches(PASSPORT_NUMBER, { message: PASSPORT_NUMBER_MESSAGE }) passportNumber!: string;
  @IsCreditCode() employerCreditCode!: string;
  @IsCalendarDate() validFrom!: string;
  @IsCalendarDate() validUntil!: string;
}

export interface WorkResidencePermitRecord extends PermitRecord {
  kind: 'work-residence-permit';
  issuedOn: string;
}

const NOT_FOUND = '市人才工作局无该工作居住证';

function toRecord(p: WorkResidencePermit): WorkResidencePermitRecord {
  return {
    number: p.number,
    caseId: p.caseId,
    kind: 'work-residence-permit',
    holderName: p.holderName,
    passportNumber: p.passportNumber,
    employerCreditCode: p.employerCreditCode,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    issuedOn: p.issuedOn,
  };
}

/** 市人才工作局 issues the 工作居住证 of 两证联办, idempotent by case as the workflow's retries need. */
@Controller('talent-bureau/work-residence-permits')
export class WorkResidencePermitsController {
  constructor(@InjectRepository(WorkResidencePermit) private readonly permits: Repository<WorkResidencePermit>) {}

  @Post()
  async issue(@Body() body: IssueWorkResidencePermitDto): Promise<WorkResidencePermitRecord> {
    assertValidPeriod(body);
    // GJ + year the permit starts + six random digits, once per case (issuePermit).
    const issued = await issuePermit(this.permits, `GJ${body.validFrom.slice(0, 4)}`, body.caseId, (number) =>
      this.permits.query(
        `INSERT INTO talent_bureau.work_residence_permits
           (number, case_id, holder_name, passport_number, employer_credit_code, valid_from, valid_until, issued_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT DO NOTHING`,
        [number, body.caseId, body.holderName, body.passportNumber, body.employerCreditCode, body.validFrom, body.validUntil, beijingDate(new Date())],
      ),
    );
    return maskedHolder(toRecord(issued));
  }

  @Get(':number')
  async get(@Param('number') number: string): Promise<WorkResidencePermitRecord> {
    return maskedHolder(toRecord(await findOr404(this.permits, { number }, NOT_FOUND)));
  }
}
