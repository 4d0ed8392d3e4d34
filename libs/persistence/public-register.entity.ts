import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The public register (公开查验): every certificate, permit, compliance report or reward decision a
 * case issued, as anyone may verify it by kind and number — valid, revoked, superseded, or past
 * its validity (read from `validUntil`). Public fields only: the holder is an enterprise (for a
 * permit, the employer it is bound to), never a person.
 */
@Entity({ name: 'public_register' })
export class PublicRegisterRecord {
  @PrimaryColumn({ type: 'varchar', length: 40 }) kind!: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) number!: string;
  @Column({ name: 'case_id', type: 'varchar', length: 200 }) caseId!: string;
  @Column({ type: 'varchar', length: 32 }) process!: string;
  @Column({ type: 'varchar', length: 100 }) title!: string;
  @Column({ type: 'varchar', length: 40 }) issuer!: string;
  @Column({ name: 'holder_name', type: 'varchar', length: 200 }) holderName!: string;
  @Column({ name: 'holder_credit_code', type: 'varchar', length: 18 }) holderCreditCode!: string;
  @Column({ name: 'issued_on', type: 'date' }) issuedOn!: string;
  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true }) issuedAt!: Date | null;
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom!: string | null;
  @Column({ name: 'valid_until', type: 'date', nullable: true }) validUntil!: string | null;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'revoked_on', type: 'date', nullable: true }) revokedOn!: string | null;
  @Column({ name: 'revoked_reason', type: 'text', nullable: true }) revokedReason!: string | null;
  @Column({ name: 'superseded_by', type: 'varchar', length: 40, nullable: true }) supersededBy!: string | null;
  @Column({ type: 'text', nullable: true }) basis!: string | null;
  @Column({ type: 'jsonb' }) details!: Record<string, unknown>;
  @Column({ type: 'int' }) version!: number;
}
