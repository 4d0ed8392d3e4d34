import { log, setHandler, workflowInfo } from '@temporalio/workflow';
import { beijingDate, lastDayOfYears } from '../libs/domain/calendar-date';
import type { CaseSnapshot } from '../libs/domain/case-record';
import { DepartmentCode, departmentName } from '../libs/domain/departments';
import {
  DEFAULT_TALENT_OPTIONS,
  TalentBranch,
  TalentInput,
  TalentOptions,
  TalentState,
  TalentStatus,
  talentStateQuery,
} from '../libs/processes/talent-permits/talent-permits.contract';
import { CaseEngine, CaseWithdrawn } from './case-engine';
import { ProcessCase } from './process-case';
import { departments } from './department-activities';
import { awaitStep, openStep } from './human-step';
import { parallelReview } from './parallel-review';
import { reviewStep } from './review-step';

const LEAD: DepartmentCode = 'talent-bureau';

/** The case as plain JSON: what the state query returns and the read model mirrors. */
class TalentCase extends ProcessCase<TalentStatus> {
  readonly state: Omit<TalentState, 'status' | 'engine'>;

  constructor(
    caseId: string,
    input: TalentInput,
    readonly options: TalentOptions,
  ) {
    super('pre-review', '不予许可决定书');
    this.state = { caseId, application: input.application, branches: [] };
  }

  get application() {
    return this.state.application;
  }

  view(): TalentState {
    return { ...this.state, status: this.status, engine: this.engine.state };
  }

  snapshot(): Omit<CaseSnapshot, 'version'> {
    const { caseId, application, employer, permits, branches } = this.state;
    return {
      id: caseId,
      process: 'talent-permits',
      status: this.status,
      applicantId: application.employerCreditCode,
      // The talent's name is personal data: the title names the employer and the position.
      title: `${application.employerName} · ${application.talent.position}`,
      filedAt: this.filedAt.toISOString(),
      decidedAt: this.decidedAt,
      decision: this.decision,
      application: { ...application },
      assessment: { employer, permits, branches },
      escalated: this.engine.state.caseEscalated,
    };
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
  const options: TalentOptions = { ...DEFAULT_TALENT_OPTIONS, ...input.options };
  const { application } = input;
  const c = new TalentCase(workflowInfo().workflowId, input, options);
  c.engine = new CaseEngine(c.state.caseId, application.employerCreditCode, () => c.snapshot(), input.calendar);
  const engine = c.engine;
  setHandler(talentStateQuery, () => c.view());
  const projector = engine.runProjector();
  engine.note({
    actor: input.filedBy?.userId ?? application.employerCreditCode,
    role: 'applicant',
    action: 'filed',
    detail: { process: '外籍人才工作许可和居留许可两证联办', applicant: application.employerCreditCode, category: application.talent.category },
  });

  try {
    c.state.employer = await engine.watched(
      'market-supervision',
      '用人单位登记信息',
      departments.marketSupervisionGetRegistration(application.employerCreditCode),
      options.departmentIncidentSeconds * 1000,
    );
    engine.note({ actor: 'market-supervision', role: 'system', agency: 'market-supervision', action: 'shared-data-received', detail: { department: departmentName('market-supervision'), what: '用人单位登记信息', found: c.state.employer !== null } });

    const pre = await reviewStep(engine, { name: '人才资格预审（市人才局）', agency: LEAD, days: options.preReviewDays, warnDaysBefore: options.warnDaysBefore });
    if (pre.outcome !== 'approved') {
      c.reject(pre.step.name, pre.decision?.reason ?? '', pre.decision?.by.name ?? '');
    } else {
      c.phase = 'permit-review';
      const branches = startBranches(c);
      await permits(c);
      await branches;
      if (!engine.closed) c.end('completed', 'permits-issued');
    }
  } catch (error) {
    if (!(error instanceof CaseWithdrawn)) throw error;
    c.end('withdrawn');
  }
  engine.clockChanged();
  log.info('talent-permits case ended', { caseId: c.state.caseId, status: c.status });
  await engine.finish(projector);
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
    caseId: c.state.caseId,
    holderName: talent.name,
    passportNumber: talent.passportNumber,
    nationality: talent.nationality,
    employerCreditCode: application.employerCreditCode,
    position: talent.position,
    validFrom,
    validUntil,
  };
  const workPermit = await departments.hrSocialSecurityIssueWorkPermit(request);
  engine.note({ actor: 'hr-social-security', role: 'system', agency: 'hr-social-security', action: 'work-permit-issued', detail: { number: workPermit.number, validUntil } });
  const { position: _position, ...person } = request;
  const residencePermit = await departments.publicSecurityIssueResidencePermit({ ...person, workPermitNumber: workPermit.number });
  engine.note({ actor: 'public-security', role: 'system', agency: 'public-security', action: 'residence-permit-issued', detail: { number: residencePermit.number, validUntil } });
  c.state.permits = { workPermit, residencePermit };
  engine.issueDocument('decision-notice', '外籍人才工作许可和居留许可办理结果（两证联办）', {
    workPermit: { number: workPermit.number, validFrom: workPermit.validFrom, validUntil: workPermit.validUntil, issuer: departmentName('hr-social-security') },
    residencePermit: { number: residencePermit.number, validFrom: residencePermit.validFrom, validUntil: residencePermit.validUntil, issuer: departmentName('public-security') },
  });
  c.phase = 'permits-issued';
  c.decision = 'permits-issued';
  c.decidedAt = new Date().toISOString();
  engine.touch();
}

/** The optional branches, each a step for its department, running beside the permits. */
function startBranches(c: TalentCase): Promise<unknown> {
  const { requests } = c.state.application;
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
  if (decision.decision === 'reject') {
    entry.status = 'refused';
    entry.result = { reason: decision.reason };
    engine.touch();
    return;
  }
  const talent = application.talent;
  const validFrom = beijingDate(new Date());
  entry.result =
    kind === 'work-residence-permit'
      ? {
          ...(await departments.talentBureauIssueWorkResidencePermit({
            caseId: c.state.caseId,
            holderName: talent.name,
            passportNumber: talent.passportNumber,
            employerCreditCode: application.employerCreditCode,
            validFrom,
            validUntil: lastDayOfYears(validFrom, c.options.permitYears),
          })),
        }
      : await departments.housingAllocateTalentRental({
          caseId: c.state.caseId,
          holderName: talent.name,
          employerCreditCode: application.employerCreditCode,
          project: decision.reason?.trim() || '人才公租房项目',
        });
  entry.status = 'granted';
  engine.note({ actor: agency, role: 'system', agency, action: 'branch-granted', detail: { branch: kind } });
}
