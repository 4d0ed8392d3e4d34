import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { OfficialYear } from '../calendar/official-holidays.data';
import type { DepartmentCode } from './departments';
import type { Artefact, CaseProjection } from './case-record';
import type { ClockReading, ExcludedPeriodKind, SlaClock } from './sla-clock';
import type { StepDecisionKind } from './step-decisions';
import type { MaterialReference } from './materials';

/**
 * What every process shares: who acts, the steps agencies decide, correction notices, the
 * documents on a case, and the updates through which people act on a running case. The API
 * sets `actor` from the verified token; the workflow's validators decide whether that actor may.
 */
export type Role = 'applicant' | 'agency' | 'supervisor' | 'expert';

export interface Actor {
  userId: string;
  name: string;
  role: Role;
  /** For agency staff: the department they act for. */
  agency?: DepartmentCode;
  /** For applicants: the enterprise credit code or the person they act as. */
  applicantId?: string;
}

/** ApplicationFailure types raised by validators; the API maps each to one HTTP status. */
export const FailureType = {
  Forbidden: 'Forbidden',
  InvalidState: 'InvalidState',
  InvalidInput: 'InvalidInput',
  NotFound: 'NotFound',
} as const;

/**
 * The engine's own step kinds, named in Chinese. Each process adds its own in its contract
 * (`libs/processes/<code>/<code>.contract.ts`, `stepKinds`), so a kind is any string here.
 */
export const ENGINE_STEP_KINDS: Readonly<Record<string, string>> = {
  acceptance: '受理',
  review: '审查',
};
export type StepKind = string;
export type StepStatus = 'open' | 'claimed' | 'waiting-applicant' | 'decided' | 'cancelled';
// The decisions and which need a reason or correction items: a pure file the consoles import too.
export { DECISIONS_ASKING_CORRECTION, DECISIONS_NEEDING_REASON } from './step-decisions';
export type { StepDecisionKind } from './step-decisions';

export interface StepDecisionRecord {
  decision: StepDecisionKind;
  reason?: string;
  correctionItems?: string[];
  by: Actor;
  at: string;
  /** Deemed by law (Art. 32: no notice within 5 working days), not decided by a person. */
  deemed?: boolean;
  /** Files the official attached (an expert opinion, an inspection record): references only. */
  materials?: MaterialReference[];
}

export interface CaseStep {
  id: string;
  name: string;
  kind: StepKind;
  agency: DepartmentCode;
  assignee?: { userId: string; name: string };
  status: StepStatus;
  allowed: StepDecisionKind[];
  round: number;
  openedAt: string;
  clock: SlaClock;
  decision?: StepDecisionRecord;
  urges: Array<{ by: Actor; at: string; note: string }>;
  escalated: boolean;
  /** For an expert panel: who sits on it and the scores given so far. */
  panel?: ExpertPanel;
}

export interface ExpertPanel {
  members: Array<{ userId: string; name: string }>;
  scores: Array<{ userId: string; name: string; score: number; opinion: string; at: string }>;
  passScore: number;
}

export interface CorrectionNotice {
  id: string;
  stepId: string;
  items: string[];
  issuedAt: string;
  answeredAt?: string;
  responses?: Array<{ item: string; response: string }>;
  /** Files the applicant attached to the answer: references only. */
  materials?: MaterialReference[];
}

/** The documents the engine issues on any case; each process adds its own in its contract (`documentKinds`). */
export const ENGINE_DOCUMENT_KINDS: Readonly<Record<string, string>> = {
  'acceptance-notice': '受理通知书',
  'refusal-notice': '不予受理决定书',
  'correction-notice': '补正材料通知书（一次性告知）',
  'exclusion-notice': '不计入办理期限告知书',
  'extension-notice': '延长办理期限告知书',
  'decision-notice': '决定书',
};
export type DocumentKind = string;

export interface CaseDocument {
  id: string;
  kind: DocumentKind;
  title: string;
  issuedAt: string;
  /** Dated content as the applicant receives it. */
  body: Record<string, unknown>;
}

/** A department that has not answered for longer than the configured limit: a supervisor should know. */
export interface DepartmentIncident {
  id: string;
  department: DepartmentCode;
  what: string;
  openedAt: string;
  closedAt?: string;
}

export interface EngineState {
  incidents: DepartmentIncident[];
  steps: CaseStep[];
  corrections: CorrectionNotice[];
  documents: CaseDocument[];
  caseClock?: SlaClock;
  caseEscalated: boolean;
  withdrawn?: { by: Actor; at: string; reason?: string };
  /** What the case issued for the public register, as it stands now (revoked, superseded …). */
  artefacts: Artefact[];
}

/** A step as the read model and API show it: the clock read at projection time. */
export interface StepSnapshot extends Omit<CaseStep, 'clock'> {
  clock: SlaClock;
  reading: ClockReading;
}

// ——— the calendar a case counts with ———

/**
 * The State Council notices a case counts working days with, as the API read them from Postgres
 * when it was filed (every process's input carries this as `calendar`). They arrive through the
 * history, so a replay counts exactly as the case did, whatever the code's seed data. Cases filed
 * before this field existed count with the seed years compiled in.
 */
export interface CaseCalendarInput {
  officialYears: OfficialYear[];
}

/**
 * A year's notice was loaded (or corrected) after the case was filed: the case recounts its
 * running clocks with it, notes each due date that moved, and re-arms its timers. Sent to every
 * running case by the calendarRollout workflow; idempotent by the year's version.
 */
export const calendarYearLoadedSignal = defineSignal<[OfficialYear]>('calendarYearLoaded');

// ——— updates every process takes: each validated in the workflow, each on the timeline ———
// (a process's own updates, the expert panel's score or listing's liaison, are in its contract)

export interface ClaimStepInput {
  stepId: string;
  actor: Actor;
}

export interface DecideStepInput {
  stepId: string;
  actor: Actor;
  decision: StepDecisionKind;
  reason?: string;
  /** For request-correction / return: every item to correct, at once (一次性告知). */
  correctionItems?: string[];
  /** Checked by the API (the official's own uploads, of a decision's kinds): references only. */
  materials?: MaterialReference[];
}

export interface AnswerCorrectionInput {
  actor: Actor;
  responses: Array<{ item: string; response: string }>;
  /** Checked by the API (the applicant's own uploads): references only. */
  materials?: MaterialReference[];
}

export interface WithdrawInput {
  actor: Actor;
  reason?: string;
}

/** The holder gives a claimed step back to its agency's pool; a supervisor may take it back from anyone. */
export interface ReleaseStepInput {
  stepId: string;
  actor: Actor;
  reason?: string;
}

export interface UrgeStepInput {
  stepId: string;
  actor: Actor;
  note: string;
}

export interface ReassignStepInput {
  stepId: string;
  actor: Actor;
  agency: DepartmentCode;
  assignee?: { userId: string; name: string };
  reason: string;
}

export interface ExtendClockInput {
  /** 'case' for the case's decision limit (Art. 42), or a step id. */
  clockId: string;
  actor: Actor;
  days: number;
  reason: string;
}

export interface StartExclusionInput {
  stepId: string;
  actor: Actor;
  kind: ExcludedPeriodKind;
  /** Told to the applicant (Art. 45). */
  expectedDays: number;
  note?: string;
}

export interface EndExclusionInput {
  stepId: string;
  actor: Actor;
}

export const claimStepUpdate = defineUpdate<CaseStep, [ClaimStepInput]>('claimStep');
export const decideStepUpdate = defineUpdate<CaseStep, [DecideStepInput]>('decideStep');
export const answerCorrectionUpdate = defineUpdate<CorrectionNotice, [AnswerCorrectionInput]>('answerCorrection');
export const withdrawUpdate = defineUpdate<void, [WithdrawInput]>('withdraw');
export const releaseStepUpdate = defineUpdate<CaseStep, [ReleaseStepInput]>('releaseStep');
export const urgeStepUpdate = defineUpdate<CaseStep, [UrgeStepInput]>('urgeStep');
export const reassignStepUpdate = defineUpdate<CaseStep, [ReassignStepInput]>('reassignStep');
export const extendClockUpdate = defineUpdate<SlaClock, [ExtendClockInput]>('extendClock');
export const startExclusionUpdate = defineUpdate<SlaClock, [StartExclusionInput]>('startExclusion');
export const endExclusionUpdate = defineUpdate<SlaClock, [EndExclusionInput]>('endExclusion');
export const engineStateQuery = defineQuery<EngineState>('engineState');
/** The whole case as the read model should hold it: for the reconciler. */
export const readModelQuery = defineQuery<CaseProjection>('readModel');

/** Step ids are `<caseId>.<n>`: the API finds the case (workflow) from the step id alone. */
export function caseIdOfStep(stepId: string): string {
  const dot = stepId.lastIndexOf('.');
  return dot > 0 ? stepId.slice(0, dot) : stepId;
}
