import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each timeline entry reached the read model, beside when it happened in the workflow
 * (`at`): the difference is the projection lag users feel between acting and seeing. Not part of
 * the hash chain (the chain covers what happened, not when it was copied).
 */
export class TimelineWrittenAt1764748800000 implements MigrationInterface {
  name = 'TimelineWrittenAt1764748800000';

  async up(q: QueryRunner): Promise<void> {
    // clock_timestamp(): the moment of the insert, not the start of its transaction.
    await q.query(`ALTER TABLE timeline_entries ADD COLUMN written_at timestamptz NOT NULL DEFAULT clock_timestamp()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE timeline_entries DROP COLUMN written_at`);
  }
}
