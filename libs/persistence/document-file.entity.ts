import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An issued document's PDF as first rendered and handed out: every later download is these bytes, and verification compares with its SHA-256. */
@Entity({ name: 'document_files' })
export class DocumentFileRecord {
  @PrimaryColumn({ name: 'document_id', type: 'varchar', length: 220 }) documentId!: string;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ type: 'int' }) size!: number;
  @Column({ type: 'bytea' }) pdf!: Buffer;
  @Column({ name: 'rendered_at', type: 'timestamptz' }) renderedAt!: Date;
}
