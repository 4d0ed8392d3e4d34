import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SupervisionController } from '../apps/api/src/supervision/supervision.controller';
import { verifyAuditChain } from '../infra/audit-verify';
import { seedDashboard, SeedReport } from '../infra/bench/seed-dashboard';
import { CaseRecord, migrateReadModel, readModelDataSourceOptions, StepRecord } from '../libs/persistence';

/**
 * The benchmark's seeded read model (npm run bench:dashboard) as a supervisor sees it: the
 * dashboard counts exactly the open steps and running cases the seed generated, colour by
 * colour, and the overdue list holds the red ones soonest due first. In a database of its own
 * on the test server, since seeded timeline entries can never be deleted again.
 */
describe('the supervisor dashboard over a seeded read model', () => {
  const name = `dashboard_seed_${randomBytes(4).toString('hex')}`;
  const server = process.env.DATABASE_URL!.replace(/\/[^/]*$/, '');
  let url: string;
  let db: DataSource;
  let sql: Client;
  let seed: SeedReport;
  let supervision: SupervisionController;

  beforeAll(async () => {
    const admin = new Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    url = `${server}/${name}`;
    await migrateReadModel(url);
    seed = await seedDashboard({ databaseUrl: url, cases: 1500, runningShare: 0.3, log: () => undefined });
    db = await new DataSource(readModelDataSourceOptions(url)).initialize();
    sql = new Client({ connectionString: url });
    await sql.connect();
    supervision = new SupervisionController(db, db.getRepository(StepRecord), db.getRepository(CaseRecord));
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await db?.destroy();
    const admin = new Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('counts every open step the seed generated, by colour, per process and agency', async () => {
    const overview = await supervision.overview();
    const total = (colour: 'green' | 'yellow' | 'red' | 'total') => overview.steps.reduce((n, r) => n + r[colour], 0);
    expect(seed.openSteps).toBeGreaterThan(100);
    expect(total('total')).toBe(seed.openSteps);
    expect({ green: total('green'), yellow: total('yellow'), red: total('red') }).toEqual(seed.openStepsByColour);

    const { rows } = await sql.query(
      `SELECT process, agency,
              count(*) FILTER (WHERE colour = 'green')::int AS green,
              count(*) FILTER (WHERE colour = 'yellow')::int AS yellow,
              count(*) FILTER (WHERE colour = 'red')::int AS red
         FROM steps WHERE status NOT IN ('decided', 'cancelled') GROUP BY process, agency`,
    );
    expect(overview.steps).toHaveLength(rows.length);
    for (const r of rows) {
      expect(overview.steps.find((s) => s.process === r.process && s.agency === r.agency)).toMatchObject({
        green: r.green,
        yellow: r.yellow,
        red: r.red,
        total: r.green + r.yellow + r.red,
      });
    }
  });

  it('counts every running case (在办) of every process, by its decision clock’s colour or none', async () => {
    const overview = await supervision.overview();
    const { rows } = await sql.query(
      `SELECT process, coalesce(colour, 'none') AS colour, count(*)::int AS n FROM cases WHERE status NOT IN ('certified', 'completed', 'rejected', 'refused', 'withdrawn') GROUP BY 1, 2`,
    );
    const expected = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const row = expected.get(r.process) ?? { green: 0, yellow: 0, red: 0, none: 0, total: 0 };
      row[r.colour] += r.n;
      row.total += r.n;
      expected.set(r.process, row);
    }
    // Not only high-tech's: listing and talent-permit cases are 在办 too, though they have no decision clock.
    expect([...expected.keys()].sort()).toEqual(['high-tech', 'listing', 'talent-permits']);
    expect(Object.fromEntries(overview.cases.map(({ process, ...counts }) => [process, counts]))).toEqual(Object.fromEntries(expected));
  });

  it('lists the overdue steps and cases, soonest due first', async () => {
    const overdue = await supervision.overdue();
    expect(overdue.steps).toHaveLength(Math.min(500, seed.openStepsByColour.red));
    expect(overdue.steps.every((s) => s.colour === 'red' && ['open', 'claimed', 'waiting-applicant'].includes(s.status))).toBe(true);
    expect(overdue.steps.map((s) => s.dueOn)).toEqual(overdue.steps.map((s) => s.dueOn).sort());
    const [{ n }] = (await sql.query(`SELECT count(*)::int AS n FROM cases WHERE colour = 'red' AND decided_at IS NULL`)).rows;
    expect(overdue.cases).toHaveLength(Math.min(500, n));
    expect(overdue.cases.every((c) => c.colour === 'red' && c.id.startsWith('seed-'))).toBe(true);
  });

  it('seeds timelines whose hash chain verifies', async () => {
    const report = await verifyAuditChain(url);
    expect(report.cases).toBe(1500);
    expect(report.entries).toBe(seed.timelineEntries);
    expect(report.broken).toEqual([]);
  });
});
