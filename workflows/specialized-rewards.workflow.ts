import { setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { beijingDate } from '../libs/domain/calendar-date';
import {
  answerCorrectionUpdate,
  calendarYearLoadedSignal,
  claimStepUpdate,
  decideStepUpdate,
  endExclusionUpdate,
  extendClockUpdate,
  reassignStepUpdate,
  releaseStepUpdate,
  startExclusionUpdate,
  urgeStepUpdate,
  withdrawUpdate,
} from '../libs/domain/case-engine.contract';
import type { CaseSnapshot } from '../libs/domain/case-record';
import { DepartmentCode, departmentName } from '../libs/domain/departments';
import { yuanText } from '../libs/domain/money';
import { RewardSharedFacts, assessReward, marketOf } from '../libs/processes/specialized-rewards/reward-eligibility.rules';
import {
  DEFAULT_SPECIALIZED_REWARDS_OPTIONS,
  EXPORT_MARKETS,
  PRODUCT_TYPES,
  REGISTRATION_AGENCIES,
  RewardDecision,
  RewardGrant,
  SPECIALIZED_REWARDS_CONTRACT,
  SpecializedRewardState,
  SpecializedRewardsInput,
  SpecializedRewardsOptions,
  SpecializedRewardsStatus,
  specializedRewardStateQuery,
} from '../libs/processes/specialized-rewards/specialized-rewards.contract';
import { Objection, lodgeObjectionUpdate } from '../libs/processes/public-notice.contract';
import { departments } from './department-activities';
import { CaseWithdrawn, answerCorrection, claimStep, decideStep, releaseStep, validateReleaseStep, endExclusion, extendClock, ProcessCase, reassignStep, runCase, sharedData, startExclusion, urgeStep, validateAnswerCorrection, validateClaimStep, validateDecideStep, validateEndExclusion, validateExtendClock, validateReassignStep, validateStartExclusion, validateUrgeStep, validateWithdraw, watchClock, watched, withdraw } from './engine';
import { acceptance, announceColour, lodgeObjection, publicNotice, reviewStep, validateObjection } from './steps';

/** 市经济和信息化局 leads and decides; 市财政局 pays. */
const LEAD: DepartmentCode = 'economy-it';
const BASIS = '《北京市关于促进"专精特新"中小企业高质量发展的若干措施》第12条';
const DECISION_TITLE = '专精特新企业国际注册奖励决定书';

/** The case as plain JSON: what the state query returns and the read model mirrors. */
class RewardCase extends ProcessCase<SpecializedRewardsStatus> {
  readonly state: Omit<SpecializedRewardState, 'status' | 'engine' | 'objections'>;
  readonly objections: Objection[] = [];
  /** Open while 公示 runs: only then may anyone object. */
  readonly notice = { open: false };
  readonly options: SpecializedRewardsOptions;

  constructor(caseId: string, input: SpecializedRewardsInput) {
    super(caseId, input.application.creditCode, input.calendar, 'verifying', '不予奖励决定书');
    this.options = { ...DEFAULT_SPECIALIZED_REWARDS_OPTIONS, ...input.options };
    this.state = { caseId, application: input.application };
  }

  get application() {
    return this.state.application;
  }

  /** As 市经信局's roster names it, once fetched. */
  get enterpriseName(): string {
    return this.state.shared?.roster?.name ?? this.application.enterpriseName;
  }

  /** How the enterprise's yearly ledger is started, should this case be its first of the year. */
  get ledger() {
    return { ceilingYuan: this.options.yearlyCeilingYuan };
  }

  view(): SpecializedRewardState {
    return { ...this.state, status: this.status, engine: this.engine.state, objections: this.objections };
  }

  snapshot(): Omit<CaseSnapshot, 'version'> {
    const { application, shared, assessment, grant, payment, decision } = this.state;
    return this.snapshotOf({
      process: SPECIALIZED_REWARDS_CONTRACT.code,
      title: SPECIALIZED_REWARDS_CONTRACT.titleOf(application),
      application: { ...application },
      assessment: assessment && { ...assessment, shared, grant, payment, decision },
    });
  }

  /** The reward decision in the public register: anyone may verify it by its number. */
  publishDecision(d: RewardDecision): void {
    const { creditCode, product, registration } = this.application;
    const grant = this.state.grant!;
    this.engine.publish({
      kind: 'reward-decision',
      number: d.number,
      title: DECISION_TITLE,
      issuer: LEAD,
      holder: { name: this.enterpriseName, creditCode },
      issuedOn: d.issuedOn,
      status: 'valid',
      basis: d.basis,
      details: {
        product: product.name,
        productType: PRODUCT_TYPES[product.type],
        registration: { agency: REGISTRATION_AGENCIES[registration.agency], number: registration.number, registeredOn: registration.registeredOn },
        market: EXPORT_MARKETS[marketOf(this.application)],
        year: grant.year,
        requestedYuan: grant.requestedYuan,
        amountYuan: d.amountYuan,
        paymentNumber: d.paymentNumber,
      },
    });
  }
}

/**
 * 专精特新企业国际注册奖励 (专精特新 measures item 12 and its closing line).
 *
 * A 专精特新中小企业 or "小巨人" enterprise whose drug or high-end medical device was registered by
 * FDA, EMA, PMDA or WHO (PQ) within the last two years, is produced in Beijing and sells in that
 * market, is rewarded 200万元 per product, at most 1000万元 per enterprise per year. What
 * 市经信局, 市药监局 and 北京海关 hold is fetched instead of asked for; an application they bear out
 * is accepted on filing, any other goes to 受理 with the reasons and their sources. 市经信局
 * reviews; an approval asks the enterprise's yearly ledger for the reward (the ceiling holds
 * across the enterprise's cases approved at the same moment); the grant is published (公示),
 * 市财政局 pays, and the reward decision stands in the public register.
 */
export async function specializedRewards(input: SpecializedRewardsInput): Promise<SpecializedRewardState> {
  const c = new RewardCase(workflowInfo().workflowId, input);
  const { engine, application } = c;

  setHandler(specializedRewardStateQuery, () => c.view());
  setHandler(calendarYearLoadedSignal, (notice) => engine.clocks.loadYear(notice));
  // What 市经信局, the applicant, supervisors and the public may do on this case.
  setHandler(claimStepUpdate, (i) => claimStep(engine, i), { validator: (i) => validateClaimStep(engine, i) });
  setHandler(decideStepUpdate, (i) => decideStep(engine, i), { validator: (i) => validateDecideStep(engine, i) });
  setHandler(answerCorrectionUpdate, (i) => answerCorrection(engine, i), { validator: (i) => validateAnswerCorrection(engine, i) });
  setHandler(withdrawUpdate, (i) => withdraw(engine, i), { validator: (i) => validateWithdraw(engine, i) });
  setHandler(releaseStepUpdate, (i) => releaseStep(engine, i), { validator: (i) => validateReleaseStep(engine, i) });
  setHandler(urgeStepUpdate, (i) => urgeStep(engine, i), { validator: (i) => validateUrgeStep(engine, i) });
  setHandler(reassignStepUpdate, (i) => reassignStep(engine, i), { validator: (i) => validateReassignStep(engine, i, SPECIALIZED_REWARDS_CONTRACT) });
  setHandler(extendClockUpdate, (i) => extendClock(engine, i), { validator: (i) => validateExtendClock(engine, i) });
  setHandler(startExclusionUpdate, (i) => startExclusion(engine, i), { validator: (i) => validateStartExclusion(engine, i) });
  setHandler(endExclusionUpdate, (i) => endExclusion(engine, i), { validator: (i) => validateEndExclusion(engine, i) });
  setHandler(lodgeObjectionUpdate, (i) => lodgeObjection(c, LEAD, i), { validator: (i) => validateObjection(c, i) });

  const filing = { process: SPECIALIZED_REWARDS_CONTRACT.names.zh, filedBy: input.filedBy, detail: { name: input.filedBy?.name, product: application.product.name }, projecting: input.readModelWrites !== false };
  await runCase(c, filing, async () => {
    const asOf = beijingDate(new Date());
    c.state.shared = await fetchSharedData(c);
    const assessment = assessReward(application, c.state.shared, asOf);
    c.state.assessment = assessment;

    let acceptedAt: Date;
    if (assessment.eligible) {
      // Every fact borne out by the departments: nothing is left to check at 受理.
      acceptedAt = new Date();
      engine.issueDocument('acceptance-notice', '受理通知书', { acceptedOn: acceptedAt.toISOString(), deemed: false, basis: '经数据共享核验，申请事项符合条件，即时受理', agency: LEAD });
      engine.timeline.department(LEAD, 'accepted-on-filing', { reason: '数据共享核验通过，即时受理，转入审核' });
    } else {
      const failed = assessment.criteria.filter((r) => !r.passed);
      c.phase = 'acceptance';
      engine.timeline.department(LEAD, 'referred-to-acceptance', { reason: failed.map((r) => r.reason).join('；'), detail: { failedCriteria: failed.map((r) => r.criterion) } });
      const accepted = await acceptance(engine, { agency: LEAD, windowDays: c.options.acceptanceWindowDays, receivedAt: c.filedAt });
      if (!accepted.accepted) {
        engine.timeline.department(LEAD, 'refused', { reason: accepted.reason });
        return c.end('refused', 'refused');
      }
      acceptedAt = accepted.acceptedAt;
    }
    if (await decide(c, acceptedAt)) await pay(c);
  });
  return c.view();
}

/** 数据共享: each answer lands on the timeline as it arrives, so reviewers see who said what, when. */
async function fetchSharedData(c: RewardCase): Promise<RewardSharedFacts> {
  const { creditCode, product, registration } = c.application;
  const market = marketOf(c.application);
  const received = <T>(department: DepartmentCode, what: string, answer: Promise<T>) => sharedData(c.engine, department, what, answer, c.options.departmentIncidentSeconds * 1000);
  const [roster, licence, exportSales] = await Promise.all([
    received('economy-it', '专精特新中小企业及"小巨人"企业名单', departments.economyItGetSpecializedEnterprise(creditCode)),
    received('medical-products', '本市生产许可', departments.medicalProductsGetProductionLicence(creditCode, product.name)),
    received('customs', `出口至${EXPORT_MARKETS[market]}的报关记录`, departments.customsGetExportSales(creditCode, market, product.name, registration.registeredOn)),
  ]);
  return { roster, licence, exportSales };
}

/**
 * 审核 → 奖励核定 (the yearly ledger) → 公示 (→ 异议核查), on the decision clock from acceptance.
 * True once the reward is decided and only the payment remains.
 */
async function decide(c: RewardCase, acceptedAt: Date): Promise<boolean> {
  const { engine, options } = c;
  const caseClock = engine.clocks.startCaseClock(
    { label: '审批办理时限', limitDays: options.decisionLimitDays, statutoryDays: options.decisionStatutoryDays, warnDaysBefore: options.warnDaysBefore },
    acceptedAt,
  );
  const caseWatcher = watchClock(engine.clocks, caseClock, (colour) => {
    if (colour === 'red') engine.state.caseEscalated = true;
    announceColour(engine, { label: caseClock.label }, colour, engine.clocks.read(caseClock).dueOn);
  });

  try {
    c.phase = 'review';
    const approval = await review(c, '审核');
    if (!approval) return false;

    // 单个企业年奖励额不超过1000万元: the enterprise's ledger for the year answers approvals one at a time.
    const grant = await reserve(c, approval);
    if (grant.outcome === 'refused') {
      engine.issueDocument('decision-notice', '不予奖励决定书', { step: '奖励核定', reason: grant.reason, by: departmentName(LEAD) });
      engine.timeline.department(LEAD, 'reward-refused', { reason: grant.reason });
      c.end('rejected', 'yearly-ceiling-reached');
      return false;
    }

    // From here the case holds part of the year's ceiling: a rejection or withdrawal gives it back.
    try {
      c.phase = 'public-notice';
      const { creditCode, product, registration } = c.application;
      const body = { enterpriseName: c.enterpriseName, creditCode, product: product.name, registration: `${REGISTRATION_AGENCIES[registration.agency]} ${registration.number}`, amountYuan: grant.grantedYuan };
      const notice = { agency: LEAD, title: '专精特新企业国际注册奖励公示', body, workingDays: options.publicNoticeDays, seconds: options.publicNoticeSeconds };
      if (await publicNotice(engine, notice, c.notice, c.objections)) {
        c.phase = 'objection-review';
        if (!(await review(c, '异议核查'))) {
          await release(c, '公示期间异议成立，不予奖励');
          return false;
        }
      }
    } catch (error) {
      if (error instanceof CaseWithdrawn) await release(c, '申请人撤回申请');
      throw error;
    }
    c.end('paying', grant.outcome === 'partial' ? 'partially-granted' : 'granted');
    return true;
  } finally {
    engine.clocks.stop(caseClock, new Date());
    await caseWatcher;
  }
}

/** A review by 市经信局; a rejection ends the case with its reason. The approval's id, or undefined. */
async function review(c: RewardCase, name: string): Promise<string | undefined> {
  const { outcome, step, decision } = await reviewStep(c.engine, { name, agency: LEAD, days: c.options.reviewDays, warnDaysBefore: c.options.warnDaysBefore });
  if (outcome !== 'approved') {
    c.reject(step.name, decision?.reason ?? '', decision?.by.name ?? '');
    return undefined;
  }
  return `${step.id}.r${step.round}`;
}

/** Asks the year's ledger for the reward: granted in full, the remainder of the ceiling, or refused with the reason. */
async function reserve(c: RewardCase, decisionId: string): Promise<RewardGrant> {
  const { engine, application, options } = c;
  const year = Number(beijingDate(new Date()).slice(0, 4));
  const answer = await departments.rewardLedgerReserve({ caseId: c.caseId, decisionId, creditCode: application.creditCode, year, requestedYuan: options.rewardPerProductYuan, ledger: c.ledger });
  const { outcome, requestedYuan, grantedYuan, reason } = answer;
  const grant: RewardGrant = { year, decisionId, outcome, requestedYuan, grantedYuan, reason };
  c.state.grant = grant;
  if (outcome !== 'refused') {
    engine.issueDocument('reward-grant', '奖励核定通知书', { product: application.product.name, year, requestedYuan, grantedYuan, partial: outcome === 'partial', reason });
    engine.timeline.department(LEAD, 'reward-reserved', { reason, detail: { year, requestedYuan, grantedYuan, outcome } });
  }
  return grant;
}

/** The case no longer claims its grant: the year's ledger has it back for the enterprise's other products. */
async function release(c: RewardCase, reason: string): Promise<void> {
  const grant = c.state.grant!;
  const answer = await departments.rewardLedgerRelease({ caseId: c.caseId, decisionId: grant.decisionId, creditCode: c.application.creditCode, year: grant.year, reason, ledger: c.ledger });
  grant.released = { reason: answer.reason, at: answer.at };
  c.engine.timeline.department(LEAD, 'reward-released', { reason: answer.reason, detail: { freedYuan: answer.freedYuan, remainingYuan: answer.remainingYuan } });
}

/** 市财政局 pays (once per case and decision, however often asked); the ledger records it; the decision is published. */
async function pay(c: RewardCase): Promise<void> {
  const { engine, application } = c;
  const grant = c.state.grant!;
  const payment = await watched(
    engine,
    'finance',
    '奖励资金拨付',
    departments.financePayReward({ caseId: c.caseId, decisionId: grant.decisionId, creditCode: application.creditCode, enterpriseName: c.enterpriseName, amountYuan: grant.grantedYuan, basis: `${BASIS}：${application.product.name}` }),
    c.options.departmentIncidentSeconds * 1000,
  );
  c.state.payment = payment;
  engine.timeline.department('finance', 'reward-paid', { reason: `拨付奖励资金${yuanText(payment.amountYuan)}`, detail: { number: payment.number, paidOn: payment.paidOn } });
  await departments.rewardLedgerCommit({ caseId: c.caseId, decisionId: grant.decisionId, creditCode: application.creditCode, year: grant.year, paymentNumber: payment.number, ledger: c.ledger });

  const decision: RewardDecision = {
    number: `JL${grant.year}${uuid4().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    amountYuan: grant.grantedYuan,
    issuedOn: beijingDate(new Date()),
    paymentNumber: payment.number,
    basis: BASIS,
  };
  c.state.decision = decision;
  engine.issueDocument('reward-decision', DECISION_TITLE, { ...decision, product: application.product.name, reason: grant.reason });
  c.publishDecision(decision);
  engine.timeline.department(LEAD, 'reward-decision-published', { detail: { number: decision.number, amountYuan: decision.amountYuan } });
  c.amend('rewarded', c.decision ?? 'granted');
}

