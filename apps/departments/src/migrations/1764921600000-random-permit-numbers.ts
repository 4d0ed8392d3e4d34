import { MigrationInterface, QueryRunner } from 'typeorm';

const SEQUENCES = ['hr_social_security.work_permit_seq', 'public_security.residence_permit_seq', 'talent_bureau.work_residence_permit_seq'];

/** Permit numbers are drawn at random now (issuePermit): the sequences that made them guessable go. */
export class RandomPermitNumbers1764921600000 implements MigrationInterface {
  name = 'RandomPermitNumbers1764921600000';

  async up(q: QueryRunner): Promise<void> {
    for (const sequence of SEQUENCES) await q.query(`DROP SEQUENCE IF EXISTS ${sequence}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sequence of SEQUENCES) await q.query(`CREATE SEQUENCE ${sequence} MINVALUE 1 MAXVALUE 999999 NO CYCLE`);
  }
}
