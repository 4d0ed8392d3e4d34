import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ComplianceDepartment } from '../../../../libs/domain';

/**
 * The twelve compliance departments' findings against enterprises (违法违规记录), one row per
 * finding. They share one table: each department's record is its own rows, keyed by `department`.
 */
@Entity({ schema: 'compliance', name: 'findings' })
export class ComplianceFinding {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar' })
  department!: ComplianceDepartment;

  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  /** The department's own reference for the finding, unique within its record of the enterprise. */
  @Column({ name: 'finding_id', type: 'varchar' })
  findingId!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  summary!: string;
}
