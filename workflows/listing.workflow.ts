import { ApplicationFailure, log, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { FailureType } from '../libs/domain/case-engine.contract';
import type { Actor, CaseStep } from '../libs/domain/case-engine.contract';
import type { CaseSnapshot } from '../libs/domain/case-record';
import { COMPLIANCE_DEPARTMENTS, ComplianceDepartment, DepartmentCode, departmentName } from '../libs/domain/departments';
import {
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
import { CaseEngine, CaseWithdrawn } from './case-engine';
import { ProcessCase } from './process-case';
import { departments } from './department-activities';
import { awaitStep, openStep } from './human-step';
import { reviewStep } from './review-step';

const LEAD: DepartmentCode = 'finance-regulator';
const invalid = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

/** The case as plain JSON: what the state query returns and the read model mirrors. */
class ListingCase extends ProcessCase<ListingStatus> {
  readonly state: Omit<ListingState, 'status' | 'engine'>;
  /** The least each subsidy step may grant (the district's: the municipal amount). */
  readonly subsidyFloors: Record<string, number> = {};

  constructor(
    caseId: string,
    input: ListingInput,
    readonly options: ListingOptions,
  ) {
    super('verifying', '审核不予通过决定');
    this.state = {
      caseId,
      application: input.application,
      compliance: COMPLIANCE_DEPARTMENTS.map((department) => ({ department, departmentName: departmentName(department), status: 'pending', findings: [] })),
      subsidies: [],
    };
  }

  view(): ListingState {
    return { ...this.state, status: this.status, engine: this.engine.state };
  }

  snapshot(): Omit<CaseSnapshot, 'version'> {
    const { caseId, application, unicorn, liaison, compliance, report, subsidies } = this.state;
    return {
      id: caseId,
      process: 'listing',
      status: this.status,
      applicantId: application.creditCode,
      title: application.enterpriseName,
      filedAt: this.filedAt.toISOString(),
      decidedAt: this.decidedAt,
      decision: this.decision,
      application: { ...application },
      assessment: { unicorn, liaison, compliance, report: report && { code: report.code, issuedAt: report.issuedAt, status: report.status }, subsidies },
      escalated: this.engine.state.caseEscalated,
      complianceReport: report,
    };
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
  const options: ListingOptions = { ...DEFAULT_LISTING_OPTIONS, ...input.options };
  const { application } = input;
  const c = new ListingCase(workflowInfo().workflowId, input, options);
  c.engine = new CaseEngine(c.state.caseId, application.creditCode, () => c.snapshot(), input.calendar);
  const engine = c.engine;
  setHandler(listingStateQuery, () => c.view());
  registerListingUpdates(c);
  const projector = engine.runProjector();
  engine.note({
    actor: input.filedBy?.userId ?? application.creditCode,
    role: 'applicant',
    action: 'filed',
    detail: { process: '独角兽企业上市即报即审', applicant: application.creditCode, name: input.filedBy?.name },
  });

  try {
    const unicorn = await engine.watched('zgc', '独角兽企业服务库', departments.zgcGetUnicorn(application.creditCode), options.departmentIncidentSeconds * 1000);
    c.state.unicorn = unicorn;
    engine.note({ actor: 'zgc', role: 'system', agency: 'zgc', action: 'shared-data-received', detail: { department: departmentName('zgc'), what: '独角兽企业服务库', found: unicorn !== null } });
    if (!unicorn) {
      engine.issueDocument('refusal-notice', '不予受理告知书', { reason: '该企业不在市科委独角兽企业服务库中，不适用即报即审', agency: LEAD });
      engine.note({ actor: LEAD, role: 'system', agency: LEAD, action: 'refused', reason: '不在独角兽企业服务库' });
      c.end('refused', 'refused');
    } else {
      c.phase = 'in-review';
      await review(c);
    }
  } catch (error) {
    if (!(error instanceof CaseWithdrawn)) throw error;
    if (c.state.report) c.state.report.status = 'revoked';
    c.end('withdrawn');
  }
  engine.clockChanged();
  log.info('listing case ended', { caseId: c.state.caseId, status: c.status });
  await engine.finish(projector);
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
  engine.note({ actor: 'bse', role: 'system', agency: 'bse', action: 'issuance-recorded', reason: '审过即发' });
  c.phase = 'listed';
  c.decision = 'listed';
  c.decidedAt = new Date().toISOString();
  engine.touch();

  if (c.state.unicorn?.zhongguancun) {
    await departments.taxFlagStockIncentiveDeferral(c.state.application.creditCode, c.state.caseId);
    engine.note({ actor: 'tax', role: 'system', agency: 'tax', action: 'notified', reason: '中关村企业股权激励递延纳税' });
  }

  const municipal = await subsidy(c, 'finance', '市级上市补贴');
  await subsidy(c, 'district', `区级上市补贴（${c.state.application.district}）`, municipal);
  c.end('completed', 'listed');
}

/** 专人对接: 市金融监管局 names a liaison within a working day; the applicant sees who. */
async function liaison(c: ListingCase, abortWhen: () => boolean): Promise<void> {
  const step = openStep(c.engine, {
    name: '专人对接',
    kind: 'liaison',
    agency: LEAD,
    allowed: [],
    limitDays: c.options.liaisonDays,
    warnDaysBefore: 0,
    onOverdue: 'escalate',
  });
  await awaitStep(c.engine, step, { onOverdue: 'escalate' }, abortWhen);
}

/**
 * 市政务服务中心 queries the twelve departments at once. A clean record returns at once; a
 * record with findings becomes a step for that department to confirm or clear. A department
 * that is down is retried on its own, without holding the others back; until it answers the
 * case shows it as pending. Then one report with one code (合规一码通).
 */
async function complianceInOneGo(c: ListingCase, abortWhen: () => boolean): Promise<void> {
  const { engine, options } = c;
  const creditCode = c.state.application.creditCode;
  engine.note({ actor: 'service-center', role: 'system', agency: 'service-center', action: 'compliance-queries-sent', detail: { departments: COMPLIANCE_DEPARTMENTS.length } });
  await Promise.all(
    c.state.compliance.map(async (entry: ComplianceEntry) => {
      const record = await engine.watched(
        entry.department,
        '合规查询',
        departments.serviceCenterQueryCompliance(entry.department as ComplianceDepartment, creditCode),
        options.departmentIncidentSeconds * 1000,
      );
      entry.answeredAt = new Date().toISOString();
      entry.findings = record.findings;
      entry.status = record.findings.length === 0 ? 'clean' : 'under-review';
      engine.note({
        actor: entry.department,
        role: 'system',
        agency: entry.department,
        action: 'compliance-answered',
        detail: { department: entry.departmentName, findings: record.findings.length },
      });
      if (record.findings.length === 0) return;
      const step = openStep(engine, {
        name: `合规核查（${entry.departmentName}）`,
        kind: 'compliance-finding',
        agency: entry.department,
        allowed: ['confirm', 'clear'],
        limitDays: options.findingReviewDays,
        warnDaysBefore: Math.min(options.warnDaysBefore, options.findingReviewDays - 1),
        onOverdue: 'escalate',
      });
      entry.stepId = step.id;
      const decision = await awaitStep(engine, step, { onOverdue: 'escalate' }, abortWhen);
      if (!decision) return;
      entry.status = decision.decision === 'clear' ? 'cleared' : 'confirmed';
      entry.conclusion = decision.reason;
      engine.touch();
    }),
  );
  if (abortWhen()) return;
  const report: ComplianceReport = {
    code: `HG${uuid4().replace(/-/g, '').slice(0, 16).toUpperCase()}`,
    creditCode,
    enterpriseName: c.state.application.enterpriseName,
    issuedAt: new Date().toISOString(),
    entries: c.state.compliance.map((e) => ({ ...e, findings: [...e.findings] })),
    status: 'valid',
  };
  c.state.report = report;
  engine.issueDocument('compliance-report', '企业上市合规证明（合规一码通）', { code: report.code, issuedAt: report.issuedAt, entries: report.entries });
  engine.note({ actor: 'service-center', role: 'system', agency: 'service-center', action: 'compliance-report-issued', detail: { code: report.code } });
}

/** A subsidy granted as a step with its amount, validated against the limits. */
async function subsidy(c: ListingCase, agency: 'finance' | 'district', name: string, atLeast = 0): Promise<number> {
  const step = openStep(c.engine, {
    name,
    kind: 'subsidy',
    agency,
    allowed: [],
    limitDays: c.options.subsidyDays,
    warnDaysBefore: Math.min(c.options.warnDaysBefore, c.options.subsidyDays - 1),
    onOverdue: 'escalate',
  });
  c.subsidyFloors[step.id] = atLeast;
  await awaitStep(c.engine, step, { onOverdue: 'escalate' });
  return c.state.subsidies.find((s) => s.level === (agency === 'finance' ? 'municipal' : 'district'))!.amountYuan;
}

function openStepOf(c: ListingCase, stepId: string, kind: CaseStep['kind'], actor: Actor): CaseStep {
  const step = c.engine.step(stepId);
  if (step.kind !== kind) throw invalid(FailureType.InvalidState, `${step.name} is not a ${kind} step`);
  if (actor.role !== 'agency' || actor.agency !== step.agency) {
    throw invalid(FailureType.Forbidden, `step ${step.id} is assigned to ${departmentName(step.agency)}`);
  }
  if (step.status !== 'open' && step.status !== 'claimed') throw invalid(FailureType.InvalidState, `step ${step.id} is ${step.status}`);
  return step;
}

function registerListingUpdates(c: ListingCase): void {
  const { engine, options } = c;
  setHandler(
    assignLiaisonUpdate,
    ({ stepId, actor, liaison }: AssignLiaisonInput) => {
      const step = engine.step(stepId);
      const at = new Date().toISOString();
      c.state.liaison = { ...liaison, assignedBy: actor.name, at };
      step.status = 'decided';
      step.decision = { decision: 'approve', reason: `专人对接：${liaison.name}（${liaison.phone}）`, by: actor, at };
      engine.note({ actor: actor.userId, role: actor.role, agency: actor.agency, action: 'liaison-assigned', reason: step.decision.reason });
      return step;
    },
    {
      validator: ({ stepId, actor, liaison }: AssignLiaisonInput) => {
        openStepOf(c, stepId, 'liaison', actor);
        if (!liaison?.name?.trim()) throw invalid(FailureType.InvalidInput, 'liaison.name is required');
        if (!/^[0-9+\- ]{7,20}$/.test(liaison?.phone ?? '')) throw invalid(FailureType.InvalidInput, 'liaison.phone must be a phone number');
      },
    },
  );

  setHandler(
    grantSubsidyUpdate,
    ({ stepId, actor, amountYuan }: GrantSubsidyInput) => {
      const step = engine.step(stepId);
      const at = new Date().toISOString();
      const level = step.agency === 'finance' ? 'municipal' : 'district';
      c.state.subsidies.push({ level, amountYuan, grantedBy: actor.name, at });
      step.status = 'decided';
      step.decision = { decision: 'approve', reason: `${step.name} ${amountYuan} 元`, by: actor, at };
      engine.issueDocument('subsidy-decision', `${step.name}决定`, { level, amountYuan, agency: step.agency });
      engine.note({ actor: actor.userId, role: actor.role, agency: actor.agency, action: 'subsidy-granted', detail: { level, amountYuan } });
      return step;
    },
    {
      validator: ({ stepId, actor, amountYuan }: GrantSubsidyInput) => {
        const step = openStepOf(c, stepId, 'subsidy', actor);
        if (!Number.isInteger(amountYuan) || amountYuan < 1) throw invalid(FailureType.InvalidInput, 'amountYuan must be a whole number of yuan, at least 1');
        if (step.agency === 'finance' && amountYuan > options.maxMunicipalSubsidyYuan) {
          throw invalid(FailureType.InvalidInput, `amountYuan must not exceed ${options.maxMunicipalSubsidyYuan} (the municipal subsidy is up to 3,000,000 yuan per enterprise)`);
        }
        const floor = c.subsidyFloors[stepId] ?? 0;
        if (amountYuan < floor) throw invalid(FailureType.InvalidInput, `amountYuan must not be below the municipal subsidy of ${floor} yuan (区级补贴不低于市级)`);
      },
    },
  );
}
