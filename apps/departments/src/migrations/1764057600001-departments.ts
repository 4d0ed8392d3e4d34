import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each department keeps its records in a schema of its own, as separate services would. */
export class Departments1764057600001 implements MigrationInterface {
  name = 'Departments1764057600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA market_supervision`);
    await q.query(`
      CREATE TABLE market_supervision.registrations (
        credit_code   varchar(18)  PRIMARY KEY,
        name          varchar(200) NOT NULL,
        registered_on date         NOT NULL,
        province      varchar(32)  NOT NULL,
        district      varchar(32)  NOT NULL,
        business_type varchar(32)  NOT NULL
      )`);
    await q.query(`CREATE SCHEMA tax`);
    await q.query(`
      CREATE TABLE tax.rd_expense_declarations (
        credit_code   varchar(18)      NOT NULL,
        year          int              NOT NULL,
        domestic_yuan double precision NOT NULL,
        total_yuan    double precision NOT NULL,
        PRIMARY KEY (credit_code, year)
      )`);
    await q.query(`CREATE SCHEMA statistics`);
    await q.query(`
      CREATE TABLE statistics.enterprise_scale (
        credit_code           varchar(18) NOT NULL,
        year                  int         NOT NULL,
        above_designated_size boolean     NOT NULL,
        PRIMARY KEY (credit_code, year)
      )`);
    await q.query(`CREATE SCHEMA zgc`);
    await q.query(`
      CREATE TABLE zgc.enterprises (
        credit_code varchar(18)  PRIMARY KEY,
        name        varchar(200) NOT NULL,
        tech_field  varchar(40)  NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const schema of ['zgc', 'statistics', 'tax', 'market_supervision']) await q.query(`DROP SCHEMA ${schema} CASCADE`);
  }
}
