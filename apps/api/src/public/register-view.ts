import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DepartmentCode, TECH_FIELDS, TechField, beijingDate, departmentName } from '../../../../libs/domain';
import type { PublicRegisterRecord } from '../../../../libs/persistence';

/** An entry of the public register as anyone may see it: never a person's data (the register holds none). */
export class RegisterEntryView {
  @ApiProperty({ description: 'certificate, permit, compliance-report, reward-decision …' }) kind!: string;
  @ApiProperty({ description: '高新技术企业证书, 外国人来华工作许可 …' }) title!: string;
  @ApiProperty() number!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty() issuerName!: string;
  @ApiProperty({ description: 'the enterprise it was issued to; for a permit, the employer it is bound to' }) holder!: { name: string; creditCode: string };
  @ApiProperty() issuedOn!: string;
  @ApiPropertyOptional() issuedAt?: string;
  @ApiPropertyOptional() validFrom?: string;
  @ApiPropertyOptional() validUntil?: string;
  @ApiProperty({ enum: ['valid', 'revoked', 'superseded', 'expired'] }) status!: string;
  @ApiPropertyOptional() revokedOn?: string;
  @ApiPropertyOptional() revokedReason?: string;
  @ApiPropertyOptional() supersededBy?: string;
  @ApiPropertyOptional() basis?: string;
  @ApiProperty({ description: 'what else of it a verifier may see: a certificate’s technology field, a report’s results' }) details!: Record<string, unknown>;
}

/** Valid, revoked or superseded as recorded; a valid entry past its last day reads as expired. */
export function registerStatus(r: PublicRegisterRecord, today = beijingDate(new Date())): string {
  return r.status === 'valid' && r.validUntil !== null && r.validUntil < today ? 'expired' : r.status;
}

export function registerEntryView(r: PublicRegisterRecord): RegisterEntryView {
  return {
    kind: r.kind,
    title: r.title,
    number: r.number,
    issuer: r.issuer,
    issuerName: departmentName(r.issuer as DepartmentCode),
    holder: { name: r.holderName, creditCode: r.holderCreditCode },
    issuedOn: r.issuedOn,
    issuedAt: r.issuedAt?.toISOString(),
    validFrom: r.validFrom ?? undefined,
    validUntil: r.validUntil ?? undefined,
    status: registerStatus(r),
    revokedOn: r.revokedOn ?? undefined,
    revokedReason: r.revokedReason ?? undefined,
    supersededBy: r.supersededBy ?? undefined,
    basis: r.basis ?? undefined,
    details: r.details,
  };
}

/** GET /verify/certificates/{number}: the high-tech certificate, as this endpoint has always answered. */
export function certificateAnswer(r: PublicRegisterRecord) {
  const techField = String(r.details.techField ?? '');
  return {
    number: r.number,
    enterpriseName: r.holderName,
    creditCode: r.holderCreditCode,
    techField: TECH_FIELDS[techField as TechField] ?? techField,
    issuedOn: r.issuedOn,
    validUntil: r.validUntil ?? undefined,
    basis: r.basis ?? undefined,
    status: registerStatus(r),
    revokedOn: r.revokedOn ?? undefined,
    revokedReason: r.revokedReason ?? undefined,
  };
}

/** GET /verify/compliance/{code}: the 合规一码通 report, as this endpoint has always answered. */
export function complianceAnswer(r: PublicRegisterRecord) {
  const entries = (r.details.entries ?? []) as Array<Record<string, unknown>>;
  return {
    code: r.number,
    enterpriseName: r.holderName,
    creditCode: r.holderCreditCode,
    issuedAt: r.issuedAt?.toISOString(),
    status: r.status,
    supersededBy: r.supersededBy ?? undefined,
    results: entries.map((e) => ({ department: e.departmentName, result: e.status, findings: e.findings, conclusion: e.conclusion })),
  };
}
