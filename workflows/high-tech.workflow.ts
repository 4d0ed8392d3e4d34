import { log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/activity-map';
import { beijingDate } from '../libs/domain/calendar-date';
import type { CaseSnapshot } from '../libs/domain/case-record';
import { DepartmentCode, departmentName } from '../libs/domain/departments';
import { SharedFacts, assessFastPath } from '../libs/domain/high-tech-eligibility';
import {
  DEFAULT_HIGH_TECH_OPTIONS,
  HighTechInput,
  HighTechOptions,
  HighTechState,
  HighTechStatus,
  highTechStateQuery,
} from '../libs/domain/high-tech.contract';
import { readClock, startClock, stopClock } from '../libs/domain/sla-clock';
import { acceptance } from './acceptance';
import { CaseEngine, CaseWithdrawn } from './case-engine';
import { watchClock } from './clock-watch';
import { correctionRound } from './correction';
import { announceColour, awaitStep, openStep, reopenStep } from './human-step';

/** Departments' services may be down for a while: retry patiently, never give the case up. */
const departments = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', nonRetryableErrorTypes: ['DepartmentRejectedRequest'] },
});

const LEAD: DepartmentCode = 'zgc';

/** The case as plain JSON: what the state query returns and the read model mirrors. */
class HighTechCase {
  phase: HighTechStatus = 'verifying';
  readonly state: Omit<HighTechState, 'status'>;
  readonly filedAt = new Date();
  decidedAt?: string;
  decision?: string;
  engine!: CaseEngine;

  constructor(caseId: string, input: HighTechInput) {
    this.state = { caseId, application: input.application };
  }

  /** While a correction notice is with the applicant, that is what the case is waiting on. */
  get status(): HighTechStatus {
    const waiting = this.engine.state.corrections.some((c) => !c.answeredAt);
    return waiting && !this.engine.withdrawn ? 'awaiting-applicant' : this.phase;
  }

  view(): HighTechState {
    return { ...this.state, status: this.status, engine: this.engine.state };
  }

  snapshot(): Omit<CaseSnapshot, 'version'> {
    const { caseId, application, shared, assessment } = this.state;
    const clock = this.engine.state.caseClock;
    return {
      id: caseId,
      process: 'high-tech',
      status: this.status,
      applicantId: application.creditCode,
      title: application.enterpriseName,
      filedAt: this.filedAt.toISOString(),
      decidedAt: this.decidedAt,
      decision: this.decision,
      application: { ...application },
      assessment: assessment ? { ...assessment, shared } : undefined,
      clock: clock && {
        ...readClock(clock, this.engine.calendar, new Date()),
        label: clock.label,
        limitDays: clock.limitDays,
        statutoryDays: clock.statutoryDays,
        startedAt: clock.startedAt,
        ledger: { pauses: clock.pauses, extensions: clock.extensions },
      },
      escalated: this.engine.state.caseEscalated,
    };
  }

  end(phase: HighTechStatus, decision?: string): void {
    this.phase = phase;
    this.decision = decision;
    this.decidedAt = new Date().toISOString();
    this.engine.closed = true;
  }
}

/**
 * 高新技术企业认定 (京政办发〔2022〕19号 items 3 and 4).
 *
 * 报备即批准: the enterprise files; what 市场监管局, 税务局, 统计局 and the 中关村 enterprise
 * database already hold is fetched in parallel rather than asked of the applicant, compared with
 * the declaration, and the fast-path criteria decide. Off the fast path, 市科委 accepts the
 * application (受理, Art. 32) and reviews it (形式审查) against the statutory clock (Art. 42),
 * asking the applicant for corrections as needed.
 */
export async function highTechCertification(input: HighTechInput): Promise<HighTechState> {
  const options: HighTechOptions = { ...DEFAULT_HIGH_TECH_OPTIONS, ...input.options };
  const { application } = input;
  const c = new HighTechCase(workflowInfo().workflowId, input);
  c.engine = new CaseEngine(c.state.caseId, application.creditCode, () => c.snapshot());
  const engine = c.engine;
  setHandler(highTechStateQuery, () => c.view());
  const projector = engine.runProjector();

  engine.note({
    actor: input.filedBy?.userId ?? application.creditCode,
    role: 'applicant',
    action: 'filed',
    detail: { process: '高新技术企业认定（报备即批准）', applicant: application.creditCode, name: input.filedBy?.name },
  });

  try {
    const shared = await fetchSharedData(engine, application.creditCode, application.rdExpenses.year);
    const assessment = assessFastPath(application, shared, beijingDate(new Date()));
    c.state.shared = shared;
    c.state.assessment = assessment;
    if (assessment.eligible) {
      c.end('approved', 'approved-on-filing');
      engine.note({ actor: LEAD, role: 'system', agency: LEAD, action: 'approved-on-filing', reason: '符合报备即批准条件，报备即批准' });
    } else {
      const failed = assessment.criteria.filter((r) => !r.passed);
      c.phase = 'acceptance';
      engine.note({
        actor: LEAD,
        role: 'system',
        agency: LEAD,
        action: 'referred-to-normal-review',
        reason: failed.map((r) => r.reason).join('；'),
        detail: { failedCriteria: failed.map((r) => r.criterion) },
      });
      await normalReview(c, options);
    }
  } catch (error) {
    if (!(error instanceof CaseWithdrawn)) throw error;
    c.end('withdrawn');
  }
  if (engine.state.caseClock && !engine.state.caseClock.stoppedAt) stopClock(engine.state.caseClock, new Date());
  engine.clockChanged();
  log.info('high-tech case ended', { caseId: c.state.caseId, status: c.status });
  await engine.finish(projector);
  return c.view();
}

/** 数据共享: each answer lands on the timeline as it arrives, so reviewers see who said what, when. */
async function fetchSharedData(engine: CaseEngine, creditCode: string, year: number): Promise<SharedFacts> {
  const received = <T>(department: DepartmentCode, answer: Promise<T>): Promise<T> =>
    answer.then((record) => {
      engine.note({
        actor: department,
        role: 'system',
        agency: department,
        action: 'shared-data-received',
        detail: { department: departmentName(department), found: record !== null },
      });
      return record;
    });
  const [registration, rdExpenses, scale, zgcEnterprise] = await Promise.all([
    received('market-supervision', departments.marketSupervisionGetRegistration(creditCode)),
    received('tax', departments.taxGetRdExpenses(creditCode, year)),
    received('statistics', departments.statisticsGetScale(creditCode, year)),
    received('zgc', departments.zgcGetEnterprise(creditCode)),
  ]);
  return { registration, rdExpenses, scale, zgcEnterprise };
}

async function normalReview(c: HighTechCase, options: HighTechOptions): Promise<void> {
  const engine = c.engine;
  const accepted = await acceptance(engine, { agency: LEAD, windowDays: options.acceptanceWindowDays, receivedAt: c.filedAt });
  if (!accepted.accepted) {
    c.end('refused', 'refused');
    engine.note({ actor: LEAD, role: 'system', agency: LEAD, action: 'refused', reason: accepted.reason });
    return;
  }

  // Art. 42: the decision limit runs from acceptance (from receipt, when deemed).
  const caseClock = startClock(
    { id: 'case', label: '审批办理时限', limitDays: options.decisionLimitDays, statutoryDays: options.decisionStatutoryDays, warnDaysBefore: options.warnDaysBefore },
    accepted.acceptedAt,
  );
  engine.state.caseClock = caseClock;
  engine.clockChanged();
  const caseWatcher = watchClock(engine, caseClock, (colour) => {
    if (colour === 'red') engine.state.caseEscalated = true;
    announceColour(engine, { label: caseClock.label }, colour, readClock(caseClock, engine.calendar, new Date()).dueOn);
  });

  try {
    c.phase = 'formal-review';
    const review = openStep(engine, {
      name: '形式审查',
      kind: 'review',
      agency: LEAD,
      allowed: ['approve', 'reject', 'return'],
      limitDays: options.formalReviewDays,
      warnDaysBefore: Math.min(options.warnDaysBefore, options.formalReviewDays - 1),
      onOverdue: 'escalate',
    });
    for (;;) {
      const decision = await awaitStep(engine, review, { onOverdue: 'escalate' });
      if (decision.decision === 'return') {
        await correctionRound(engine, review, decision.correctionItems ?? []);
        reopenStep(engine, review, { restartClock: false });
        continue;
      }
      if (decision.decision === 'reject') {
        engine.issueDocument('decision-notice', '不予认定决定书', { step: review.name, reason: decision.reason, by: decision.by.name });
        c.end('rejected', 'rejected');
        return;
      }
      c.end('formal-review-approved');
      return;
    }
  } finally {
    stopClock(caseClock, new Date());
    engine.clockChanged();
    await caseWatcher;
  }
}
