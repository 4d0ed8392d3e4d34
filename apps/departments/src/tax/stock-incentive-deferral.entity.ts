import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * 北京市税务局: enterprises flagged for the stock-incentive income-tax deferral (股权激励递延纳税),
 * once per enterprise: the flag is a standing status, not a per-case record.
 */
@Entity({ schema: 'tax', name: 'stock_incentive_deferrals' })
export class StockIncentiveDeferral {
  @PrimaryColumn({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  /** The case that first asked for the flag. */
  @Column({ name: 'case_id', type: 'varchar', length: 200 })
  caseId!: string;

  @Column({ name: 'flagged_on', type: 'date' })
  flaggedOn!: string;
}
