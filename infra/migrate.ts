import { migrateDepartments } from '../apps/departments/src/departments.data-source';
import { migrateReadModel } from '../libs/persistence';

/**
 * Applies pending TypeORM migrations outside the apps, which never migrate on their own: `npm
 * start` and the tests call the same functions before starting them, a deployment runs this once
 * before a release's apps start (the Helm chart's pre-install/pre-upgrade Job), so two API
 * instances never race to migrate one database.
 *
 *   node dist/infra/migrate.js                 # the read model and the departments' schemas
 *   node dist/infra/migrate.js read-model      # only the read model (departments' services elsewhere)
 *
 * DATABASE_URL is the read model; DEPARTMENTS_DATABASE_URL the departments' (DATABASE_URL if unset).
 */
const TARGETS = ['read-model', 'departments'] as const;
type Target = (typeof TARGETS)[number];

export async function migrate(targets: readonly Target[], env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const urls: Record<Target, string | undefined> = { 'read-model': env.DATABASE_URL, departments: env.DEPARTMENTS_DATABASE_URL || env.DATABASE_URL };
  const missing = targets.filter((t) => !urls[t]?.match(/^postgres(ql)?:\/\//));
  if (missing.length) throw new Error(`Invalid configuration:\n${missing.map((t) => `  ${t === 'read-model' ? 'DATABASE_URL' : 'DEPARTMENTS_DATABASE_URL (or DATABASE_URL)'}: must be a postgres:// URL`).join('\n')}`);
  for (const target of targets) {
    const applied = await (target === 'read-model' ? migrateReadModel : migrateDepartments)(urls[target]!);
    log(`${target}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
  }
}

if (require.main === module) {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !(TARGETS as readonly string[]).includes(a));
  if (unknown.length) {
    console.error(`unknown target ${unknown.join(', ')}; usage: migrate [${TARGETS.join('] [')}]`);
    process.exit(2);
  }
  migrate(asked.length ? (asked as Target[]) : TARGETS, process.env, console.log).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
