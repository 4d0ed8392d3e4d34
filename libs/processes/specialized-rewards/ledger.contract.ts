import { defineQuery, defineUpdate } from '@temporalio/workflow';

/**
 * The yearly reward ledger of 专精特新 international-registration rewards (专精特新 measures item
 * 12: 给予200万元奖励，单个企业年奖励额不超过1000万元). One long-running workflow per enterprise and
 * year holds what that enterprise's cases have reserved and been paid, so the ceiling holds
 * however many of its cases are approved at the same moment: every change is an update to this
 * one workflow, and Temporal runs an execution's updates one at a time. Workflow-safe.
 */
export const REWARD_LEDGER_WORKFLOW = 'rewardLedger';

/** 给予200万元奖励: per product. */
export const REWARD_PER_PRODUCT_YUAN = 2_000_000;
/** 单个企业年奖励额不超过1000万元: the legal limit of the yearly ceiling, which options may lower, never raise. */
export const YEARLY_CEILING_LIMIT_YUAN = 10_000_000;
/** Above this many events a ledger continues as new, carrying its entries (history stays short to replay). */
export const LEDGER_CONTINUE_AS_NEW_AFTER_EVENTS = 1000;

/** One ledger per enterprise and reward year (the year of the approval decision). */
export function rewardLedgerId(creditCode: string, year: number): string {
  return `reward-ledger-${creditCode}-${year}`;
}

/**
 * From this day a year's ledger takes no new reservation and ends once every reservation it
 * holds is paid or released: a case approved on 31 December still settles in the next year.
 */
export function ledgerClosesOn(year: number): string {
  return `${year + 1}-03-31`;
}

export type LedgerAction = 'reserve' | 'release' | 'commit';

/**
 * The update id of a case's action on the ledger: a retried activity sends the same id, so
 * Temporal counts it once; the ledger itself answers a case's second reserve with its first
 * answer, which also holds across continue-as-new (where update ids are no longer remembered).
 */
export function ledgerUpdateId(action: LedgerAction, caseId: string, decisionId: string): string {
  return `${action}:${caseId}:${decisionId}`;
}

export interface RewardLedgerInput {
  creditCode: string;
  year: number;
  /** At most YEARLY_CEILING_LIMIT_YUAN; fixed for the ledger's life by whoever starts it. */
  ceilingYuan: number;
  /** YYYY-MM-DD (Beijing): ledgerClosesOn(year) unless a test says otherwise. */
  closesOn: string;
  continueAsNewAfterEvents?: number;
  /** Carried across continue-as-new. */
  entries?: LedgerEntry[];
  /** How many runs came before this one. */
  generation?: number;
}

/** An approval asking the ledger for its reward. */
export interface ReserveRequest {
  caseId: string;
  /** The approval that asks (its id in the case): with the case, the update's identity. */
  decisionId: string;
  /** Must name this ledger's enterprise and year: a misaddressed request is refused. */
  creditCode: string;
  year: number;
  requestedYuan: number;
}

/**
 * 年奖励额不超过 caps the yearly total, not the number of products: an approval is granted what
 * the ceiling still allows, up to its request (partial when that is less), and refused only when
 * nothing is left. With 200万元 rewards and a 1000万元 ceiling a grant is always whole or nothing.
 */
export type ReserveOutcome = 'granted' | 'partial' | 'refused';

export interface ReserveAnswer {
  caseId: string;
  decisionId: string;
  requestedYuan: number;
  grantedYuan: number;
  outcome: ReserveOutcome;
  /** In Chinese, with the amounts: what the applicant and the reviewer read. */
  reason: string;
  ceilingYuan: number;
  /** Held by the enterprise's other cases this year when this one was answered. */
  heldBeforeYuan: number;
  /** Left for the year after this answer. */
  remainingYuan: number;
  at: string;
}

/** A case rejected or withdrawn after its reservation: what it held goes back to the year. */
export interface ReleaseRequest {
  caseId: string;
  decisionId: string;
  creditCode: string;
  year: number;
  reason: string;
}

export interface ReleaseAnswer {
  caseId: string;
  decisionId: string;
  freedYuan: number;
  /** nothing-reserved: the case held nothing (never reserved, or was refused). */
  outcome: 'released' | 'nothing-reserved';
  reason: string;
  remainingYuan: number;
  at: string;
}

/** 市财政局 has paid: the reservation becomes final and can no longer be released. */
export interface CommitRequest {
  caseId: string;
  decisionId: string;
  creditCode: string;
  year: number;
  paymentNumber: string;
}

export interface CommitAnswer {
  caseId: string;
  decisionId: string;
  committedYuan: number;
  paymentNumber: string;
  at: string;
}

export type LedgerEntryStatus = 'reserved' | 'committed' | 'released' | 'refused';

/** One case's line in the ledger, with the first answer to each action (what a repeat gets). */
export interface LedgerEntry {
  caseId: string;
  status: LedgerEntryStatus;
  /** What the case holds now: its grant while reserved or committed, 0 once released or refused. */
  heldYuan: number;
  reserve: ReserveAnswer;
  release?: ReleaseAnswer;
  commit?: CommitAnswer;
}

export interface RewardLedgerView {
  creditCode: string;
  year: number;
  ceilingYuan: number;
  /** Reserved and not yet paid. */
  reservedYuan: number;
  committedYuan: number;
  availableYuan: number;
  closesOn: string;
  generation: number;
  entries: LedgerEntry[];
}

export const reserveRewardUpdate = defineUpdate<ReserveAnswer, [ReserveRequest]>('reserve');
export const releaseRewardUpdate = defineUpdate<ReleaseAnswer, [ReleaseRequest]>('release');
export const commitRewardUpdate = defineUpdate<CommitAnswer, [CommitRequest]>('commit');
export const rewardLedgerQuery = defineQuery<RewardLedgerView>('rewardLedger');

/** A ledger closed for its year refuses to be started again (the activities name this failure type). */
export const LEDGER_CLOSED = 'LedgerClosed';
