import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LicenceStatus, ProductType } from '../../../../libs/processes/specialized-rewards/department-records';

/** 市药品监督管理局: the licence under which a holder produces one product in Beijing. */
@Entity({ schema: 'medical_products', name: 'production_licences' })
export class ProductionLicence {
  @PrimaryColumn({ name: 'holder_credit_code', type: 'varchar', length: 18 })
  holderCreditCode!: string;

  @PrimaryColumn({ name: 'product_name', type: 'varchar', length: 200 })
  productName!: string;

  @Column({ name: 'licence_number', type: 'varchar', length: 40, unique: true })
  licenceNumber!: string;

  @Column({ name: 'product_type', type: 'varchar', length: 32 })
  productType!: ProductType;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: LicenceStatus;
}
