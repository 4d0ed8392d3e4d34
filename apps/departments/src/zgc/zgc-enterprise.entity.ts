import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TechField } from '../../../../libs/domain';

/** 市科委、中关村管委会: the 中关村高新技术企业库. */
@Entity({ schema: 'zgc', name: 'enterprises' })
export class ZgcEnterprise {
  @PrimaryColumn({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'tech_field', type: 'varchar', length: 40 })
  techField!: TechField;
}
