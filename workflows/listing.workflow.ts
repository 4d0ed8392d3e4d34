import { setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { beijingDate } from '../libs/domain/calendar-date';
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
import { COMPLIANCE_DEPARTMENTS, ComplianceDepartment, DepartmentCode, departmentName } from '../libs/domain/departments';
import { yuanText } from '../libs/domain/money';
import {
  LISTING_CONTRACT,
  AssignLiaisonInput,
  ComplianceEntry,
  ComplianceReport,
  DEFAULT_LISTING_OPTIONS,
  GrantSubsidyInput,
  ListingInput,
  ListingOptions,
  ListingState,
  ListingStatus,
  assignLiaisonUpdate,
  grantSubsidyUpdate,
  listingStateQuery,
} from '../libs/processes/listing/listing.contract';
import { departments } from './department-activities';
import { answerCorrection, claimStep, decideStep, releaseStep, validateReleaseStep, endExclusion, extendClock, invalidInput, openStepOfKind, ProcessCase, reassignStep, runCase, sharedData, startExclusion, urgeStep, validateAnswerCorrection, validateClaimStep, validateDecideStep, validateEndExclusion, validateExtendClock, validateReassignStep, validateStartExclusion, validateUrgeStep, validateWithdraw, watched, withdraw } from './engine';
import { awaitStep, openStep, reviewStep } from './steps';

const LEAD: DepartmentCode = 'finance-regulator';
const REPORT_TITLE = '企业上市合规证明（合规一码通）';

/** The case as plain JSON: what the state query returns and the read model mirrors. */
class ListingCase extends ProcessCase<ListingStatus> {
  readonly state: Omit<ListingState, 'status' | 'engine'>;
  /** The least each subsidy step may grant (the district's: the municipal amount). */
  readonly subsidyFloors: Record<string, number> = {};
  readonly options: ListingOptions;

  constructor(caseId: string, input: ListingInput) {
    super(caseId, input.application.creditCode, input.calendar, 'verifying', '审核不予通过决定');
    this.options = { ...DEFAULT_LISTING_OPTIONS, ...input.options };
    this.state = {
      caseId,
      application: input.application,
      compliance: COMPLIANCE_DEPARTMENTS.map((department) => ({ department, departmentName: departmentName(department), status: 'pending', findings: [] })),
      subsidies: [],
    };
  }

  get application() {
    return this.state.application;
  }

  view(): ListingState {
    return { ...this.state, status: this.status, engine: this.engine.state };
  }

  snapshot(): Omit<CaseSnapshot, 'version'> {
    const { application, unicorn, liaison, compliance, report, subsidies } = this.state;
    const assessment = { unicorn, liaison, compliance, report: report && { code: report.code, issuedAt: report.issuedAt, status: report.status }, subsidies };
    return this.snapshotOf({ process: 'listing', title: application.enterpriseName, application: { ...application }, assessment });
  }

  /** 合规一码通 in the public register: anyone verifies it by its code; a newer report for the enterprise supersedes it. */
  publishReport({ code, enterpriseName, creditCode, issuedAt, entries }: ComplianceReport): void {
    const issuedOn = beijingDate(new Date(issuedAt));
    this.engine.publish({ kind: 'compliance-report', number: code, title: REPORT_TITLE, issuer: 'service-center', holder: { name: enterpriseName, creditCode }, issuedOn, issuedAt, status: 'valid', supersedesOlder: true, details: { entries } });
  }

  /** A withdrawn case's 合规一码通 no longer stands. */
  override endWithdrawn(): void {
    const { report } = this.state;
    if (report) {
      report.status = 'revoked';
      this.engine.revoke('compliance-report', report.code);
    }
    super.endWithdrawn();
  }
}

/**
 * 即报即审 listing support for unicorns (京科发〔2023〕11号 item 6).
 *
 * An enterprise in 市科委's 独角兽企业服务库 applies to list on 北交所. 市金融监管局 names a
 * liaison (专人对接); review starts on submission (即报即审): 市政务服务中心 gathers the
 * compliance results of twelve departments in one go while 北京证监局 guides; 北交所 reviews and,
 * once it approves, issuance is recorded at once (审过即发). After listing: the municipal subsidy
 * (up to 3,000,000 yuan) and the district's (not below it); a Zhongguancun enterprise is flagged
 * to 北京市税务局 for the stock-incentive tax deferral.
 */
export async function listingSupport(input: ListingInput): Promise<ListingState> {
  const c = new ListingCase(workflowInfo().workflowId, input);
  const { engine, application, options } = c;

  setHandler(listingStateQuery, () => c.view());
  setHandler(calendarYearLoadedSignal, (notice) => engine.clocks.loadYear(notice));
  // What agencies, the applicant and supervisors may do on this case.
  setHandler(claimStepUpdate, (i) => claimStep(engine, i), { validator: (i) => validateClaimStep(engine, i) });
  setHandler(decideStepUpdate, (i) => decideStep(engine, i), { validator: (i) => validateDecideStep(engine, i) });
  setHandler(releaseStepUpdate, (i) => releaseStep(engine, i), { validator: (i) => validateReleaseStep(engine, i) });
  setHandler(assignLiaisonUpdate, (i) => assignLiaison(c, i), { validator: (i) => validateLiaison(c, i) });
  setHandler(grantSubsidyUpdate, (i) => grantSubsidy(c, i), { validator: (i) => validateSubsidy(c, i) });
  setHandler(answerCorrectionUpdate, (i) => answerCorrection(engine, i), { validator: (i) => validateAnswerCorrection(engine, i) });
  setHandler(withdrawUpdate, (i) => withdraw(engine, i), { validator: (i) => validateWithdraw(engine, i) });
  setHandler(urgeStepUpdate, (i) => urgeStep(engine, i), { validator: (i) => validateUrgeStep(engine, i) });
  setHandler(reassignStepUpdate, (i) => reassignStep(engine, i), { validator: (i) => validateReassignStep(engine, i, LISTING_CONTRACT) });
  setHandler(extendClockUpdate, (i) => extendClock(engine, i), { validator: (i) => validateExtendClock(engine, i) });
  setHandler(startExclusionUpdate, (i) => startExclusion(engine, i), { validator: (i) => validateStartExclusion(engine, i) });
  setHandler(endExclusionUpdate, (i) => endExclusion(engine, i), { validator: (i) => validateEndExclusion(engine, i) });

  await runCase(c, { process: '独角兽企业上市即报即审', filedBy: input.filedBy, detail: { name: input.filedBy?.name } }, async () => {
    c.state.unicorn = await sharedData(engine, 'zgc', '独角兽企业服务库', departments.zgcGetUnicorn(application.creditCode), options.departmentIncidentSeconds * 1000);
    if (!c.state.unicorn) {
      engine.issueDocument('refusal-notice', '不予受理告知书', { reason: '该企业不在市科委独角兽企业服务库中，不适用即报即审', agency: LEAD });
      engine.timeline.department(LEAD, 'refused', { reason: '不在独角兽企业服务库' });
      return c.end('refused', 'refused');
    }
    c.phase = 'in-review';
    await review(c);
  });
  return c.view();
}

async function review(c: ListingCase): Promise<void> {
  const { engine, options } = c;
  const ended = () => engine.closed;

  // 即报即审: the liaison, the compliance report and 证监局's guidance all start on submission.
  const [, , guidance] = await Promise.all([
    liaison(c, ended),
    complianceInOneGo(c, ended),
    reviewStep(engine, { name: '辅导验收（北京证监局）', agency: 'csrc', days: options.csrcGuidanceDays, warnDaysBefore: options.warnDaysBefore }, ended).then((r) => {
      if (r.outcome === 'rejected') c.reject(r.step.name, r.decision?.reason ?? '', r.decision?.by.name ?? '');
      return r;
    }),
  ]);
  if (guidance.outcome !== 'approved') return;

  const bse = await reviewStep(engine, { name: '上市审核（北交所）', agency: 'bse', days: options.bseReviewDays, warnDaysBefore: options.warnDaysBefore });
  if (bse.outcome !== 'approved') return c.reject(bse.step.name, bse.decision?.reason ?? '', bse.decision?.by.name ?? '');

  // 审过即发: issuance is recorded the moment the review passes.
  engine.issueDocument('listing-approval', '北交所上市审核通过及发行注册', {
    enterpriseName: c.state.application.enterpriseName,
    exchange: '北京证券交易所',
    approvedAt: bse.decision!.at,
    complianceCode: c.state.report?.code,
  });
  engine.timeline.department('bse', 'issuance-recorded', { reason: '审过即发' });
  c.decided('listed', 'listed');

  if (c.state.unicorn?.zhongguancun) {
    await departments.taxFlagStockIncentiveDeferral(c.state.application.creditCode, c.caseId);
    engine.timeline.department('tax', 'notified', { reason: '中关村企业股权激励递延纳税' });
  }

  const municipal = await subsidy(c, 'finance', '市级上市补贴');
  await subsidy(c, 'district', `区级上市补贴（${c.state.application.district}）`, municipal);
  c.end('completed', 'listed');
}

/** 专人对接: 市金融监管局 names a liaison within a working day; the applicant sees who. */
async function liaison(c: ListingCase, abortWhen: () => boolean): Promise<void> {
  const step = openStep(c.engine, { name: '专人对接', kind: 'liaison', agency: LEAD, allowed: [], limitDays: c.options.liaisonDays, warnDaysBefore: 0, onOverdue: 'escalate' });
  await awaitStep(c.engine, step, { onOverdue: 'escalate' }, abortWhen);
}

/**
 * 市政务服务中心 queries the twelve departments at once. A clean record returns at once; a
 * record with findings becomes a step for that department to confirm or clear. A department
 * that is down is retried on its own, without holding the others back; until it answers the
 * case shows it as pending. Then one report with one code (合规一码通), in the public register.
 */
async function complianceInOneGo(c: ListingCase, abortWhen: () => boolean): Promise<void> {
  const { engine, options } = c;
  const { creditCode, enterpriseName } = c.state.application;
  engine.timeline.department('service-center', 'compliance-queries-sent', { detail: { departments: COMPLIANCE_DEPARTMENTS.length } });
  await Promise.all(
    c.state.compliance.map(async (entry: ComplianceEntry) => {
      const call = departments.serviceCenterQueryCompliance(entry.department as ComplianceDepartment, creditCode);
      const record = await watched(engine, entry.department, '合规查询', call, options.departmentIncidentSeconds * 1000);
      entry.answeredAt = new Date().toISOString();
      entry.findings = record.findings;
      entry.status = record.findings.length === 0 ? 'clean' : 'under-review';
      engine.timeline.department(entry.department, 'compliance-answered', { detail: { department: entry.departmentName, findings: record.findings.length } });
      if (record.findings.length === 0) return;
      const days = options.findingReviewDays;
      const step = openStep(engine, { name: `合规核查（${entry.departmentName}）`, kind: 'compliance-finding', agency: entry.department, allowed: ['confirm', 'clear'], limitDays: days, warnDaysBefore: Math.min(options.warnDaysBefore, days - 1), onOverdue: 'escalate' });
      entry.stepId = step.id;
      // The department's decision (decideStep) is on the timeline; the entry takes its conclusion.
      const decision = await awaitStep(engine, step, { onOverdue: 'escalate' }, abortWhen);
      if (!decision) return;
      entry.status = decision.decision === 'clear' ? 'cleared' : 'confirmed';
      entry.conclusion = decision.reason;
    }),
  );
  if (abortWhen()) return;
  const issuedAt = new Date().toISOString();
  const report: ComplianceReport = {
    code: `HG${uuid4().replace(/-/g, '').slice(0, 16).toUpperCase()}`,
    creditCode,
    enterpriseName,
    issuedAt,
    entries: c.state.compliance.map((e) => ({ ...e, findings: [...e.findings] })),
    status: 'valid',
  };
  c.state.report = report;
  engine.issueDocument('compliance-report', REPORT_TITLE, { code: report.code, issuedAt, entries: report.entries });
  c.publishReport(report);
  engine.timeline.department('service-center', 'compliance-report-issued', { detail: { code: report.code } });
}

/** A subsidy granted as a step with its amount (grantSubsidy), validated against the limits. */
async function subsidy(c: ListingCase, agency: 'finance' | 'district', name: string, atLeast = 0): Promise<number> {
  const days = c.options.subsidyDays;
  const step = openStep(c.engine, { name, kind: 'subsidy', agency, allowed: [], limitDays: days, warnDaysBefore: Math.min(c.options.warnDaysBefore, days - 1), onOverdue: 'escalate' });
  c.subsidyFloors[step.id] = atLeast;
  await awaitStep(c.engine, step, { onOverdue: 'escalate' });
  return c.state.subsidies.find((s) => s.level === (agency === 'finance' ? 'municipal' : 'district'))!.amountYuan;
}

// ——— listing's own updates ———

function validateLiaison(c: ListingCase, { stepId, actor, liaison }: AssignLiaisonInput): void {
  openStepOfKind(c.engine, stepId, 'liaison', actor);
  if (!liaison?.name?.trim()) throw invalidInput('liaison.nameRequired', {}, { field: 'name', rule: 'isNotEmpty' });
  if (!/^[0-9+\- ]{7,20}$/.test(liaison?.phone ?? '')) throw invalidInput('liaison.phone', {}, { field: 'phone', rule: 'matches' });
}

function assignLiaison(c: ListingCase, { stepId, actor, liaison }: AssignLiaisonInput) {
  const step = c.engine.steps.get(stepId);
  const at = new Date().toISOString();
  const reason = `专人对接：${liaison.name}（${liaison.phone}）`;
  c.state.liaison = { ...liaison, assignedBy: actor.name, at };
  c.engine.steps.settle(step, { decision: 'approve', reason, by: actor, at });
  c.engine.timeline.by(actor, 'liaison-assigned', { reason });
  return step;
}

function validateSubsidy(c: ListingCase, { stepId, actor, amountYuan }: GrantSubsidyInput): void {
  const step = openStepOfKind(c.engine, stepId, 'subsidy', actor);
  if (!Number.isInteger(amountYuan) || amountYuan < 1) throw invalidInput('subsidy.wholeYuan', {}, { field: 'amountYuan', rule: 'min' });
  const max = c.options.maxMunicipalSubsidyYuan;
  if (step.agency === 'finance' && amountYuan > max) throw invalidInput('subsidy.aboveMunicipalCap', { max }, { field: 'amountYuan', rule: 'max' });
  const floor = c.subsidyFloors[stepId] ?? 0;
  if (amountYuan < floor) throw invalidInput('subsidy.belowMunicipal', { floor }, { field: 'amountYuan', rule: 'min' });
}

function grantSubsidy(c: ListingCase, { stepId, actor, amountYuan }: GrantSubsidyInput) {
  const step = c.engine.steps.get(stepId);
  const at = new Date().toISOString();
  const level = step.agency === 'finance' ? 'municipal' : 'district';
  c.state.subsidies.push({ level, amountYuan, grantedBy: actor.name, at });
  c.engine.steps.settle(step, { decision: 'approve', reason: `${step.name} ${yuanText(amountYuan)}`, by: actor, at });
  c.engine.issueDocument('subsidy-decision', `${step.name}决定`, { level, amountYuan, agency: step.agency });
  c.engine.timeline.by(actor, 'subsidy-granted', { detail: { level, amountYuan } });
  return step;
}
