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
}
