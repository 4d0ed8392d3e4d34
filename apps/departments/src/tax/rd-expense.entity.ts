import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 北京市税务局: R&D expenses declared for the super-deduction, per enterprise and year. */
@Entity({ schema: 'tax', name: 'rd_expense_declarations' })
export class RdExpenseDeclaration {
  @PrimaryColumn({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  // Yuan amounts fit comfortably in a JS number; bigint columns would come back as strings.
  @Column({ name: 'domestic_yuan', type: 'double precision' })
  domesticYuan!: number;

  @Column({ name: 'total_yuan', type: 'double precision' })
  totalYuan!: number;
}
