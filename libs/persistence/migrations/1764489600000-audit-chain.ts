import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An audit trail you can trust: the timeline refuses UPDATE and DELETE (a trigger, so not even
 * the application's own role can rewrite history), and every entry carries the SHA-256 of the
 * one before it in its case, so a change made around the trigger still shows (npm run audit:verify).
 */
export class AuditChain1764489600000 implements MigrationInterface {
  name = 'AuditChain1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE timeline_entries ADD COLUMN prev_hash char(64), ADD COLUMN hash char(64)`);
    await q.query(`
      CREATE FUNCTION timeline_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'timeline_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER timeline_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON timeline_entries
      FOR EACH STATEMENT EXECUTE FUNCTION timeline_entries_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER timeline_entries_append_only ON timeline_entries`);
    await q.query(`DROP FUNCTION timeline_entries_append_only()`);
    await q.query(`ALTER TABLE timeline_entries DROP COLUMN prev_hash, DROP COLUMN hash`);
  }
}
