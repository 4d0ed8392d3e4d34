import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the departments record once a case is decided: certificates, 失信 marks, tax status, 培育库. */
export class Certificates1764230400000 implements MigrationInterface {
  name = 'Certificates1764230400000';

  async up(q: QueryRunner): Promise<void> {
    // Numbers come from a sequence so concurrent issues never share one; capped at five digits
    // so running out is an error rather than a silently truncated (duplicate) number.
    await q.query(`CREATE SEQUENCE zgc.certificate_seq MINVALUE 1 MAXVALUE 99999 NO CYCLE`);
    await q.query(`
      CREATE TABLE zgc.certificates (
        number          varchar(32)  PRIMARY KEY,
        case_id         varchar(200) NOT NULL UNIQUE,
        credit_code     varchar(18)  NOT NULL,
        enterprise_name varchar(200) NOT NULL,
        tech_field      varchar(40)  NOT NULL,
        issued_on       date         NOT NULL,
        valid_until     date         NOT NULL,
        basis           text         NOT NULL,
        status          varchar(16)  NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
        revoked_on      date,
        revoked_reason  text,
        CHECK ((status = 'revoked') = (revoked_on IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX certificates_credit_code ON zgc.certificates (credit_code)`);
    await q.query(`
      CREATE TABLE zgc.credit_marks (
        id          serial       PRIMARY KEY,
        credit_code varchar(18)  NOT NULL,
        case_id     varchar(200) NOT NULL UNIQUE,
        reason      text         NOT NULL,
        recorded_on date         NOT NULL
      )`);
    await q.query(`CREATE INDEX credit_marks_credit_code ON zgc.credit_marks (credit_code)`);
    await q.query(`
      CREATE TABLE tax.preferential_status (
        certificate_number varchar(32) PRIMARY KEY,
        credit_code        varchar(18) NOT NULL,
        valid_from         date        NOT NULL,
        valid_until        date        NOT NULL,
        registered_on      date        NOT NULL
      )`);
    await q.query(`CREATE INDEX preferential_status_credit_code ON tax.preferential_status (credit_code)`);
    await q.query(`CREATE SCHEMA district`);
    await q.query(`
      CREATE TABLE district.cultivation_list (
        certificate_number varchar(32) PRIMARY KEY,
        credit_code        varchar(18) NOT NULL,
        district           varchar(32) NOT NULL,
        listed_on          date        NOT NULL,
        note               text
      )`);
    await q.query(`CREATE INDEX cultivation_list_credit_code ON district.cultivation_list (credit_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA district CASCADE`);
    await q.query(`DROP TABLE tax.preferential_status`);
    await q.query(`DROP TABLE zgc.credit_marks`);
    await q.query(`DROP TABLE zgc.certificates`);
    await q.query(`DROP SEQUENCE zgc.certificate_seq`);
  }
}
