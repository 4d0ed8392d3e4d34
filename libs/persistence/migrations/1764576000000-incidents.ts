import { MigrationInterface, QueryRunner } from 'typeorm';

/** Departments that have gone silent on a case past the configured limit, for the supervisors. */
export class Incidents1764576000000 implements MigrationInterface {
  name = 'Incidents1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incidents (
        id         varchar(220) PRIMARY KEY,
        case_id    varchar(200) NOT NULL,
        department varchar(64)  NOT NULL,
        what       varchar(100) NOT NULL,
        opened_at  timestamptz  NOT NULL,
        closed_at  timestamptz
      )`);
    await q.query(`CREATE INDEX incidents_open ON incidents (department) WHERE closed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE incidents`);
  }
}
