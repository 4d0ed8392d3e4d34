import { setHandler, workflowInfo } from '@temporalio/workflow';
import { beijingDate, lastDayOfYears } from '../libs/domain/calendar-date';
import {
  answerCorrectionUpdate,
  calendarYearLoadedSignal,
  claimStepUpdate,
  releaseStepUpdate,
  decideStepUpdate,
  endExclusionUpdate,
  extendClockUpdate,
  reassignStepUpdate,
  startExclusionUpdate,
  urgeStepUpdate,
  withdrawUpdate,
} from '../libs/domain/case-engine.contract';
import type { CaseSnapshot } from '../libs/domain/case-record';
import { DepartmentCode, departmentName } from '../libs/domain/departments';
import { SharedFacts, assessFastPath, rdYearOf } from '../libs/domain/high-tech-eligibility';
import {
  HIGH_TECH_CONTRACT,
  CertificateSnapshot,
  DEFAULT_HIGH_TECH_OPTIONS,
  HighTechInput,
  HighTechOptions,
  HighTechState,
  HighTechStatus,
  highTechStateQuery,
  scoreExpertReviewUpdate,
} from '../libs/processes/high-tech/high-tech.contract';
import { Objection, lodgeObjectionUpdate } from '../libs/processes/public-notice.contract';
import { departments } from './department-activities';
import { answerCorrection, claimStep, decideStep, releaseStep, validateReleaseStep, endExclusion, extendClock, ProcessCase, reassignStep, runCase, sharedData, startExclusion, urgeStep, validateAnswerCorrection, validateClaimStep, validateDecideStep, validateEndExclusion, validateExtendClock, validateReassignStep, validateStartExclusion, validateUrgeStep, validateWithdraw, watchClock, withdraw } from './engine';
import { acceptance, announceColour, awaitStep, expertPanel, openStep, lodgeObjection, publicNotice, reviewStep, scoreExpertReview, validateScoreExpertReview, validateObjection } from './steps';

/** 市科委、中关村管委会 leads; 市财政局 and 北京市税务局 review jointly; the district lists. */
const LEAD: DepartmentCode = 'zgc';
const JOINT_REVIEWERS: DepartmentCode[] = ['finance', 'tax'];
const BASIS = '《高新技术企业认定管理办法》（国科发火〔2016〕32号）；京政办发〔2022〕19号';

/** The case as plain JSON: what the state query returns and the read model mirrors. */
class HighTechCase extends ProcessCase<HighTechStatus> {
  readonly state: Omit<HighTechState, 'status'>;
  readonly objections: Objection[] = [];
  /** Open while 公示 runs: only then may anyone object. */
  readonly notice = { open: false };
  readonly options: HighTechOptions;

  constructor(caseId: string, input: HighTechInput) {
    super(caseId, input.application.creditCode, input.calendar, 'verifying', '不予认定决定书');
    this.options = { ...DEFAULT_HIGH_TECH_OPTIONS, ...input.options };
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

  /** The certificate in the public register: anyone may verify it by its number (GET /verify/certificates/{number}). */
  publishCertificate(certificate: CertificateSnapshot): void {
    const { number, enterpriseName, creditCode, issuedOn, validUntil, basis, techField } = certificate;
    this.engine.publish({ kind: 'certificate', number, title: '高新技术企业证书', issuer: LEAD, holder: { name: enterpriseName, creditCode }, issuedOn, validFrom: issuedOn, validUntil, status: 'valid', basis, details: { techField } });
  }

  snapshot(): Omit<CaseSnapshot, 'version'> {
    const { application, shared, assessment } = this.state;
    return this.snapshotOf({ process: 'high-tech', title: this.enterpriseName, application: { ...application }, assessment: assessment ? { ...assessment, shared } : undefined });
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
  const c = new HighTechCase(workflowInfo().workflowId, input);
  const { engine, application, options } = c;

  setHandler(highTechStateQuery, () => c.view());
  setHandler(calendarYearLoadedSignal, (notice) => engine.clocks.loadYear(notice));
  // What agencies, the applicant, supervisors, experts and the public may do on this case.
  setHandler(claimStepUpdate, (i) => claimStep(engine, i), { validator: (i) => validateClaimStep(engine, i) });
  setHandler(decideStepUpdate, (i) => decideStep(engine, i), { validator: (i) => validateDecideStep(engine, i) });
  setHandler(releaseStepUpdate, (i) => releaseStep(engine, i), { validator: (i) => validateReleaseStep(engine, i) });
  setHandler(scoreExpertReviewUpdate, (i) => scoreExpertReview(engine, i), { validator: (i) => validateScoreExpertReview(engine, i) });
  setHandler(answerCorrectionUpdate, (i) => answerCorrection(engine, i), { validator: (i) => validateAnswerCorrection(engine, i) });
  setHandler(withdrawUpdate, (i) => withdraw(engine, i), { validator: (i) => validateWithdraw(engine, i) });
  setHandler(urgeStepUpdate, (i) => urgeStep(engine, i), { validator: (i) => validateUrgeStep(engine, i) });
  setHandler(reassignStepUpdate, (i) => reassignStep(engine, i), { validator: (i) => validateReassignStep(engine, i, HIGH_TECH_CONTRACT) });
  setHandler(extendClockUpdate, (i) => extendClock(engine, i), { validator: (i) => validateExtendClock(engine, i) });
  setHandler(startExclusionUpdate, (i) => startExclusion(engine, i), { validator: (i) => validateStartExclusion(engine, i) });
  setHandler(endExclusionUpdate, (i) => endExclusion(engine, i), { validator: (i) => validateEndExclusion(engine, i) });
  setHandler(lodgeObjectionUpdate, (i) => lodgeObjection(c, LEAD, i), { validator: (i) => validateObjection(c, i) });

  const filing = { process: '高新技术企业认定（报备即批准）', filedBy: input.filedBy, detail: { name: input.filedBy?.name }, projecting: input.readModelWrites !== false };
  await runCase(c, filing, async () => {
    const asOf = beijingDate(new Date());
    const shared = await fetchSharedData(c, rdYearOf(application, asOf));
    const assessment = assessFastPath(application, shared, asOf);
    c.state.shared = shared;
    c.state.assessment = assessment;
    if (assessment.eligible) {
      engine.timeline.department(LEAD, 'approved-on-filing', { reason: '符合报备即批准条件，报备即批准' });
      await certify(c, 'approved-on-filing');
      await spotCheck(c);
    } else {
      const failed = assessment.criteria.filter((r) => !r.passed);
      c.phase = 'acceptance';
      engine.timeline.department(LEAD, 'referred-to-normal-review', { reason: failed.map((r) => r.reason).join('；'), detail: { failedCriteria: failed.map((r) => r.criterion) } });
      await normalReview(c, options);
    }
  });
  return c.view();
}

/** 数据共享: each answer lands on the timeline as it arrives, so reviewers see who said what, when. */
async function fetchSharedData(c: HighTechCase, year: number): Promise<SharedFacts> {
  const creditCode = c.application.creditCode;
  const received = <T>(department: DepartmentCode, what: string, answer: Promise<T>) => sharedData(c.engine, department, what, answer, c.options.departmentIncidentSeconds * 1000);
  const [registration, rdExpenses, scale, zgcEnterprise, creditMarks] = await Promise.all([
    received('market-supervision', '企业登记信息', departments.marketSupervisionGetRegistration(creditCode)),
    received('tax', '研发费用申报', departments.taxGetRdExpenses(creditCode, year)),
    received('statistics', '规模以上企业', departments.statisticsGetScale(creditCode, year)),
    received('zgc', '中关村高新技术企业库', departments.zgcGetEnterprise(creditCode)),
    received('zgc', '失信记录', departments.zgcGetCreditMarks(creditCode)),
  ]);
  return { registration, rdExpenses, scale, zgcEnterprise, creditMarks };
}

/** 受理 → 形式审查 → 专家评审 → 联合审查 → 公示 (→ 异议核查) → 认定, on the decision clock of Art. 42. */
async function normalReview(c: HighTechCase, options: HighTechOptions): Promise<void> {
  const { engine } = c;
  const accepted = await acceptance(engine, { agency: LEAD, windowDays: options.acceptanceWindowDays, receivedAt: c.filedAt });
  if (!accepted.accepted) {
    c.end('refused', 'refused');
    engine.timeline.department(LEAD, 'refused', { reason: accepted.reason });
    return;
  }

  // Art. 42: the decision limit runs from acceptance (from receipt, when deemed).
  const caseClock = engine.clocks.startCaseClock(
    { label: '审批办理时限', limitDays: options.decisionLimitDays, statutoryDays: options.decisionStatutoryDays, warnDaysBefore: options.warnDaysBefore },
    accepted.acceptedAt,
  );
  const caseWatcher = watchClock(engine.clocks, caseClock, (colour) => {
    if (colour === 'red') engine.state.caseEscalated = true;
    announceColour(engine, { label: caseClock.label }, colour, engine.clocks.read(caseClock).dueOn);
  });

  try {
    c.phase = 'formal-review';
    if ((await review(c, '形式审查', LEAD, options.formalReviewDays)) !== 'approved') return;

    // Art. 45: expert review does not count against the limit.
    c.phase = 'expert-review';
    engine.clocks.pause(caseClock, 'expert-review', new Date(), '专家评审');
    const panel = await expertPanel(engine, {
      agency: LEAD,
      members: drawPanel(options),
      passScore: options.expertPassScore,
      limitDays: options.expertReviewDays,
      warnDaysBefore: Math.min(options.warnDaysBefore, options.expertReviewDays - 1),
    });
    engine.clocks.resume(caseClock, new Date());
    if (!panel.passed) return c.reject(panel.step.name, panel.step.decision!.reason!, '专家组');

    c.phase = 'joint-review';
    if (!(await jointReview(c))) return;

    // 公示, also outside the limit (Art. 45). An objection sends the case back to 市科委, which checks it before anything is issued.
    c.phase = 'public-notice';
    const { enterpriseName, application } = c;
    const notice = { agency: LEAD, title: '高新技术企业认定公示', body: { enterpriseName, creditCode: application.creditCode, techField: application.techField }, workingDays: options.publicNoticeDays, seconds: options.publicNoticeSeconds };
    if (await publicNotice(engine, notice, c.notice, c.objections)) {
      c.phase = 'objection-review';
      if ((await review(c, '异议核查', LEAD, options.formalReviewDays)) !== 'approved') return;
    }
    await certify(c, 'certified-after-review');
  } finally {
    engine.clocks.stop(caseClock, new Date());
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

/** Issues the certificate through 市科委's service — on the case and in the public register — then tells the tax bureau and the district. */
async function certify(c: HighTechCase, decision: string): Promise<void> {
  const { engine, options, application } = c;
  const issuedOn = beijingDate(new Date());
  const fastPath = decision === 'approved-on-filing';
  const issued = await departments.zgcIssueCertificate({
    caseId: c.caseId,
    creditCode: application.creditCode,
    enterpriseName: c.enterpriseName,
    techField: application.techField,
    issuedOn,
    validUntil: lastDayOfYears(issuedOn, options.certificateValidityYears),
    basis: fastPath ? `${BASIS}第3条（报备即批准）` : BASIS,
  });
  const { number, creditCode, enterpriseName, techField, validUntil, basis } = issued;
  const certificate: CertificateSnapshot = { number, creditCode, enterpriseName, techField, issuedOn: issued.issuedOn, validUntil, basis, status: 'valid' };
  c.state.certificate = certificate;
  engine.issueDocument('certificate', '高新技术企业证书', { ...certificate });
  c.publishCertificate(certificate);
  engine.timeline.department(LEAD, 'certificate-issued', { detail: { number: certificate.number, validUntil: certificate.validUntil } });
  c.end('certified', decision);

  const district = c.state.shared?.registration?.district ?? '';
  await Promise.all([
    departments.taxRegisterPreferentialStatus(application.creditCode, certificate.number, certificate.issuedOn, certificate.validUntil).then(() =>
      engine.timeline.department('tax', 'notified', { reason: '高新技术企业税收优惠资格备案', detail: { number: certificate.number } }),
    ),
    departments.districtAddToCultivationList(application.creditCode, certificate.number, district).then(() =>
      engine.timeline.department('district', 'notified', { reason: `纳入${district}培育清单`, detail: { number: certificate.number } }),
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
  engine.timeline.department(LEAD, 'spot-check-drawn', { detail: { percent: options.spotCheckPercent } });
  const days = options.spotCheckDays;
  const step = openStep(engine, { name: '事后抽查', kind: 'spot-check', agency: LEAD, allowed: ['approve', 'reject'], limitDays: days, warnDaysBefore: Math.min(options.warnDaysBefore, days - 1), onOverdue: 'escalate' });
  const decision = await awaitStep(engine, step, { onOverdue: 'escalate' });
  if (decision.decision === 'approve') return engine.timeline.department(LEAD, 'spot-check-passed', { reason: decision.reason });

  const reason = decision.reason ?? '';
  const certificate = c.state.certificate!;
  const revoked = await departments.zgcRevokeCertificate(certificate.number, c.caseId, reason);
  await departments.zgcRecordCreditMark(application.creditCode, c.caseId, reason);
  const revokedOn = revoked.revokedOn ?? beijingDate(new Date());
  c.state.certificate = { ...certificate, status: 'revoked', revokedOn, revokedReason: reason };
  engine.revoke('certificate', certificate.number, revokedOn, reason);
  engine.issueDocument('revocation-notice', '撤销高新技术企业资格决定书', { number: certificate.number, reason, basis: '京政办发〔2022〕19号第17条' });
  engine.timeline.department(LEAD, 'certificate-revoked', { reason, detail: { number: certificate.number } });
  engine.timeline.department(LEAD, 'dishonesty-recorded', { reason });
  c.amend('revoked', 'revoked-after-spot-check');
}
