import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsString, Length, Matches } from 'class-validator';
import { Repository } from 'typeorm';
import { beijingDate, PermitRecord } from '../../../../libs/domain';
import { IsCalendarDate, IsCreditCode } from '../../../../libs/dto';
import { findOr404 } from '../dev/find-or-404';
import { assertValidPeriod, NATIONALITY, NATIONALITY_MESSAGE, PASSPORT_NUMBER, PASSPORT_NUMBER_MESSAGE, issuePermit, maskedHolder } from '../permit-fields';
import { ResidencePermit } from './residence-permit.entity';

class IssueResidencePermitDto {
  @IsString() @Length(1, 200) caseId!: string;
  @Matches(/^WP\d{10}$/, { message: 'workPermitNumber must be a 市人社局 work permit number such as WP2026000017' }) workPermitNumber!: string;
  @IsString() @Length(1, 100) holderName!: string;
  @Matches(PASSPORT_NUMBER, { message: PASSPORT_NUMBER_MESSAGE }) passportNumber!: string;
  @Matches(NATIONALITY, { message: NATIONALITY_MESSAGE }) nationality!: string;
  @IsCreditCode() employerCreditCode!: string;
  @IsCalendarDate() validFrom!: string;
  @IsCalendarDate() validUntil!: string;
}

/** The residence permit with what only 出入境管理总队 records besides the common fields. */
export interface ResidencePermitRecord extends PermitRecord {
  kind: 'residence-permit';
  workPermitNumber: string;
  nationality: string;
  issuedOn: string;
}

const NOT_FOUND = '市公安局出入境管理总队无该居留许可';

function toRecord(p: ResidencePermit): ResidencePermitRecord {
  return {
    number: p.number,
    caseId: p.caseId,
    kind: 'residence-permit',
    workPermitNumber: p.workPermitNumber,
    holderName: p.holderName,
    passportNumber: p.passportNumber,
    nationality: p.nationality,
    employerCreditCode: p.employerCreditCode,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    issuedOn: p.issuedOn,
  };
}

/**
 * 市公安局出入境管理总队 issues the residence permit of 两证联办, idempotent by case as the
 * workflow's retries need. The work permit number is taken as the case presents it: this is a
 * separate service that cannot read 市人社局's register, and the case has already checked it.
 */
@Controller('public-security/residence-permits')
export class ResidencePermitsController {
  constructor(@InjectRepository(ResidencePermit) private readonly permits: Repository<ResidencePermit>) {}

  @Post()
  async issue(@Body() body: IssueResidencePermitDto): Promise<ResidencePermitRecord> {
    assertValidPeriod(body);
    // RP + year the permit starts + six random digits, once per case (issuePermit).
    const issued = await issuePermit(this.permits, `RP${body.validFrom.slice(0, 4)}`, body.caseId, (number) =>
      this.permits.query(
        `INSERT INTO public_security.residence_permits
           (number, case_id, work_permit_number, holder_name, passport_number, nationality, employer_credit_code, valid_from, valid_until, issued_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT DO NOTHING`,
        [
          number,
          body.caseId,
          body.workPermitNumber,
          body.holderName,
          body.passportNumber,
          body.nationality,
          body.employerCreditCode,
          body.validFrom,
          body.validUntil,
          beijingDate(new Date()),
        ],
      ),
    );
    return maskedHolder(toRecord(issued));
  }

  @Get(':number')
  async get(@Param('number') number: string): Promise<ResidencePermitRecord> {
    return maskedHolder(toRecord(await findOr404(this.permits, { number }, NOT_FOUND)));
  }
}
