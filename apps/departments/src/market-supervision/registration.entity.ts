import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BusinessType } from '../../../../libs/domain';

/** 市市场监管局's register of enterprises (企业登记信息). */
@Entity({ schema: 'market_supervision', name: 'registrations' })
export class Registration {
  @PrimaryColumn({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'registered_on', type: 'date' })
  registeredOn!: string;

  @Column({ type: 'varchar', length: 32 })
  province!: string;

  @Column({ type: 'varchar', length: 32 })
  district!: string;

  @Column({ name: 'business_type', type: 'varchar', length: 32 })
  businessType!: BusinessType;
}
