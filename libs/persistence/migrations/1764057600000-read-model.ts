import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReadModel1764057600000 implements MigrationInterface {
  name = 'ReadModel1764057600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        id            varchar(200) PRIMARY KEY,
        process       varchar(32)  NOT NULL,
        status        varchar(32)  NOT NULL,
        applicant_id  varchar(64)  NOT NULL,
        title         varchar(200) NOT NULL,
        version       int          NOT NULL,
        filed_at      timestamptz  NOT NULL,
        decided_at    timestamptz,
        decision      varchar(64),
        application   jsonb        NOT NULL,
        assessment    jsonb,
        updated_at    timestamptz  NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cases_applicant_filed ON cases (applicant_id, filed_at)`);
    await q.query(`CREATE INDEX cases_process_status ON cases (process, status)`);
    await q.query(`
      CREATE TABLE timeline_entries (
        id       bigserial    PRIMARY KEY,
        case_id  varchar(200) NOT NULL,
        seq      int          NOT NULL,
        at       timestamptz  NOT NULL,
        actor    varchar(100) NOT NULL,
        role     varchar(16)  NOT NULL,
        agency   varchar(64),
        action   varchar(64)  NOT NULL,
        reason   text,
        detail   jsonb,
        UNIQUE (case_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE timeline_entries`);
    await q.query(`DROP TABLE cases`);
  }
}
