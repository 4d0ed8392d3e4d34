import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A dated notice or decision issued on a case (受理通知书, 补正材料通知书 …). Never changed. */
@Entity({ name: 'documents' })
export class DocumentRecord {
  @PrimaryColumn({ type: 'varchar', length: 220 }) id!: string;
  @Column({ name: 'case_id', type: 'varchar', length: 200 }) caseId!: string;
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Column({ type: 'varchar', length: 100 }) title!: string;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt!: Date;
  @Column({ type: 'jsonb' }) body!: Record<string, unknown>;
  /** The department that signed it: its 文号 is from that department's yearly sequence. */
  @Column({ type: 'varchar', length: 40, nullable: true }) issuer!: string | null;
  @Column({ name: 'number_year', type: 'smallint', nullable: true }) numberYear!: number | null;
  @Column({ name: 'number_seq', type: 'int', nullable: true }) numberSeq!: number | null;
  /** 文号, e.g. 京科〔2026〕12号: given once, in the projection that first writes the document. */
  @Column({ type: 'varchar', length: 60, nullable: true }) number!: string | null;
}
