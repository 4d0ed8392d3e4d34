import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded materials (附件): the bytes are in the object store under `object_key`; the row says
 * who uploaded it, what it is (type sniffed from the content, size, SHA-256 computed while it
 * streamed) and, once a filing, correction answer or decision carries it, the case it belongs to.
 * Until then only its uploader may use or see it.
 *
 * Every download is kept in `material_downloads`, append-only (a trigger refuses UPDATE, DELETE
 * and TRUNCATE, as for the timeline) and hash-chained: each row carries the SHA-256 of the one
 * before it, so a row removed around the trigger still shows.
 */
export class Materials1765210000000 implements MigrationInterface {
  name = 'Materials1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE materials (
        id uuid PRIMARY KEY,
        object_key varchar(200) NOT NULL,
        kind varchar(64),
        name varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size bigint NOT NULL,
        sha256 char(64) NOT NULL,
        uploaded_by varchar(100) NOT NULL,
        uploader_role varchar(16) NOT NULL,
        applicant_id varchar(64),
        agency varchar(64),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        case_id varchar(200),
        attached_as varchar(32),
        attached_kind varchar(64),
        attached_at timestamptz
      )`);
    await q.query(`CREATE INDEX materials_case ON materials (case_id) WHERE case_id IS NOT NULL`);
    await q.query(`CREATE INDEX materials_uploader ON materials (uploaded_by, uploaded_at)`);
    await q.query(`
      CREATE TABLE material_downloads (
        seq bigserial PRIMARY KEY,
        material_id uuid NOT NULL,
        case_id varchar(200),
        at timestamptz NOT NULL,
        actor varchar(100) NOT NULL,
        role varchar(16) NOT NULL,
        agency varchar(64),
        sha256 char(64) NOT NULL,
        prev_hash char(64),
        hash char(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX material_downloads_material ON material_downloads (material_id, seq)`);
    await q.query(`
      CREATE FUNCTION material_downloads_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'material_downloads is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER material_downloads_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON material_downloads
      FOR EACH STATEMENT EXECUTE FUNCTION material_downloads_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE material_downloads`);
    await q.query(`DROP FUNCTION material_downloads_append_only()`);
    await q.query(`DROP TABLE materials`);
  }
}
