import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { HolidayRange } from '../calendar/official-holidays.data';

/**
 * One load of a year's State Council holiday notice: a version, kept for good (a trigger refuses
 * UPDATE and DELETE). A corrected notice is the next version; the latest version of a year is
 * the one cases count with.
 */
@Entity({ name: 'calendar_years' })
@Index(['year', 'version'], { unique: true })
export class CalendarYearRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'document_number', type: 'varchar', length: 100, nullable: true })
  documentNumber!: string | null;

  @Column({ type: 'jsonb' })
  holidays!: HolidayRange[];

  @Column({ name: 'make_up_workdays', type: 'jsonb' })
  makeUpWorkdays!: string[];

  /** The user id that loaded it ('migration' for the years that shipped with the system). */
  @Column({ name: 'loaded_by', type: 'varchar', length: 100 })
  loadedBy!: string;

  @Column({ name: 'loaded_by_name', type: 'varchar', length: 200 })
  loadedByName!: string;

  @Column({ name: 'loaded_at', type: 'timestamptz' })
  loadedAt!: Date;

  /** Days this load turned from worked to off and back, against the calendar before it. */
  @Column({ type: 'jsonb' })
  changes!: { nowOff: string[]; nowWorking: string[] };
}
