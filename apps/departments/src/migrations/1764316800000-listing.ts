import { MigrationInterface, QueryRunner } from 'typeorm';

/** What 即报即审 listing support reads and writes: the twelve compliance records, the 独角兽 library, the tax deferral flag. */
export class Listing1764316800000 implements MigrationInterface {
  name = 'Listing1764316800000';

  async up(q: QueryRunner): Promise<void> {
    // One schema for the twelve departments' records: they answer in the same shape, keyed by department.
    await q.query(`CREATE SCHEMA compliance`);
    await q.query(`
      CREATE TABLE compliance.findings (
        id          serial      PRIMARY KEY,
        department  varchar     NOT NULL,
        credit_code varchar(18) NOT NULL,
        finding_id  varchar     NOT NULL,
        date        date        NOT NULL,
        summary     text        NOT NULL,
        UNIQUE (department, credit_code, finding_id)
      )`);
    await q.query(`CREATE INDEX findings_department_credit_code ON compliance.findings (department, credit_code)`);
    await q.query(`
      CREATE TABLE zgc.unicorns (
        credit_code          varchar(18)  PRIMARY KEY,
        name                 varchar(200) NOT NULL,
        zhongguancun         boolean      NOT NULL,
        listed_in_library_on date         NOT NULL
      )`);
    // Keyed by enterprise alone: the deferral is flagged once, whichever case asks first.
    await q.query(`
      CREATE TABLE tax.stock_incentive_deferrals (
        credit_code varchar(18)  PRIMARY KEY,
        case_id     varchar(200) NOT NULL,
        flagged_on  date         NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tax.stock_incentive_deferrals`);
    await q.query(`DROP TABLE zgc.unicorns`);
    await q.query(`DROP SCHEMA compliance CASCADE`);
  }
}
