import { MigrationInterface, QueryRunner } from 'typeorm';

/** 合规一码通: compliance reports anyone can verify by code; a newer one supersedes the older. */
export class ComplianceReports1764316800000 implements MigrationInterface {
  name = 'ComplianceReports1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE compliance_reports (
        code            varchar(40)  PRIMARY KEY,
        case_id         varchar(200) NOT NULL,
        credit_code     varchar(18)  NOT NULL,
        enterprise_name varchar(200) NOT NULL,
        issued_at       timestamptz  NOT NULL,
        entries         jsonb        NOT NULL,
        status          varchar(16)  NOT NULL,
        superseded_by   varchar(40),
        version         int          NOT NULL
      )`);
    await q.query(`CREATE INDEX compliance_reports_credit_code ON compliance_reports (credit_code, issued_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE compliance_reports`);
  }
}
