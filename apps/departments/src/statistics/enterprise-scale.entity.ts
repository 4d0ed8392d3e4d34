import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 市统计局: whether an enterprise counts as 规模以上 in a year. */
@Entity({ schema: 'statistics', name: 'enterprise_scale' })
export class EnterpriseScale {
  @PrimaryColumn({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ name: 'above_designated_size', type: 'boolean' })
  aboveDesignatedSize!: boolean;
}
