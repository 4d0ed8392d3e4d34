import { MigrationInterface, QueryRunner } from 'typeorm';

/** The open steps' statuses, as every query of them writes them (so the partial indexes apply). */
const OPEN = `status IN ('open', 'claimed', 'waiting-applicant')`;

/**
 * What the worklists (待办 / 已办 / 我的) and the supervisors' lists search and page by, at 100,000
 * cases (npm run bench:worklists):
 *
 * - `enterprise_name`: the enterprise a case is for (the application's name, the employer, or the
 *   registration fetched from 市场监管局), written by the projection.
 * - `ended`: the case has reached one of its process's ending statuses (在办 = not ended), written
 *   by the projection from the registry; the backfill uses the statuses the processes had then.
 * - 受理编号 `receipt_number`, e.g. 京科受〔2026〕000123: a per-year sequence (Beijing time of
 *   filing), given once, when the case's row is first written — by a trigger, so every writer
 *   (projection, reconciler, seed) gets one and none is given twice or skipped by a retried
 *   projection (an INSERT … ON CONFLICT that updates fires no AFTER INSERT trigger).
 *
 * Searching Chinese names: pg_trgm is bundled with the embedded PostgreSQL, but under the C locale
 * the read model's databases are created with (and many managed servers' defaults) it extracts no
 * trigrams from Chinese characters (`show_trgm('北京芯算科技有限公司')` is empty), so a trigram
 * index finds nothing faster than a scan. Instead a GIN index over the name's single characters
 * and character pairs (`name_grams`) narrows a `LIKE '%…%'` to the rows holding every pair of the
 * query, which the LIKE then checks: the approach of pg_bigm, in ten lines of SQL.
 */
export class Worklists1765100000000 implements MigrationInterface {
  name = 'Worklists1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN enterprise_name varchar(200), ADD COLUMN ended boolean NOT NULL DEFAULT false,
                   ADD COLUMN receipt_year smallint, ADD COLUMN receipt_seq integer, ADD COLUMN receipt_number varchar(32)`);
    await q.query(`UPDATE cases SET enterprise_name = left(COALESCE(application->>'enterpriseName', application->>'employerName', assessment->'shared'->'registration'->>'name', title), 200)`);
    await q.query(`UPDATE cases SET ended = true
                    WHERE (process = 'high-tech' AND status IN ('certified', 'revoked', 'refused', 'rejected', 'withdrawn'))
                       OR (process = 'listing' AND status IN ('refused', 'rejected', 'withdrawn', 'completed'))
                       OR (process = 'talent-permits' AND status IN ('rejected', 'withdrawn', 'completed'))
                       OR (process = 'specialized-rewards' AND status IN ('rewarded', 'refused', 'rejected', 'withdrawn'))`);

    // ——— 受理编号 ———
    await q.query(`CREATE TABLE receipt_counters (year smallint PRIMARY KEY, last integer NOT NULL)`);
    await q.query(`CREATE FUNCTION receipt_number(y integer, n integer) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
                   AS $$ SELECT '京科受〔' || y || '〕' || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END $$`);
    await q.query(`WITH numbered AS (
                     SELECT id, extract(year FROM filed_at AT TIME ZONE 'Asia/Shanghai')::int AS y,
                            row_number() OVER (PARTITION BY extract(year FROM filed_at AT TIME ZONE 'Asia/Shanghai') ORDER BY filed_at, id)::int AS n
                       FROM cases)
                   UPDATE cases c SET receipt_year = numbered.y, receipt_seq = numbered.n, receipt_number = receipt_number(numbered.y, numbered.n)
                     FROM numbered WHERE c.id = numbered.id`);
    await q.query(`INSERT INTO receipt_counters (year, last) SELECT receipt_year, max(receipt_seq) FROM cases WHERE receipt_year IS NOT NULL GROUP BY receipt_year`);
    await q.query(`CREATE FUNCTION assign_receipt_number() RETURNS trigger LANGUAGE plpgsql AS $$
                   DECLARE
                     y integer := extract(year FROM NEW.filed_at AT TIME ZONE 'Asia/Shanghai')::int;
                     n integer;
                   BEGIN
                     INSERT INTO receipt_counters AS r (year, last) VALUES (y, 1)
                       ON CONFLICT (year) DO UPDATE SET last = r.last + 1
                       RETURNING last INTO n;
                     UPDATE cases SET receipt_year = y, receipt_seq = n, receipt_number = receipt_number(y, n) WHERE id = NEW.id;
                     RETURN NULL;
                   END $$`);
    await q.query(`CREATE TRIGGER cases_receipt_number AFTER INSERT ON cases FOR EACH ROW WHEN (NEW.receipt_number IS NULL) EXECUTE FUNCTION assign_receipt_number()`);
    await q.query(`CREATE UNIQUE INDEX cases_receipt_number ON cases (receipt_number)`);
    await q.query(`CREATE INDEX cases_receipt_seq ON cases (receipt_seq)`);

    // ——— search: enterprise name, credit code ———
    await q.query(`CREATE FUNCTION name_grams(name text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                   AS $$ SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
                           SELECT substr(lower(name), i, 1) AS g FROM generate_series(1, char_length(name)) AS i
                           UNION ALL
                           SELECT substr(lower(name), i, 2) FROM generate_series(1, char_length(name) - 1) AS i) grams $$`);
    await q.query(`CREATE INDEX cases_enterprise_grams ON cases USING gin (name_grams(enterprise_name))`);
    // A credit code typed in part: its beginning (LIKE 'x%' needs the pattern operator class under any collation).
    await q.query(`CREATE INDEX cases_applicant_prefix ON cases (applicant_id varchar_pattern_ops)`);

    // ——— lists ———
    // 在办案件 per process and colour (GET /supervision/overview), and the running cases' list.
    await q.query(`CREATE INDEX cases_running ON cases (process, colour) WHERE NOT ended`);
    // Case search without a query: newest first.
    await q.query(`CREATE INDEX cases_filed_at ON cases (filed_at)`);
    // Each list in each of its orders (step-lists.service.ts), so a page at any depth is read off an index, not sorted:
    // 待办: an agency's open steps by due date; 我的: an official's; the supervisors' open steps by due date.
    await q.query(`CREATE INDEX steps_agency_open ON steps (agency, due_on, id) WHERE ${OPEN}`);
    await q.query(`CREATE INDEX steps_assignee_open ON steps (assignee_id, due_on, id) WHERE ${OPEN}`);
    await q.query(`CREATE INDEX steps_open_due ON steps (due_on, id) WHERE ${OPEN}`);
    // 已办: an agency's decided steps (not an expert panel's average), latest first or by due date; the count from the first alone.
    await q.query(`CREATE INDEX steps_agency_decided ON steps (agency, decided_at DESC NULLS LAST, id DESC) WHERE status = 'decided' AND kind <> 'expert-panel'`);
    await q.query(`CREATE INDEX steps_agency_decided_due ON steps (agency, due_on, id) WHERE status = 'decided' AND kind <> 'expert-panel'`);
    // Every step (the supervisors' list=all, state=closed) by due date, or latest decided first.
    await q.query(`CREATE INDEX steps_due ON steps (due_on, id)`);
    await q.query(`CREATE INDEX steps_decided_latest ON steps (decided_at DESC NULLS LAST, id DESC)`);
    // 已提交电子监察: the escalated steps still open first, then by due date.
    await q.query(`CREATE INDEX steps_escalated_open_first ON steps ((${OPEN}) DESC, due_on, id) WHERE escalated`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['steps_escalated_open_first', 'steps_decided_latest', 'steps_due', 'steps_agency_decided_due', 'steps_agency_decided', 'steps_open_due', 'steps_assignee_open', 'steps_agency_open', 'cases_filed_at', 'cases_running', 'cases_applicant_prefix', 'cases_enterprise_grams', 'cases_receipt_seq', 'cases_receipt_number']) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`DROP TRIGGER cases_receipt_number ON cases`);
    await q.query(`DROP FUNCTION assign_receipt_number()`);
    await q.query(`DROP FUNCTION name_grams(text)`);
    await q.query(`DROP FUNCTION receipt_number(integer, integer)`);
    await q.query(`DROP TABLE receipt_counters`);
    await q.query(`ALTER TABLE cases DROP COLUMN receipt_number, DROP COLUMN receipt_seq, DROP COLUMN receipt_year, DROP COLUMN ended, DROP COLUMN enterprise_name`);
  }
}
