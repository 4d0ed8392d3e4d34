import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SpecializedLevel } from '../../../../libs/processes/specialized-rewards/department-records';

/** 市经济和信息化局: one enterprise on one of its 专精特新 / 小巨人 lists. */
@Entity({ schema: 'economy_it', name: 'specialized_listings' })
export class SpecializedListingRow {
  @PrimaryColumn({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  level!: SpecializedLevel;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'list_year', type: 'int' })
  listYear!: number;

  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;
}
