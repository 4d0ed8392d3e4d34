import { MigrationInterface, QueryRunner } from 'typeorm';

/** 两证联办: what 市人社局, 出入境管理总队, 市人才工作局 and 市住建委 record for a foreign talent's case. */
export class Permits1764403200000 implements MigrationInterface {
  name = 'Permits1764403200000';

  async up(q: QueryRunner): Promise<void> {
    // Each permit number is prefix + year + a six-digit sequence; the sequence is capped so that
    // running out is an error rather than a seven-digit number no caller's pattern accepts.
    await q.query(`CREATE SCHEMA hr_social_security`);
    await q.query(`CREATE SEQUENCE hr_social_security.work_permit_seq MINVALUE 1 MAXVALUE 999999 NO CYCLE`);
    await q.query(`
      CREATE TABLE hr_social_security.work_permits (
        number               varchar(32)  PRIMARY KEY,
        case_id              varchar(200) NOT NULL UNIQUE,
        holder_name          varchar(100) NOT NULL,
        passport_number      varchar(20)  NOT NULL,
        nationality          char(3)      NOT NULL,
        employer_credit_code varchar(18)  NOT NULL,
        position             varchar(100) NOT NULL,
        valid_from           date         NOT NULL,
        valid_until          date         NOT NULL,
        issued_on            date         NOT NULL,
        CHECK (valid_until > valid_from)
      )`);

    await q.query(`CREATE SCHEMA public_security`);
    await q.query(`CREATE SEQUENCE public_security.residence_permit_seq MINVALUE 1 MAXVALUE 999999 NO CYCLE`);
    // No foreign key to the work permit: it lives in another department's service.
    await q.query(`
      CREATE TABLE public_security.residence_permits (
        number               varchar(32)  PRIMARY KEY,
        case_id              varchar(200) NOT NULL UNIQUE,
        work_permit_number   varchar(32)  NOT NULL,
        holder_name          varchar(100) NOT NULL,
        passport_number      varchar(20)  NOT NULL,
        nationality          char(3)      NOT NULL,
        employer_credit_code varchar(18)  NOT NULL,
        valid_from           date         NOT NULL,
        valid_until          date         NOT NULL,
        issued_on            date         NOT NULL,
        CHECK (valid_until > valid_from)
      )`);

    await q.query(`CREATE SCHEMA talent_bureau`);
    await q.query(`CREATE SEQUENCE talent_bureau.work_residence_permit_seq MINVALUE 1 MAXVALUE 999999 NO CYCLE`);
    await q.query(`
      CREATE TABLE talent_bureau.work_residence_permits (
        number               varchar(32)  PRIMARY KEY,
        case_id              varchar(200) NOT NULL UNIQUE,
        holder_name          varchar(100) NOT NULL,
        passport_number      varchar(20)  NOT NULL,
        employer_credit_code varchar(18)  NOT NULL,
        valid_from           date         NOT NULL,
        valid_until          date         NOT NULL,
        issued_on            date         NOT NULL,
        CHECK (valid_until > valid_from)
      )`);

    // 市住建委's compliance records stay in the shared compliance schema; this one is its own.
    await q.query(`CREATE SCHEMA housing`);
    await q.query(`
      CREATE TABLE housing.talent_rental_allocations (
        id                   serial       PRIMARY KEY,
        case_id              varchar(200) NOT NULL UNIQUE,
        holder_name          varchar(100) NOT NULL,
        employer_credit_code varchar(18)  NOT NULL,
        project              varchar(200) NOT NULL,
        allocated_on         date         NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    // All four schemas are this migration's own; CASCADE takes their tables and sequences.
    for (const schema of ['housing', 'talent_bureau', 'public_security', 'hr_social_security']) await q.query(`DROP SCHEMA ${schema} CASCADE`);
  }
}
