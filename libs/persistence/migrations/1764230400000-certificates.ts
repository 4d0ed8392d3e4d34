import { MigrationInterface, QueryRunner } from 'typeorm';

/** The public register of certificates (verification by number) and expert panels on steps. */
export class Certificates1764230400000 implements MigrationInterface {
  name = 'Certificates1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certificates (
        number          varchar(40)  PRIMARY KEY,
        case_id         varchar(200) NOT NULL,
        credit_code     varchar(18)  NOT NULL,
        enterprise_name varchar(200) NOT NULL,
        tech_field      varchar(40)  NOT NULL,
        issued_on       date         NOT NULL,
        valid_until     date         NOT NULL,
        basis           text         NOT NULL,
        status          varchar(16)  NOT NULL,
        revoked_on      date,
        revoked_reason  text,
        version         int          NOT NULL
      )`);
    await q.query(`CREATE INDEX certificates_credit_code ON certificates (credit_code)`);
    await q.query(`ALTER TABLE steps ADD COLUMN panel jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE steps DROP COLUMN panel`);
    await q.query(`DROP TABLE certificates`);
  }
}
