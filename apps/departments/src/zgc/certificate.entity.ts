import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CertificateStatus, TechField } from '../../../../libs/domain';

/** 市科委、中关村管委会: the 高新技术企业证书 they have issued, one per approval case. */
@Entity({ schema: 'zgc', name: 'certificates' })
export class Certificate {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  number!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 200, unique: true })
  caseId!: string;

  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ name: 'enterprise_name', type: 'varchar', length: 200 })
  enterpriseName!: string;

  @Column({ name: 'tech_field', type: 'varchar', length: 40 })
  techField!: TechField;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  @Column({ type: 'text' })
  basis!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: CertificateStatus;

  @Column({ name: 'revoked_on', type: 'date', nullable: true })
  revokedOn!: string | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason!: string | null;
}
