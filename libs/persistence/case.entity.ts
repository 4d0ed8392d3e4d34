import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per case: the read model's answer to "where does my application stand". */
@Entity({ name: 'cases' })
@Index(['applicantId', 'filedAt'])
export class CaseRecord {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  process!: string;

  @Column({ type: 'varchar', length: 32 })
  status!: string;

  @Column({ name: 'applicant_id', type: 'varchar', length: 64 })
  applicantId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  decision!: string | null;

  @Column({ type: 'jsonb' })
  application!: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  assessment!: Record<string, unknown> | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  colour!: string | null;

  @Column({ type: 'boolean' })
  paused!: boolean;

  @Column({ type: 'boolean' })
  escalated!: boolean;

  @Column({ type: 'jsonb', nullable: true })
  clock!: Record<string, unknown> | null;

  /** The enterprise the case is for (applicant, or employer): what lists show and search. */
  @Column({ name: 'enterprise_name', type: 'varchar', length: 200, nullable: true })
  enterpriseName!: string | null;

  /** The case reached an ending status of its process (not 在办). */
  @Column({ type: 'boolean', default: false })
  ended!: boolean;

  /** 受理编号, e.g. 京科受〔2026〕000123: given once, when the case is first written (migration 1765100000000-worklists). */
  @Column({ name: 'receipt_number', type: 'varchar', length: 32, nullable: true })
  receiptNumber!: string | null;

  @Column({ name: 'receipt_year', type: 'smallint', nullable: true })
  receiptYear!: number | null;

  @Column({ name: 'receipt_seq', type: 'int', nullable: true })
  receiptSeq!: number | null;
}
