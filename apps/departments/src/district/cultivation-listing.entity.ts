import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 区政府: the district's 培育库 of certified high-tech enterprises, one entry per certificate. */
@Entity({ schema: 'district', name: 'cultivation_list' })
export class CultivationListing {
  @PrimaryColumn({ name: 'certificate_number', type: 'varchar', length: 32 })
  certificateNumber!: string;

  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ type: 'varchar', length: 32 })
  district!: string;

  @Column({ name: 'listed_on', type: 'date' })
  listedOn!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
