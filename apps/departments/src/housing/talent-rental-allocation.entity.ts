import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 市住建委: 人才公租房 allocated to foreign talent, one per 两证联办 case. */
@Entity({ schema: 'housing', name: 'talent_rental_allocations' })
export class TalentRentalAllocation {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'case_id', type: 'varchar', length: 200, unique: true })
  caseId!: string;

  @Column({ name: 'holder_name', type: 'varchar', length: 100 })
  holderName!: string;

  @Column({ name: 'employer_credit_code', type: 'varchar', length: 18 })
  employerCreditCode!: string;

  /** The 公租房 project the flat is in. */
  @Column({ type: 'varchar', length: 200 })
  project!: string;

  @Column({ name: 'allocated_on', type: 'date' })
  allocatedOn!: string;
}
