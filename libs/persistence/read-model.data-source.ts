import { DataSource, DataSourceOptions } from 'typeorm';
import { CalendarYearRecord } from './calendar-year.entity';
import { CaseRecord } from './case.entity';
import { TimelineEntryRecord } from './timeline-entry.entity';
import { DocumentRecord } from './document.entity';
import { ReadModel1764057600000 } from './migrations/1764057600000-read-model';
import { CaseEngine1764144000000 } from './migrations/1764144000000-case-engine';
import { Certificates1764230400000 } from './migrations/1764230400000-certificates';
import { ComplianceReports1764316800000 } from './migrations/1764316800000-compliance-reports';
import { AuditChain1764489600000 } from './migrations/1764489600000-audit-chain';
import { Incidents1764576000000 } from './migrations/1764576000000-incidents';
import { DashboardIndexes1764662400000 } from './migrations/1764662400000-dashboard-indexes';
import { TimelineWrittenAt1764748800000 } from './migrations/1764748800000-timeline-written-at';
import { CalendarYears1764840000000 } from './migrations/1764840000000-calendar-years';
import { StepRecord } from './step.entity';
import { SubjectClaimRecord } from './subject-claim.entity';
import { SubjectClaims1764880000000 } from './migrations/1764880000000-subject-claims';
import { PublicRegister1764920000000 } from './migrations/1764920000000-public-register';
import { RateLimitBuckets1765000000000 } from './migrations/1765000000000-rate-limit-buckets';
import { PublicRegisterRecord } from './public-register.entity';
import { Worklists1765100000000 } from './migrations/1765100000000-worklists';
import { DocumentNumbers1765200000000 } from './migrations/1765200000000-document-numbers';
import { DocumentFileRecord } from './document-file.entity';
import { Materials1765210000000 } from './migrations/1765210000000-materials';
import { MaterialRecord } from './material.entity';

export const READ_MODEL_ENTITIES = [CaseRecord, TimelineEntryRecord, StepRecord, DocumentRecord, PublicRegisterRecord, CalendarYearRecord, SubjectClaimRecord, DocumentFileRecord, MaterialRecord];
export const READ_MODEL_MIGRATIONS = [ReadModel1764057600000, CaseEngine1764144000000, Certificates1764230400000, ComplianceReports1764316800000, AuditChain1764489600000, Incidents1764576000000, DashboardIndexes1764662400000, TimelineWrittenAt1764748800000, CalendarYears1764840000000, SubjectClaims1764880000000, PublicRegister1764920000000, RateLimitBuckets1765000000000, Worklists1765100000000, DocumentNumbers1765200000000, Materials1765210000000];

export function readModelDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: 'read_model_migrations',
    // Schema changes go through migrations only, never synchronize.
    synchronize: false,
    extra: { max: 10 },
  };
}

/** Applies pending read-model migrations; used by `npm start`, the test setup and `npm run migrate`. */
export async function migrateReadModel(url: string): Promise<string[]> {
  const dataSource = new DataSource(readModelDataSourceOptions(url));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
