import { MigrationInterface, QueryRunner } from 'typeorm';

/** Steps agencies work on, dated documents, and the case clock: inboxes and dashboards are queries. */
export class CaseEngine1764144000000 implements MigrationInterface {
  name = 'CaseEngine1764144000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN due_on    date,
        ADD COLUMN colour    varchar(8),
        ADD COLUMN paused    boolean NOT NULL DEFAULT false,
        ADD COLUMN escalated boolean NOT NULL DEFAULT false,
        ADD COLUMN clock     jsonb`);
    await q.query(`CREATE INDEX cases_colour ON cases (process, colour) WHERE colour IS NOT NULL`);
    await q.query(`
      CREATE TABLE steps (
        id            varchar(220) PRIMARY KEY,
        case_id       varchar(200) NOT NULL,
        process       varchar(32)  NOT NULL,
        name          varchar(100) NOT NULL,
        kind          varchar(32)  NOT NULL,
        agency        varchar(64)  NOT NULL,
        assignee_id   varchar(100),
        assignee_name varchar(100),
        status        varchar(32)  NOT NULL,
        allowed       jsonb        NOT NULL,
        round         int          NOT NULL,
        opened_at     timestamptz  NOT NULL,
        due_on        date         NOT NULL,
        warn_on       date         NOT NULL,
        colour        varchar(8)   NOT NULL,
        paused        boolean      NOT NULL,
        escalated     boolean      NOT NULL,
        decided_at    timestamptz,
        decision      varchar(32),
        reason        text,
        decided_by    varchar(100),
        urges         jsonb        NOT NULL,
        clock         jsonb        NOT NULL,
        version       int          NOT NULL
      )`);
    await q.query(`CREATE INDEX steps_inbox ON steps (agency, status, due_on)`);
    await q.query(`CREATE INDEX steps_case ON steps (case_id)`);
    await q.query(`CREATE INDEX steps_colour ON steps (colour, status)`);
    await q.query(`
      CREATE TABLE documents (
        id        varchar(220) PRIMARY KEY,
        case_id   varchar(200) NOT NULL,
        kind      varchar(32)  NOT NULL,
        title     varchar(100) NOT NULL,
        issued_at timestamptz  NOT NULL,
        body      jsonb        NOT NULL
      )`);
    await q.query(`CREATE INDEX documents_case ON documents (case_id, issued_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE documents`);
    await q.query(`DROP TABLE steps`);
    await q.query(`ALTER TABLE cases DROP COLUMN due_on, DROP COLUMN colour, DROP COLUMN paused, DROP COLUMN escalated, DROP COLUMN clock`);
  }
}
