import { ApplicationFailure, log, setHandler, workflowInfo } from '@temporalio/workflow';
import { beijingDate, lastDayOfYears } from '../libs/domain/calendar-date';
import { FailureType } from '../libs/domain/case-engine.contract';
import type { CaseSnapshot, CertificateSnapshot } from '../libs/domain/case-record';
import { DepartmentCode, departmentName } from '../libs/domain/departments';
import { SharedFacts, assessFastPath, rdYearOf } from '../libs/domain/high-tech-eligibility';
import {
  DEFAULT_HIGH_TECH_OPTIONS,
  HighTechInput,
  HighTechOptions,
  HighTechState,
  HighTechStatus,
  Objection,
  ObjectionInput,
  highTechStateQuery,
  lodgeObjectionUpdate,
} from '../libs/processes/high-tech/high-tech.contract';
import { endOfBeijingDay, pauseClock, readClock, resumeClock, startClock, stopClock } from '../libs/domain/sla-clock';
import { acceptance } from './acceptance';
import { CaseEngine, CaseWithdrawn } from './case-engine';
import { ProcessCase } from './process-case';
import { watchClock } from './clock-watch';
import { departments } from './department-activities';
import { expertPanel } from './expert-panel';
import { announceColour, awaitStep, openStep } from './human-step';
import { reviewStep } from './review-step';

/** 市科委、中关村管委会 leads; 市财政局 and 北京市税务局 review jointly; the district lists. */
const LEAD: DepartmentCode = 'zgc';
const JOINT_REVIEWERS: DepartmentCode[] = ['finance', 'tax'];
const BASIS = '《高新技术企业认定管理办法》（国科发火〔2016〕32号）；京政办发〔2022〕19号';

/** The case as plain JSON: what the state query returns and the read model mirrors. */
class HighTechCase extends ProcessCase<HighTechStatus> {
  readonly state: Omit<HighTechState, 'status'>;
  readonly objections: Objection[] = [];
  noticeOpen = false;

  constructor(
    caseId: string,
    input: HighTechInput,
    readonly options: HighTechOptions,
  ) {
    super('verifying', '不予认定决定书');
    this.state = { caseId, application: input.application };
  }

  get application() {
    return this.state.application;
  }

  get enterpriseName(): string {
    return this.application.enterpriseName ?? this.state.shared?.registration?.name ?? this.application.creditCode;
  }

  view(): HighTechState {
    return { ...this.state, status: this.status, engine: this.engine.state, objections: this.objections };
  }

  snapshot(): Omit<CaseSnapshot, 'version'> {
    const { caseId, application, shared, assessment, certificate } = this.state;
    const clock = this.engine.state.caseClock;
    return {
      id: caseId,
      process: 'high-tech',
      status: this.status,
      applicantId: application.creditCode,
      title: this.enterpriseName,
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
      certificate,
    };
  }

}

/**
 * 高新技术企业认定 (京政办发〔2022〕19号 items 1, 3, 4, 17).
 *
 * 报备即批准 (item 3): what 市场监管局, 税务局, 统计局 and the 中关村 enterprise database already
 * hold is fetched in parallel rather than asked of the applicant (item 4), compared with the
 * declaration, and an enterprise meeting every criterion is certified on filing; a share of those
 * is drawn for a spot check after the fact (item 17). Off the fast path: acceptance, formal
 * review, expert review, joint review by 市财政局 and 税务局, public notice, certification. On
 * certification the tax bureau and the district are told (item 1).
 */
export async function highTechCertification(input: HighTechInput): Promise<HighTechState> {
  const options: HighTechOptions = { ...DEFAULT_HIGH_TECH_OPTIONS, ...input.options };
  const { application } = input;
  const c = new HighTechCase(workflowInfo().workflowId, input, options);
  c.engine = new CaseEngine(c.state.caseId, application.creditCode, () => c.snapshot(), input.calendar);
  const engine = c.engine;
  setHandler(highTechStateQuery, () => c.view());
  registerObjections(c);
  engine.projecting = input.readModelWrites !== false;
  const projector = engine.runProjector();

  engine.note({
    actor: input.filedBy?.userId ?? application.creditCode,
    role: 'applicant',
    action: 'filed',
    detail: { process: '高新技术企业认定（报备即批准）', applicant: application.creditCode, name: input.filedBy?.name },
  });

  try {
    const asOf = beijingDate(new Date());
    const shared = await fetchSharedData(engine, application.creditCode, rdYearOf(application, asOf), options.departmentIncidentSeconds * 1000);
    const assessment = assessFastPath(application, shared, asOf);
    c.state.shared = shared;
    c.state.assessment = assessment;
    if (assessment.eligible) {
      engine.note({ actor: LEAD, role: 'system', agency: LEAD, action: 'approved-on-filing', reason: '符合报备即批准条件，报备即批准' });
      await certify(c, 'approved-on-filing');
      await spotCheck(c);
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
      await normalReview(c);
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
async function fetchSharedData(engine: CaseEngine, creditCode: string, year: number, incidentAfterMs: number): Promise<SharedFacts> {
  const received = <T>(department: DepartmentCode, what: string, answer: Promise<T>): Promise<T> =>
    engine.watched(department, what, answer, incidentAfterMs).then((record) => {
      engine.note({
        actor: department,
        role: 'system',
        agency: department,
        action: 'shared-data-received',
        detail: { department: departmentName(department), what, found: Array.isArray(record) ? record.length > 0 : record !== null },
      });
      return record;
    });
  const [registration, rdExpenses, scale, zgcEnterprise, creditMarks] = await Promise.all([
    received('market-supervision', '企业登记信息', departments.marketSupervisionGetRegistration(creditCode)),
    received('tax', '研发费用申报', departments.taxGetRdExpenses(creditCode, year)),
    received('statistics', '规模以上企业', departments.statisticsGetScale(creditCode, year)),
    received('zgc', '中关村高新技术企业库', departments.zgcGetEnterprise(creditCode)),
    received('zgc', '失信记录', departments.zgcGetCreditMarks(creditCode)),
  ]);
  return { registration, rdExpenses, scale, zgcEnterprise, creditMarks };
}

async function normalReview(c: HighTechCase): Promise<void> {
  const { engine, options } = c;
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
    if ((await review(c, '形式审查', LEAD, options.formalReviewDays)) !== 'approved') return;

    // Art. 45: expert review does not count against the limit.
    c.phase = 'expert-review';
    pauseClock(caseClock, 'expert-review', new Date(), '专家评审');
    engine.clockChanged();
    const panel = await expertPanel(engine, {
      agency: LEAD,
      members: drawPanel(options),
      passScore: options.expertPassScore,
      limitDays: options.expertReviewDays,
      warnDaysBefore: Math.min(options.warnDaysBefore, options.expertReviewDays - 1),
    });
    resumeClock(caseClock, new Date());
    engine.clockChanged();
    if (!panel.passed) return c.reject(panel.step.name, panel.step.decision!.reason!, '专家组');

    c.phase = 'joint-review';
    if (!(await jointReview(c))) return;

    c.phase = 'public-notice';
    const objection = await publicNotice(c);
    if (objection) {
      // The objection sends the case back to 市科委, which checks it before anything is issued.
      c.phase = 'objection-review';
      if ((await review(c, '异议核查', LEAD, options.formalReviewDays)) !== 'approved') return;
    }
    await certify(c, 'certified-after-review');
  } finally {
    stopClock(caseClock, new Date());
    engine.clockChanged();
    await caseWatcher;
  }
}

/** A review step on this case; a rejection ends the case with its reason. */
async function review(c: HighTechCase, name: string, agency: DepartmentCode, days: number, abortWhen?: () => boolean): Promise<'approved' | 'rejected' | 'aborted'> {
  const { outcome, step, decision } = await reviewStep(c.engine, { name, agency, days, warnDaysBefore: c.options.warnDaysBefore }, abortWhen);
  if (outcome === 'rejected') c.reject(step.name, decision?.reason ?? '', decision?.by.name ?? '');
  return outcome;
}

/** 市财政局 and 北京市税务局 review at the same time; both must approve, and one rejection ends both. */
async function jointReview(c: HighTechCase): Promise<boolean> {
  let rejected = false;
  const results = await Promise.all(
    JOINT_REVIEWERS.map((agency) =>
      review(c, `联合审查（${departmentName(agency)}）`, agency, c.options.jointReviewDays, () => rejected).then((result) => {
        if (result === 'rejected') rejected = true;
        return result;
      }),
    ),
  );
  return results.every((r) => r === 'approved');
}

/** The panel, drawn from the pool with the workflow's deterministic random, so replays draw the same. */
function drawPanel(options: HighTechOptions): Array<{ userId: string; name: string }> {
  const pool = [...options.expertPool];
  for (let i = pool.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, Math.min(options.expertPanelSize, pool.length));
}

function registerObjections(c: HighTechCase): void {
  setHandler(
    lodgeObjectionUpdate,
    ({ name, contact, reason }: ObjectionInput) => {
      const objection: Objection = { id: `${c.state.caseId}.o${c.objections.length + 1}`, name, contact, reason, at: new Date().toISOString() };
      c.objections.push(objection);
      // The objector's name and contact stay in the case file, not on the applicant's timeline.
      c.engine.note({ actor: 'public', role: 'public', agency: LEAD, action: 'objection-lodged', reason, detail: { objectionId: objection.id } });
      return { id: objection.id };
    },
    {
      validator: ({ name, contact, reason }: ObjectionInput) => {
        if (!c.noticeOpen) throw ApplicationFailure.create({ type: FailureType.InvalidState, message: 'this case is not under public notice (公示)', nonRetryable: true });
        if (![name, contact, reason].every((v) => typeof v === 'string' && v.trim())) {
          throw ApplicationFailure.create({ type: FailureType.InvalidInput, message: 'name, contact and reason are required', nonRetryable: true });
        }
      },
    },
  );
}

/**
 * 公示: the certification is published for the configured working days (seconds, in demos);
 * the period is excluded from the decision limit. Returns the objection that interrupted it, if any.
 */
async function publicNotice(c: HighTechCase): Promise<Objection | undefined> {
  const { engine, options } = c;
  const start = new Date();
  const lastDay = engine.calendar.addWorkingDays(beijingDate(start), options.publicNoticeDays);
  const endsAt = options.publicNoticeSeconds ? new Date(start.getTime() + options.publicNoticeSeconds * 1000) : endOfBeijingDay(lastDay);
  // The period is announced once and runs as announced; if it counts days without a notice, the announcement says so.
  const provisional = !options.publicNoticeSeconds && engine.calendar.countsProvisionalDays(beijingDate(start), lastDay);
  const caseClock = engine.state.caseClock!;
  pauseClock(caseClock, 'public-notice', start, '公示');
  engine.issueDocument('public-notice', '高新技术企业认定公示', {
    enterpriseName: c.enterpriseName,
    creditCode: c.application.creditCode,
    techField: c.application.techField,
    from: start.toISOString(),
    endsAt: endsAt.toISOString(),
    ...(provisional
      ? { provisional: true, calendarNote: '公示期涉及国务院办公厅尚未公布节假日安排的年份，按《全国年节及纪念日放假办法》规定的法定节假日计算；公示期以本公告所载截止时间为准。' }
      : {}),
  });
  engine.note({ actor: LEAD, role: 'system', agency: LEAD, action: 'public-notice-started', detail: { endsAt: endsAt.toISOString() } });
  const before = c.objections.length;
  c.noticeOpen = true;
  engine.clockChanged();
  try {
    const objected = await engine.waitFor(() => c.objections.length > before, Math.max(endsAt.getTime() - start.getTime(), 1));
    engine.note({ actor: LEAD, role: 'system', agency: LEAD, action: objected ? 'public-notice-interrupted' : 'public-notice-ended' });
    return objected ? c.objections[before] : undefined;
  } finally {
    c.noticeOpen = false;
    resumeClock(caseClock, new Date());
    engine.clockChanged();
  }
}

/** Issues the certificate through 市科委's service, then tells the tax bureau and the district. */
async function certify(c: HighTechCase, decision: string): Promise<void> {
  const { engine, options, application } = c;
  const issuedOn = beijingDate(new Date());
  const fastPath = decision === 'approved-on-filing';
  const issued = await departments.zgcIssueCertificate({
    caseId: c.state.caseId,
    creditCode: application.creditCode,
    enterpriseName: c.enterpriseName,
    techField: application.techField,
    issuedOn,
    validUntil: lastDayOfYears(issuedOn, options.certificateValidityYears),
    basis: fastPath ? `${BASIS}第3条（报备即批准）` : BASIS,
  });
  const certificate: CertificateSnapshot = {
    number: issued.number,
    creditCode: issued.creditCode,
    enterpriseName: issued.enterpriseName,
    techField: issued.techField,
    issuedOn: issued.issuedOn,
    validUntil: issued.validUntil,
    basis: issued.basis,
    status: 'valid',
  };
  c.state.certificate = certificate;
  engine.issueDocument('certificate', '高新技术企业证书', { ...certificate });
  engine.note({ actor: LEAD, role: 'system', agency: LEAD, action: 'certificate-issued', detail: { number: certificate.number, validUntil: certificate.validUntil } });
  c.end('certified', decision);

  const district = c.state.shared?.registration?.district ?? '';
  await Promise.all([
    departments.taxRegisterPreferentialStatus(application.creditCode, certificate.number, certificate.issuedOn, certificate.validUntil).then(() =>
      engine.note({ actor: 'tax', role: 'system', agency: 'tax', action: 'notified', reason: '高新技术企业税收优惠资格备案', detail: { number: certificate.number } }),
    ),
    departments.districtAddToCultivationList(application.creditCode, certificate.number, district).then(() =>
      engine.note({ actor: 'district', role: 'system', agency: 'district', action: 'notified', reason: `纳入${district}培育清单`, detail: { number: certificate.number } }),
    ),
  ]);
}

/**
 * Item 17 (事中事后监管): a share of fast-path approvals is drawn — with the workflow's
 * deterministic random — for a spot check by 市科委. A false declaration revokes the
 * certificate and records a 失信 mark, which keeps the enterprise off the fast path next time.
 */
async function spotCheck(c: HighTechCase): Promise<void> {
  const { engine, options, application } = c;
  if (Math.random() * 100 >= options.spotCheckPercent) return;
  engine.note({ actor: LEAD, role: 'system', agency: LEAD, action: 'spot-check-drawn', detail: { percent: options.spotCheckPercent } });
  const step = openStep(engine, {
    name: '事后抽查',
    kind: 'spot-check',
    agency: LEAD,
    allowed: ['approve', 'reject'],
    limitDays: options.spotCheckDays,
    warnDaysBefore: Math.min(options.warnDaysBefore, options.spotCheckDays - 1),
    onOverdue: 'escalate',
  });
  const decision = await awaitStep(engine, step, { onOverdue: 'escalate' });
  if (decision.decision === 'approve') {
    engine.note({ actor: LEAD, role: 'system', agency: LEAD, action: 'spot-check-passed', reason: decision.reason });
    return;
  }
  const reason = decision.reason ?? '';
  const certificate = c.state.certificate!;
  const revoked = await departments.zgcRevokeCertificate(certificate.number, c.state.caseId, reason);
  await departments.zgcRecordCreditMark(application.creditCode, c.state.caseId, reason);
  c.state.certificate = { ...certificate, status: 'revoked', revokedOn: revoked.revokedOn ?? beijingDate(new Date()), revokedReason: reason };
  engine.issueDocument('revocation-notice', '撤销高新技术企业资格决定书', { number: certificate.number, reason, basis: '京政办发〔2022〕19号第17条' });
  engine.note({ actor: LEAD, role: 'system', agency: LEAD, action: 'certificate-revoked', reason, detail: { number: certificate.number } });
  engine.note({ actor: LEAD, role: 'system', agency: LEAD, action: 'dishonesty-recorded', reason });
  c.phase = 'revoked';
  c.decision = 'revoked-after-spot-check';
}
