import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_OFFICIAL_YEARS } from '../../calendar/official-holidays.data';
import { compareYear } from '../../calendar/calendar-changes';
import { WorkingCalendar } from '../../calendar/working-calendar';

/**
 * The official working-day calendar as data administrators load (PUT /calendar/years/{year}),
 * one row per load. Append-only, like the timeline: every version stays, with who loaded it and
 * when. 2025 and 2026 ship as version 1 of their years, from the notices the code carried.
 */
export class CalendarYears1764840000000 implements MigrationInterface {
  name = 'CalendarYears1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_years (
        id bigserial PRIMARY KEY,
        year int NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        title varchar(200) NOT NULL,
        document_number varchar(100),
        holidays jsonb NOT NULL,
        make_up_workdays jsonb NOT NULL,
        loaded_by varchar(100) NOT NULL,
        loaded_by_name varchar(200) NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now(),
        changes jsonb NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX calendar_years_year_version ON calendar_years (year, version)`);
    await q.query(`
      CREATE FUNCTION calendar_years_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'calendar_years is append-only: % refused (load a new version instead)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER calendar_years_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON calendar_years
      FOR EACH STATEMENT EXECUTE FUNCTION calendar_years_append_only()`);
    for (const y of SEED_OFFICIAL_YEARS) {
      const changes = compareYear(y.year, new WorkingCalendar([]), new WorkingCalendar([y]));
      await q.query(
        `INSERT INTO calendar_years (year, version, title, document_number, holidays, make_up_workdays, loaded_by, loaded_by_name, changes)
         VALUES ($1, $2, $3, $4, $5, $6, 'migration', '随系统发布的初始数据', $7)`,
        [y.year, y.version, y.title, y.documentNumber ?? null, JSON.stringify(y.holidays), JSON.stringify(y.makeUpWorkdays), JSON.stringify(changes)],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER calendar_years_append_only ON calendar_years`);
    await q.query(`DROP FUNCTION calendar_years_append_only()`);
    await q.query(`DROP TABLE calendar_years`);
  }
}
