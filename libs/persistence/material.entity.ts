import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One uploaded file (migration 1765210000000-materials): its bytes are in the object store. */
@Entity({ name: 'materials' })
export class MaterialRecord {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'object_key', type: 'varchar', length: 200 }) objectKey!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) kind!: string | null;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ name: 'content_type', type: 'varchar', length: 100 }) contentType!: string;
  /** bigint: the driver reads it back as a string. */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) size!: number;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ name: 'uploaded_by', type: 'varchar', length: 100 }) uploadedBy!: string;
  @Column({ name: 'uploader_role', type: 'varchar', length: 16 }) uploaderRole!: string;
  @Column({ name: 'applicant_id', type: 'varchar', length: 64, nullable: true }) applicantId!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) agency!: string | null;
  @Column({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt!: Date;
  @Column({ name: 'case_id', type: 'varchar', length: 200, nullable: true }) caseId!: string | null;
  @Column({ name: 'attached_as', type: 'varchar', length: 32, nullable: true }) attachedAs!: string | null;
  @Column({ name: 'attached_kind', type: 'varchar', length: 64, nullable: true }) attachedKind!: string | null;
  @Column({ name: 'attached_at', type: 'timestamptz', nullable: true }) attachedAt!: Date | null;
}
