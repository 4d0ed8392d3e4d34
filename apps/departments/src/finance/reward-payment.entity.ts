import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** 市财政局: a reward paid to an enterprise, one per case and decision. */
@Entity({ schema: 'finance', name: 'reward_payments' })
@Unique(['caseId', 'decisionId'])
export class RewardPayment {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  number!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 200 })
  caseId!: string;

  @Column({ name: 'decision_id', type: 'varchar', length: 200 })
  decisionId!: string;

  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ name: 'enterprise_name', type: 'varchar', length: 200 })
  enterpriseName!: string;

  @Column({ name: 'amount_yuan', type: 'double precision' })
  amountYuan!: number;

  @Column({ type: 'text' })
  basis!: string;

  @Column({ name: 'paid_on', type: 'date' })
  paidOn!: string;
}
