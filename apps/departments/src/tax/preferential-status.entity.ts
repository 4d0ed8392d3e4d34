import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 北京市税务局: certificates registered for the high-tech preferential income-tax rate. */
@Entity({ schema: 'tax', name: 'preferential_status' })
export class PreferentialStatus {
  @PrimaryColumn({ name: 'certificate_number', type: 'varchar', length: 32 })
  certificateNumber!: string;

  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  @Column({ name: 'registered_on', type: 'date' })
  registeredOn!: string;
}
