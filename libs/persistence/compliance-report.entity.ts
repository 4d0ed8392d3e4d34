import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A compliance report (合规一码通) as third parties verify it by its code. */
@Entity({ name: 'compliance_reports' })
export class ComplianceReportRecord {
  @PrimaryColumn({ type: 'varchar', length: 40 }) code!: string;
  @Column({ name: 'case_id', type: 'varchar', length: 200 }) caseId!: string;
  @Column({ name: 'credit_code', type: 'varchar', length: 18 }) creditCode!: string;
  @Column({ name: 'enterprise_name', type: 'varchar', length: 200 }) enterpriseName!: string;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt!: Date;
  @Column({ type: 'jsonb' }) entries!: Array<Record<string, unknown>>;
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'superseded_by', type: 'varchar', length: 40, nullable: true }) supersededBy!: string | null;
  @Column({ type: 'int' }) version!: number;
}
