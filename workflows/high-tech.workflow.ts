import { log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/activity-map';
import { beijingDate } from '../libs/domain/calendar-date';
import type { CaseSnapshot } from '../libs/domain/case-record';
import { DepartmentCode, departmentName } from '../libs/domain/departments';
import { FastPathAssessment, SharedFacts, assessFastPath } from '../libs/domain/high-tech-eligibility';
import { HighTechApplication, HighTechState, highTechStateQuery } from '../libs/domain/high-tech.contract';
import { CaseJournal } from './case-journal';

/** Departments' services may be down for a while: retry patiently, never give the case up. */
const departments = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', nonRetryableErrorTypes: ['DepartmentRejectedRequest'] },
});

const readModel = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/** The case as plain JSON: what the state query returns and the read model mirrors. */
class HighTechCase {
  readonly journal = new CaseJournal();
  readonly state: HighTechState;
  private readonly filedAt = new Date().toISOString();
  private decidedAt?: string;

  constructor(caseId: string, application: HighTechApplication) {
    this.state = { caseId, status: 'verifying', application };
  }

  snapshot(): Omit<CaseSnapshot, 'version'> {
    const { caseId, status, application, shared, assessment } = this.state;
    return {
      id: caseId,
      process: 'high-tech',
      status,
      applicantId: application.creditCode,
      title: application.enterpriseName,
      filedAt: this.filedAt,
      decidedAt: this.decidedAt,
      decision: status === 'approved' ? 'approved-on-filing' : undefined,
      application: { ...application },
      assessment: assessment ? { ...assessment, shared } : undefined,
    };
  }

  decide(assessment: FastPathAssessment, shared: SharedFacts): void {
    this.state.shared = shared;
    this.state.assessment = assessment;
    this.state.status = assessment.eligible ? 'approved' : 'normal-review';
    if (assessment.eligible) this.decidedAt = new Date().toISOString();
  }
}

/**
 * 高新技术企业认定 · 报备即批准 (京政办发〔2022〕19号 items 3 and 4).
 *
 * The enterprise files; what 市场监管局, 税务局, 统计局 and the 中关村 enterprise database
 * already hold is fetched in parallel rather than asked of the applicant, compared with the
 * declaration, and the fast-path criteria decide: approved on filing, or formal review.
 */
export async function highTechCertification(application: HighTechApplication): Promise<HighTechState> {
  const c = new HighTechCase(workflowInfo().workflowId, application);
  setHandler(highTechStateQuery, () => c.state);

  c.journal.note({ actor: application.creditCode, role: 'applicant', action: 'filed', detail: { process: '高新技术企业认定（报备即批准）' } });
  await readModel.readModelProject(c.journal.takeProjection(c.snapshot()));

  // 数据共享: each answer lands on the timeline as it arrives, so reviewers see who said what, when.
  const received = <T>(department: DepartmentCode, answer: Promise<T>): Promise<T> =>
    answer.then((record) => {
      c.journal.note({
        actor: department,
        role: 'system',
        agency: department,
        action: 'shared-data-received',
        detail: { department: departmentName(department), found: record !== null },
      });
      return record;
    });
  const { creditCode } = application;
  const year = application.rdExpenses.year;
  const [registration, rdExpenses, scale, zgcEnterprise] = await Promise.all([
    received('market-supervision', departments.marketSupervisionGetRegistration(creditCode)),
    received('tax', departments.taxGetRdExpenses(creditCode, year)),
    received('statistics', departments.statisticsGetScale(creditCode, year)),
    received('zgc', departments.zgcGetEnterprise(creditCode)),
  ]);
  const shared: SharedFacts = { registration, rdExpenses, scale, zgcEnterprise };

  const assessment = assessFastPath(application, shared, beijingDate(new Date()));
  c.decide(assessment, shared);
  if (assessment.eligible) {
    c.journal.note({ actor: 'zgc', role: 'system', agency: 'zgc', action: 'approved-on-filing', reason: '符合报备即批准条件，报备即批准' });
  } else {
    const failed = assessment.criteria.filter((r) => !r.passed);
    c.journal.note({
      actor: 'zgc',
      role: 'system',
      agency: 'zgc',
      action: 'referred-to-normal-review',
      reason: failed.map((r) => r.reason).join('；'),
      detail: { failedCriteria: failed.map((r) => r.criterion) },
    });
  }
  log.info('high-tech case assessed', { caseId: c.state.caseId, eligible: assessment.eligible });
  await readModel.readModelProject(c.journal.takeProjection(c.snapshot()));
  return c.state;
}
