import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 市科委、中关村管委会: 失信 records against enterprises, one per case that found the breach. */
@Entity({ schema: 'zgc', name: 'credit_marks' })
export class CreditMark {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 200, unique: true })
  caseId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'recorded_on', type: 'date' })
  recordedOn!: string;
}
