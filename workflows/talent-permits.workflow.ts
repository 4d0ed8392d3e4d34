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
import type { Artefact, CaseSnapshot } from '../libs/domain/case-record';
import { DepartmentCode, PermitRecord, departmentName } from '../libs/domain/departments';
import { TALENT_PERMITS_CONTRACT, DEFAULT_TALENT_OPTIONS, TalentBranch, TalentInput, TalentOptions, TalentState, TalentStatus, talentStateQuery } from '../libs/processes/talent-permits/talent-permits.contract';
import { departments } from './department-activities';
import { answerCorrection, claimStep, decideStep, releaseStep, validateReleaseStep, endExclusion, extendClock, ProcessCase, reassignStep, runCase, sharedData, startExclusion, urgeStep, validateAnswerCorrection, validateClaimStep, validateDecideStep, validateEndExclusion, validateExtendClock, validateReassignStep, validateStartExclusion, validateUrgeStep, validateWithdraw, withdraw } from './engine';
import { awaitStep, openStep, parallelReview, reviewStep } from './steps';

const LEAD: DepartmentCode = 'talent-bureau';
const PERMIT_TITLES: Record<PermitRecord['kind'], string> = { 'work-permit': '外国人来华工作许可', 'residence-permit': '外国人居留许可', 'work-residence-permit': '北京市工作居住证' };

/** The case as plain JSON: what the state query returns and the read model mirrors. */
class TalentCase extends ProcessCase<TalentStatus> {
  readonly state: Omit<TalentState, 'status' | 'engine'>;
  readonly options: TalentOptions;

  constructor(caseId: string, input: TalentInput) {
    super(caseId, input.application.employerCreditCode, input.calendar, 'pre-review', '不予许可决定书');
    this.options = { ...DEFAULT_TALENT_OPTIONS, ...input.options };
    this.state = { caseId, application: input.application, branches: [] };
  }

  get application() {
    return this.state.application;
  }

  view(): TalentState {
    return { ...this.state, status: this.status, engine: this.engine.state };
  }

  snapshot(): Omit<CaseSnapshot, 'version'> {
    const { application, employer, permits, branches } = this.state;
    // The talent's name is personal data: the title names the employer and the position.
    const title = `${application.employerName} · ${application.talent.position}`;
    return this.snapshotOf({ process: 'talent-permits', title, application: { ...application }, assessment: { employer, permits, branches } });
  }

  /**
   * A permit in the public register. Its holder there is the employer it binds the talent to, not
   * the talent: permit numbers can be enumerated, and a name — even masked — beside an employer
   * and dates would list a firm's foreign staff. A verifier holding the permit learns that the
   * number is genuine, still valid, and for employment at that enterprise.
   */
  publishPermit(permit: PermitRecord, issuer: DepartmentCode): void {
    const { employerName, employerCreditCode } = this.application;
    const artefact: Artefact = {
      kind: 'permit',
      number: permit.number,
      title: PERMIT_TITLES[permit.kind],
      issuer,
      holder: { name: employerName, creditCode: employerCreditCode },
      issuedOn: permit.validFrom,
      validFrom: permit.validFrom,
      validUntil: permit.validUntil,
      status: 'valid',
      details: { permit: permit.kind },
    };
    this.engine.publish(artefact);
  }
}

/**
 * 两证联办 (京科发〔2023〕11号 item 8).
 *
 * The hiring enterprise files once, with one set of materials. 市人才局 pre-reviews (is the
 * talent within the supported categories, is the employer eligible); then 市人社局 reviews the
 * work permit while 市公安局出入境 pre-checks the residence permit, at the same time, and any
 * correction either needs is asked of the applicant once. The residence permit is issued
 * straight after the work permit, and the applicant gets one result with both. 工作居住证 and
 * 人才公租房, if requested, run beside the permits as steps of their own and never hold them up.
 */
export async function talentPermits(input: TalentInput): Promise<TalentState> {
  const c = new TalentCase(workflowInfo().workflowId, input);
  const { engine, application, options } = c;

  setHandler(talentStateQuery, () => c.view());
  setHandler(calendarYearLoadedSignal, (notice) => engine.clocks.loadYear(notice));
  // What agencies, the applicant and supervisors may do on this case.
  setHandler(claimStepUpdate, (i) => claimStep(engine, i), { validator: (i) => validateClaimStep(engine, i) });
  setHandler(decideStepUpdate, (i) => decideStep(engine, i), { validator: (i) => validateDecideStep(engine, i) });
  setHandler(releaseStepUpdate, (i) => releaseStep(engine, i), { validator: (i) => validateReleaseStep(engine, i) });
  setHandler(answerCorrectionUpdate, (i) => answerCorrection(engine, i), { validator: (i) => validateAnswerCorrection(engine, i) });
  setHandler(withdrawUpdate, (i) => withdraw(engine, i), { validator: (i) => validateWithdraw(engine, i) });
  setHandler(urgeStepUpdate, (i) => urgeStep(engine, i), { validator: (i) => validateUrgeStep(engine, i) });
  setHandler(reassignStepUpdate, (i) => reassignStep(engine, i), { validator: (i) => validateReassignStep(engine, i, TALENT_PERMITS_CONTRACT) });
  setHandler(extendClockUpdate, (i) => extendClock(engine, i), { validator: (i) => validateExtendClock(engine, i) });
  setHandler(startExclusionUpdate, (i) => startExclusion(engine, i), { validator: (i) => validateStartExclusion(engine, i) });
  setHandler(endExclusionUpdate, (i) => endExclusion(engine, i), { validator: (i) => validateEndExclusion(engine, i) });

  const filing = { process: '外籍人才工作许可和居留许可两证联办', filedBy: input.filedBy, detail: { category: application.talent.category } };
  await runCase(c, filing, async () => {
    const registration = departments.marketSupervisionGetRegistration(application.employerCreditCode);
    c.state.employer = await sharedData(engine, 'market-supervision', '用人单位登记信息', registration, options.departmentIncidentSeconds * 1000);

    const pre = await reviewStep(engine, { name: '人才资格预审（市人才局）', agency: LEAD, days: options.preReviewDays, warnDaysBefore: options.warnDaysBefore });
    if (pre.outcome !== 'approved') return c.reject(pre.step.name, pre.decision?.reason ?? '', pre.decision?.by.name ?? '');

    c.phase = 'permit-review';
    const branches = startBranches(c);
    await permits(c);
    await branches;
    c.end('completed', 'permits-issued');
  });
  return c.view();
}

async function permits(c: TalentCase): Promise<void> {
  const { engine, options, application } = c;
  const review = await parallelReview(
    engine,
    [
      { name: '来华工作许可审查（市人社局）', agency: 'hr-social-security', days: options.workPermitDays },
      { name: '居留许可预审（市公安局）', agency: 'public-security', days: options.residenceCheckDays },
    ],
    options.warnDaysBefore,
  );
  if (review.outcome === 'rejected') {
    const { step, decision } = review.rejectedBy!;
    return c.reject(step.name, decision.reason ?? '', decision.by.name);
  }

  const talent = application.talent;
  const validFrom = beijingDate(new Date());
  const byYears = lastDayOfYears(validFrom, options.permitYears);
  // A permit never outlives the passport it is tied to.
  const validUntil = byYears < talent.passportExpiry ? byYears : talent.passportExpiry;
  const request = {
    caseId: c.caseId,
    holderName: talent.name,
    passportNumber: talent.passportNumber,
    nationality: talent.nationality,
    employerCreditCode: application.employerCreditCode,
    position: talent.position,
    validFrom,
    validUntil,
  };
  const workPermit = await departments.hrSocialSecurityIssueWorkPermit(request);
  c.publishPermit(workPermit, 'hr-social-security');
  engine.timeline.department('hr-social-security', 'work-permit-issued', { detail: { number: workPermit.number, validUntil } });
  const { position: _position, ...person } = request;
  const residencePermit = await departments.publicSecurityIssueResidencePermit({ ...person, workPermitNumber: workPermit.number });
  c.publishPermit(residencePermit, 'public-security');
  engine.timeline.department('public-security', 'residence-permit-issued', { detail: { number: residencePermit.number, validUntil } });
  c.state.permits = { workPermit, residencePermit };
  engine.issueDocument('decision-notice', '外籍人才工作许可和居留许可办理结果（两证联办）', {
    workPermit: { number: workPermit.number, validFrom: workPermit.validFrom, validUntil: workPermit.validUntil, issuer: departmentName('hr-social-security') },
    residencePermit: { number: residencePermit.number, validFrom: residencePermit.validFrom, validUntil: residencePermit.validUntil, issuer: departmentName('public-security') },
  });
  c.decided('permits-issued', 'permits-issued');
}

/** The optional branches, each a step for its department, running beside the permits. */
function startBranches(c: TalentCase): Promise<unknown> {
  const { requests } = c.application;
  const runs: Array<Promise<void>> = [];
  if (requests.workResidencePermit) runs.push(branch(c, 'work-residence-permit', '北京市工作居住证（市人才局）', 'talent-bureau'));
  if (requests.talentHousing) runs.push(branch(c, 'talent-housing', '人才公租房（市住建委）', 'housing'));
  return Promise.all(runs);
}

async function branch(c: TalentCase, kind: TalentBranch['kind'], name: string, agency: DepartmentCode): Promise<void> {
  const { engine, options, application } = c;
  const entry: TalentBranch = { kind, name, status: 'open' };
  c.state.branches.push(entry);
  const step = openStep(engine, { name, kind: 'review', agency, allowed: ['approve', 'reject'], limitDays: options.branchDays, warnDaysBefore: options.warnDaysBefore, onOverdue: 'escalate' });
  entry.stepId = step.id;
  // A case refused its permits has no use for the branches: they close with it.
  const decision = await awaitStep(engine, step, { onOverdue: 'escalate' }, () => c.phase === 'rejected');
  if (!decision) {
    entry.status = 'cancelled';
    return;
  }
  // The department's decision (decideStep) is on the timeline; the branch takes its outcome.
  if (decision.decision === 'reject') {
    entry.status = 'refused';
    entry.result = { reason: decision.reason };
    return;
  }
  const talent = application.talent;
  const validFrom = beijingDate(new Date());
  if (kind === 'work-residence-permit') {
    const permit = await departments.talentBureauIssueWorkResidencePermit({
      caseId: c.caseId,
      holderName: talent.name,
      passportNumber: talent.passportNumber,
      employerCreditCode: application.employerCreditCode,
      validFrom,
      validUntil: lastDayOfYears(validFrom, options.permitYears),
    });
    entry.result = { ...permit };
    c.publishPermit(permit, 'talent-bureau');
  } else {
    entry.result = await departments.housingAllocateTalentRental({ caseId: c.caseId, holderName: talent.name, employerCreditCode: application.employerCreditCode, project: decision.reason?.trim() || '人才公租房项目' });
  }
  entry.status = 'granted';
  engine.timeline.department(agency, 'branch-granted', { detail: { branch: kind } });
}
