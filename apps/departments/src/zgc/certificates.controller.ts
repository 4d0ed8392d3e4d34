import { Body, Controller, Get, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsIn, IsString, Length } from 'class-validator';
import { Repository } from 'typeorm';
import { beijingDate, CertificateRecord, TECH_FIELD_CODES, TechField } from '../../../../libs/domain';
import { badRequest, CreditCodePipe, IsCalendarDate, IsCreditCode } from '../../../../libs/dto';
import { findOr404 } from '../dev/find-or-404';
import { Certificate } from './certificate.entity';

class IssueCertificateDto {
  @IsString() @Length(1, 200) caseId!: string;
  @IsCreditCode() creditCode!: string;
  @IsString() @Length(1, 200) enterpriseName!: string;
  @IsIn(TECH_FIELD_CODES) techField!: TechField;
  @IsCalendarDate() issuedOn!: string;
  @IsCalendarDate() validUntil!: string;
  @IsString() @Length(1, 4000) basis!: string;
}

class RevocationDto {
  @IsString() @Length(1, 4000) reason!: string;
  // The case that decided the revocation; revoking is idempotent by certificate, so it is not stored.
  @IsString() @Length(1, 200) caseId!: string;
}

const NOT_FOUND = '市科委、中关村管委会无该证书';

/**
 * 市科委、中关村管委会 issue and revoke 高新技术企业证书. Callers are workflow activities that retry,
 * so issuing is idempotent by case and revoking by certificate.
 */
@Controller('zgc/certificates')
export class CertificatesController {
  constructor(@InjectRepository(Certificate) private readonly certificates: Repository<Certificate>) {}

  @Post()
  async issue(@Body() body: IssueCertificateDto): Promise<CertificateRecord> {
    if (body.validUntil < body.issuedOn) {
      throw badRequest([{ field: 'validUntil', rule: 'notBeforeIssuedOn', message: 'validUntil must not be before issuedOn' }]);
    }
    // GR + year + 11 (Beijing) + sequence. ON CONFLICT: a retry, even one racing the first call,
    // finds the certificate already issued for the case instead of getting a second number.
    // A conflicting insert still draws a number; the gap is harmless.
    await this.certificates.query(
      `INSERT INTO zgc.certificates (number, case_id, credit_code, enterprise_name, tech_field, issued_on, valid_until, basis, status)
       VALUES ($1::text || lpad(nextval('zgc.certificate_seq')::text, 5, '0'), $2, $3, $4, $5, $6, $7, $8, 'valid')
       ON CONFLICT (case_id) DO NOTHING`,
      [`GR${body.issuedOn.slice(0, 4)}11`, body.caseId, body.creditCode, body.enterpriseName, body.techField, body.issuedOn, body.validUntil, body.basis],
    );
    return this.certificates.findOneByOrFail({ caseId: body.caseId });
  }

  /** Every certificate issued to the enterprise, oldest first; none is an empty list, not a 404. */
  @Get()
  list(@Query('creditCode', CreditCodePipe) creditCode: string): Promise<CertificateRecord[]> {
    return this.certificates.find({ where: { creditCode }, order: { issuedOn: 'ASC', number: 'ASC' } });
  }

  @Get(':number')
  get(@Param('number') number: string): Promise<CertificateRecord> {
    return findOr404(this.certificates, { number }, NOT_FOUND);
  }

  @Post(':number/revocation')
  async revoke(@Param('number') number: string, @Body() body: RevocationDto): Promise<CertificateRecord> {
    // Only a valid certificate changes: a repeated revocation keeps the first date and reason.
    await this.certificates.query(
      `UPDATE zgc.certificates SET status = 'revoked', revoked_on = $2, revoked_reason = $3 WHERE number = $1 AND status = 'valid'`,
      [number, beijingDate(new Date()), body.reason],
    );
    const certificate = await this.certificates.findOneBy({ number });
    if (!certificate) throw new NotFoundException(NOT_FOUND);
    return certificate;
  }
}
