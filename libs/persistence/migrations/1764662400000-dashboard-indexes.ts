import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for what supervisors and agencies look at all day, so each answer reads a few hundred
 * kilobytes of index instead of the steps and cases tables (npm run bench:dashboard, 100,000
 * cases: steps 330 MB, cases 130 MB, more than the default shared_buffers; the dashboard's
 * queries evicted each other's pages and read them back on every request).
 *
 * Partial indexes over the few rows that are still live: open steps are ~3 % of all steps and
 * running cases with a decision clock ~3 % of cases, and that share stays small as history grows.
 * The open-step predicate is written the way supervision.controller.ts queries it. (An agency's
 * inbox needs nothing new: steps_inbox finds its open steps; what the inbox spends is in sending
 * them all.)
 */
export class DashboardIndexes1764662400000 implements MigrationInterface {
  name = 'DashboardIndexes1764662400000';

  async up(q: QueryRunner): Promise<void> {
    // GET /supervision/overview: open steps per process × agency × colour, from the index alone.
    await q.query(`CREATE INDEX steps_open_overview ON steps (process, agency, colour) WHERE status IN ('open', 'claimed', 'waiting-applicant')`);
    // GET /supervision/overview (running cases per process × colour) and /overdue (red ones by due date).
    await q.query(`CREATE INDEX cases_running_clock ON cases (colour, due_on) INCLUDE (process) WHERE decided_at IS NULL AND colour IS NOT NULL`);
    // GET /supervision/escalations: escalated steps and cases by due date.
    await q.query(`CREATE INDEX steps_escalated ON steps (due_on) WHERE escalated`);
    await q.query(`CREATE INDEX cases_escalated ON cases (due_on) WHERE escalated`);
    // GET /supervision/on-time: steps decided in the last weeks, from the index alone.
    await q.query(`CREATE INDEX steps_decided_at ON steps (decided_at) INCLUDE (process, due_on) WHERE status = 'decided'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['steps_decided_at', 'cases_escalated', 'steps_escalated', 'cases_running_clock', 'steps_open_overview']) {
      await q.query(`DROP INDEX ${index}`);
    }
  }
}
