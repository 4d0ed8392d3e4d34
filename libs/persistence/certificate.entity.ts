import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A certificate as anyone may verify it by its number: valid, revoked, or past its validity. */
@Entity({ name: 'certificates' })
export class CertificateRecord {
  @PrimaryColumn({ type: 'varchar', length: 40 }) number!: string;
  @Column({ name: 'case_id', type: 'varchar', length: 200 }) caseId!: string;
  @Column({ name: 'credit_code', type: 'varchar', length: 18 }) creditCode!: string;
  @Column({ name: 'enterprise_name', type: 'varchar', length: 200 }) enterpriseName!: string;
  @Column({ name: 'tech_field', type: 'varchar', length: 40 }) techField!: string;
  @Column({ name: 'issued_on', type: 'date' }) issuedOn!: string;
  @Column({ name: 'valid_until', type: 'date' }) validUntil!: string;
  @Column({ type: 'text' }) basis!: string;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'revoked_on', type: 'date', nullable: true }) revokedOn!: string | null;
  @Column({ name: 'revoked_reason', type: 'text', nullable: true }) revokedReason!: string | null;
  @Column({ type: 'int' }) version!: number;
}
