import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsString, Length, Matches } from 'class-validator';
import { Repository } from 'typeorm';
import { beijingDate, PermitRecord } from '../../../../libs/domain';
import { IsCalendarDate, IsCreditCode } from '../../../../libs/dto';
import { findOr404 } from '../dev/find-or-404';
import { assertValidPeriod, NATIONALITY, NATIONALITY_MESSAGE, PASSPORT_NUMBER, PASSPORT_NUMBER_MESSAGE, issuePermit, maskedHolder } from '../permit-fields';
import { WorkPermit } from './work-permit.entity';

class IssueWorkPermitDto {
  @IsString() @Length(1, 200) caseId!: string;
  @IsString() @Length(1, 100) holderName!: string;
  @Matches(PASSPORT_NUMBER, { message: PASSPORT_NUMBER_MESSAGE }) passportNumber!: string;
  @Matches(NATIONALITY, { message: NATIONALITY_MESSAGE }) nationality!: string;
  @IsCreditCode() employerCreditCode!: string;
  @IsString() @Length(1, 100) position!: string;
  @IsCalendarDate() validFrom!: string;
  @IsCalendarDate() validUntil!: string;
}

/** The work permit with what only 市人社局 records besides the common fields. */
export interface WorkPermitRecord extends PermitRecord {
  kind: 'work-permit';
  nationality: string;
  position: string;
  issuedOn: string;
}

const NOT_FOUND = '市人社局无该工作许可';

function toRecord(p: WorkPermit): WorkPermitRecord {
  return {
    number: p.number,
    caseId: p.caseId,
    kind: 'work-permit',
    holderName: p.holderName,
    passportNumber: p.passportNumber,
    nationality: p.nationality,
    employerCreditCode: p.employerCreditCode,
    position: p.position,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    issuedOn: p.issuedOn,
  };
}

/**
 * 市人社局 issues the 外国人来华工作许可 of 两证联办. The caller is a workflow activity that
 * retries, so issuing is idempotent by case: one case, one permit, whatever the retries carry.
 */
@Controller('hr-social-security/work-permits')
export class WorkPermitsController {
  constructor(@InjectRepository(WorkPermit) private readonly permits: Repository<WorkPermit>) {}

  @Post()
  async issue(@Body() body: IssueWorkPermitDto): Promise<WorkPermitRecord> {
    assertValidPeriod(body);
    // WP + year the permit starts + six random digits, once per case (issuePermit).
    const issued = await issuePermit(this.permits, `WP${body.validFrom.slice(0, 4)}`, body.caseId, (number) =>
      this.permits.query(
        `INSERT INTO hr_social_security.work_permits
           (number, case_id, holder_name, passport_number, nationality, employer_credit_code, position, valid_from, valid_until, issued_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT DO NOTHING`,
        [
          number,
          body.caseId,
          body.holderName,
          body.passportNumber,
          body.nationality,
          body.employerCreditCode,
          body.position,
          body.validFrom,
          body.validUntil,
          beijingDate(new Date()),
        ],
      ),
    );
    return maskedHolder(toRecord(issued));
  }

  @Get(':number')
  async get(@Param('number') number: string): Promise<WorkPermitRecord> {
    return maskedHolder(toRecord(await findOr404(this.permits, { number }, NOT_FOUND)));
  }
}
