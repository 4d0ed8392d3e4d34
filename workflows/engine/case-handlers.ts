import { AnswerCorrectionInput, CorrectionNotice, EndExclusionInput, ExtendClockInput, StartExclusionInput, WithdrawInput } from '../../libs/domain/case-engine.contract';
import { EXCLUDED_PERIOD_KINDS, SlaClock, openPause } from '../../libs/domain/sla-clock';
import { materialsDetail } from '../../libs/domain/materials';
import { label } from '../../libs/i18n/error-catalogue';
import { assertAgencyOf, assertApplicant, assertNotHeldByOther, assertOpen, assertSupervisor, pendingCorrection } from './case-access';
import type { CaseEngine } from './case-engine';
import { invalidInput, invalidState } from './failures';

/**
 * The updates that act on the whole case and its clocks — the applicant's answer to a correction
 * notice and withdrawal, a supervisor's extension, an agency's excluded period — as plain
 * functions with their validators, registered by each workflow in its own body.
 */

export function validateAnswerCorrection(engine: CaseEngine, { actor, responses }: AnswerCorrectionInput): void {
  assertApplicant(engine, actor);
  if (engine.withdrawn) throw invalidState('case.withdrawn');
  const notice = pendingCorrection(engine);
  if (!notice) throw invalidState('correction.noneWaiting');
  const missing = notice.items.filter((item) => !responses.some((r) => r.item === item && r.response.trim()));
  if (missing.length) throw invalidInput('correction.missingItems', { items: missing }, { field: 'responses', rule: 'answersEveryItem' });
}

export function answerCorrection(engine: CaseEngine, { actor, responses, materials }: AnswerCorrectionInput): CorrectionNotice {
  const notice = pendingCorrection(engine)!;
  notice.answeredAt = new Date().toISOString();
  notice.responses = responses;
  // Materials only when attached: answers recorded before them keep their entries as they were.
  if (materials?.length) notice.materials = materials;
  // The answers themselves go on the timeline: the official who asked reads them there (the notice
  // stays in the workflow's state). Only the entry's detail changes: no command, so no patch.
  engine.timeline.by(actor, 'correction-answered', { detail: { noticeId: notice.id, items: notice.items.length, responses, ...(materials?.length && { materials: materialsDetail(materials) }) } });
  return notice;
}

export function validateWithdraw(engine: CaseEngine, { actor }: WithdrawInput): void {
  assertApplicant(engine, actor);
  if (engine.withdrawn) throw invalidState('case.alreadyWithdrawn');
  if (engine.closed) throw invalidState('case.alreadyDecided');
}

/** Every open step is cancelled and every clock stops; the process's waits end in CaseWithdrawn. */
export function withdraw(engine: CaseEngine, { actor, reason }: WithdrawInput): void {
  const at = new Date();
  engine.state.withdrawn = { by: actor, at: at.toISOString(), reason };
  for (const step of engine.steps.open()) {
    step.status = 'cancelled';
    engine.clocks.stop(step.clock, at);
  }
  engine.clocks.stop(engine.state.caseClock, at);
  engine.timeline.by(actor, 'withdrawn', { reason });
}

export function validateExtendClock(engine: CaseEngine, { clockId, actor, days, reason }: ExtendClockInput): void {
  assertSupervisor(actor);
  const clock = engine.clocks.byId(clockId);
  if (!clock || clock.stoppedAt) throw invalidState('clock.notRunning', { clockId });
  if (!Number.isInteger(days) || days < 1 || days > 15) throw invalidInput('clock.extensionDays', {}, { field: 'days', rule: 'isIntegerInRange' });
  if (!reason?.trim()) throw invalidInput('clock.extensionReason', {}, { field: 'reason', rule: 'isNotEmpty' });
}

export function extendClock(engine: CaseEngine, { clockId, actor, days, reason }: ExtendClockInput): SlaClock {
  const clock = engine.clocks.byId(clockId)!;
  const at = new Date();
  engine.clocks.extend(clock, { days, reason, by: actor.userId, at: at.toISOString() });
  const { dueOn, provisional } = engine.clocks.read(clock, at);
  // Art. 42: the extension and its reason are told to the applicant — and whether the new date is provisional.
  engine.issueDocument('extension-notice', '延长办理期限告知书', { clock: clock.label, days, reason, newDueOn: dueOn, ...provisionalDateNote(provisional) }, at);
  engine.timeline.by(actor, 'clock-extended', { reason, detail: { clockId, clock: clock.label, days, dueOn, ...(provisional ? { provisional } : {}) } });
  return clock;
}

export function validateStartExclusion(engine: CaseEngine, { stepId, actor, kind, expectedDays }: StartExclusionInput): void {
  const step = engine.steps.get(stepId);
  assertAgencyOf(step, actor);
  assertOpen(engine, step);
  assertNotHeldByOther(step, actor);
  if (!EXCLUDED_PERIOD_KINDS.includes(kind)) throw invalidInput('exclusion.kind', { kinds: EXCLUDED_PERIOD_KINDS.map((k) => label('exclusionKind', k)) }, { field: 'kind', rule: 'isIn' });
  if (!Number.isInteger(expectedDays) || expectedDays < 1 || expectedDays > 120) throw invalidInput('exclusion.expectedDays', {}, { field: 'expectedDays', rule: 'isIntegerInRange' });
  if (openPause(step.clock)) throw invalidState('exclusion.alreadyPaused', { stepName: step.name });
}

/** Art. 45: an excluded period (expert review, testing …) stops every running clock; the applicant is told. */
export function startExclusion(engine: CaseEngine, { stepId, actor, kind, expectedDays, note }: StartExclusionInput): SlaClock {
  const step = engine.steps.get(stepId);
  const at = new Date();
  engine.clocks.pause(engine.clocks.live(), kind, at, note);
  engine.issueDocument('exclusion-notice', '不计入办理期限告知书', { step: step.name, kind, expectedDays, note }, at);
  engine.timeline.by(actor, 'excluded-period-started', { reason: note, detail: { stepId, kind, expectedDays } });
  return step.clock;
}

export function validateEndExclusion(engine: CaseEngine, { stepId, actor }: EndExclusionInput): void {
  const step = engine.steps.get(stepId);
  assertAgencyOf(step, actor);
  assertNotHeldByOther(step, actor);
  const pause = openPause(step.clock);
  if (!pause || pause.reason === 'awaiting-applicant') throw invalidState('exclusion.notRunning', { stepName: step.name });
}

export function endExclusion(engine: CaseEngine, { stepId, actor }: EndExclusionInput): SlaClock {
  const step = engine.steps.get(stepId);
  engine.clocks.resume(engine.clocks.live(), new Date());
  engine.timeline.by(actor, 'excluded-period-ended', { detail: { stepId } });
  return step.clock;
}

/** What a document stating a date says when that date was counted over a year without a notice. */
function provisionalDateNote(provisional: boolean): Record<string, unknown> {
  if (!provisional) return {};
  return {
    provisional: true,
    calendarNote: '该期限涉及国务院办公厅尚未公布节假日安排的年份，暂按《全国年节及纪念日放假办法》规定的法定节假日计算；正式安排公布后，期限将据此调整并在办理轨迹中告知。',
  };
}
