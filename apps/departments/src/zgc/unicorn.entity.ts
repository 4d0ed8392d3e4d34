import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 市科委: the 独角兽企业服务库, whose members may file for 即报即审 listing support. */
@Entity({ schema: 'zgc', name: 'unicorns' })
export class Unicorn {
  @PrimaryColumn({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Registered in Zhongguancun: what makes the stock-incentive tax deferral available. */
  @Column({ type: 'boolean' })
  zhongguancun!: boolean;

  @Column({ name: 'listed_in_library_on', type: 'date' })
  listedInLibraryOn!: string;
}
