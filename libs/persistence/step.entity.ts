import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A step an agency works on, as its inbox and the supervisors' dashboard see it. */
@Entity({ name: 'steps' })
export class StepRecord {
  @PrimaryColumn({ type: 'varchar', length: 220 }) id!: string;
  @Column({ name: 'case_id', type: 'varchar', length: 200 }) caseId!: string;
  @Column({ type: 'varchar', length: 32 }) process!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Column({ type: 'varchar', length: 64 }) agency!: string;
  @Column({ name: 'assignee_id', type: 'varchar', length: 100, nullable: true }) assigneeId!: string | null;
  @Column({ name: 'assignee_name', type: 'varchar', length: 100, nullable: true }) assigneeName!: string | null;
  @Column({ type: 'varchar', length: 32 }) status!: string;
  @Column({ type: 'jsonb' }) allowed!: string[];
  @Column({ type: 'int' }) round!: number;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'due_on', type: 'date' }) dueOn!: string;
  @Column({ name: 'warn_on', type: 'date' }) warnOn!: string;
  @Column({ type: 'varchar', length: 8 }) colour!: string;
  @Column({ type: 'boolean' }) paused!: boolean;
  @Column({ type: 'boolean' }) escalated!: boolean;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) decision!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true }) decidedBy!: string | null;
  @Column({ type: 'jsonb' }) urges!: Array<{ by: { userId: string; name: string }; at: string; note: string }>;
  @Column({ type: 'jsonb' }) clock!: Record<string, unknown>;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'jsonb', nullable: true }) panel!: { members: Array<{ userId: string; name: string }>; scores: Array<{ userId: string; name: string; score: number; opinion: string; at: string }>; passScore: number } | null;
}
