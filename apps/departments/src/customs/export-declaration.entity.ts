import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExportMarket } from '../../../../libs/processes/specialized-rewards/department-records';

/** 北京海关: one export declaration (出口报关单) of a product into a market. */
@Entity({ schema: 'customs', name: 'export_declarations' })
export class ExportDeclarationRow {
  @PrimaryColumn({ name: 'declaration_number', type: 'varchar', length: 18 })
  declarationNumber!: string;

  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ name: 'product_name', type: 'varchar', length: 200 })
  productName!: string;

  @Column({ type: 'varchar', length: 8 })
  market!: ExportMarket;

  @Column({ name: 'declared_on', type: 'date' })
  declaredOn!: string;

  // Yuan amounts fit comfortably in a JS number; bigint columns would come back as strings.
  @Column({ name: 'amount_yuan', type: 'double precision' })
  amountYuan!: number;
}
