import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One open case per subject and process (an enterprise's high-tech or listing application, an
 * employer's 两证联办 for one foreign talent). The API claims the subject before it starts the
 * case's workflow, and the partial unique index makes the claim atomic: of any number of
 * filings racing for one subject, one inserts its row and every other conflicts. The projection
 * releases the claim in the transaction that records the case as ended.
 */
export class SubjectClaims1764880000000 implements MigrationInterface {
  name = 'SubjectClaims1764880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subject_claims (
        case_id     varchar(200) PRIMARY KEY,
        process     varchar(32)  NOT NULL,
        subject     varchar(100) NOT NULL,
        claimed_at  timestamptz  NOT NULL DEFAULT now(),
        released_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX subject_claims_one_open ON subject_claims (process, subject) WHERE released_at IS NULL`);
    // Cases already open hold their enterprise from now on (the oldest, should there be two).
    // A talent's subject is a keyed hash the database cannot compute: those start unclaimed.
    await q.query(`
      INSERT INTO subject_claims (case_id, process, subject, claimed_at)
      SELECT DISTINCT ON (process, applicant_id) id, process, applicant_id, filed_at FROM cases
       WHERE (process = 'high-tech' AND status NOT IN ('certified', 'revoked', 'refused', 'rejected', 'withdrawn'))
          OR (process = 'listing' AND status NOT IN ('refused', 'rejected', 'withdrawn', 'completed'))
       ORDER BY process, applicant_id, filed_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subject_claims`);
  }
}
