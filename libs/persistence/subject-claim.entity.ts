import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A case's hold on its subject (an enterprise's credit code; for 两证联办 a keyed hash of the
 * talent's passport and employer, never the passport itself) while the case is open. At most
 * one unreleased claim per process and subject: a partial unique index, so the rule holds
 * however many filings race.
 */
@Entity({ name: 'subject_claims' })
export class SubjectClaimRecord {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 200 }) caseId!: string;
  @Column({ type: 'varchar', length: 32 }) process!: string;
  @Column({ type: 'varchar', length: 100 }) subject!: string;
  @Column({ name: 'claimed_at', type: 'timestamptz' }) claimedAt!: Date;
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true }) releasedAt!: Date | null;
}
