import { ApplicationFailure, condition, log, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities/activity-map';
import { OfficialYear, SEED_OFFICIAL_YEARS, noticeName } from '../libs/calendar/official-holidays.data';
import { officialYearProblems } from '../libs/calendar/official-year-rules';
import { UnknownYearRule, WorkingCalendar } from '../libs/calendar/working-calendar';
import {
  Actor,
  AnswerCorrectionInput,
  CaseCalendarInput,
  CaseDocument,
  CaseStep,
  ClaimStepInput,
  CorrectionNotice,
  DECISIONS_ASKING_CORRECTION,
  DECISIONS_NEEDING_REASON,
  DecideStepInput,
  EndExclusionInput,
  EngineState,
  ExtendClockInput,
  FailureType,
  ReassignStepInput,
  ScoreExpertReviewInput,
  StartExclusionInput,
  StepSnapshot,
  UrgeStepInput,
  WithdrawInput,
  answerCorrectionUpdate,
  calendarYearLoadedSignal,
  claimStepUpdate,
  decideStepUpdate,
  endExclusionUpdate,
  engineStateQuery,
  extendClockUpdate,
  readModelQuery,
  reassignStepUpdate,
  scoreExpertReviewUpdate,
  startExclusionUpdate,
  urgeStepUpdate,
  withdrawUpdate,
} from '../libs/domain/case-engine.contract';
import type { CaseSnapshot, TimelineEntry } from '../libs/domain/case-record';
import { DEPARTMENTS, DepartmentCode, departmentName } from '../libs/domain/departments';
import { ClockReading, EXCLUDED_PERIOD_KINDS, SlaClock, extendClock, openPause, pauseClock, readClock, resumeClock } from '../libs/domain/sla-clock';
import { CaseJournal } from './case-journal';

/**
 * Projections are regular activities, scheduled by a workflow task once it has completed, so the
 * read model only ever shows what the history holds. A local activity would save the server a
 * third of its work per case (measured) but writes from inside the workflow task: should the
 * worker die before that task completes, the read model holds a state the retried task may
 * redo differently (other timestamps, other batching) under the same version numbers — a step
 * shown that the workflow does not have yet, an audit entry that disagrees with the history.
 */
const readModel = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/** Thrown out of any wait when the applicant withdraws; the process catches it once, at the top. */
export class CaseWithdrawn extends Error {
  constructor() {
    super('case withdrawn');
    this.name = 'CaseWithdrawn';
  }
}

const forbidden = (message: string) => ApplicationFailure.create({ type: FailureType.Forbidden, message, nonRetryable: true });
const invalidState = (message: string) => ApplicationFailure.create({ type: FailureType.InvalidState, message, nonRetryable: true });
const invalidInput = (message: string) => ApplicationFailure.create({ type: FailureType.InvalidInput, message, nonRetryable: true });
const notFound = (message: string) => ApplicationFailure.create({ type: FailureType.NotFound, message, nonRetryable: true });

type NewEntry = Omit<TimelineEntry, 'seq' | 'at'>;

/** What a document stating a date says when that date was counted over a year without a notice. */
function provisionalDateNote(provisional: boolean): Record<string, unknown> {
  if (!provisional) return {};
  return {
    provisional: true,
    calendarNote: '该期限涉及国务院办公厅尚未公布节假日安排的年份，暂按《全国年节及纪念日放假办法》规定的法定节假日计算；正式安排公布后，期限将据此调整并在办理轨迹中告知。',
  };
}
const who = (actor: Actor): Pick<NewEntry, 'actor' | 'role' | 'agency'> => ({ actor: actor.userId, role: actor.role, agency: actor.agency });

/**
 * The machinery every process shares, as plain state inside the process's workflow: steps
 * agencies decide, clocks, correction notices, documents, withdrawal, and the single projector
 * that writes all of it to the read model in order. Every update is validated here (who may,
 * in what state) and lands on the timeline.
 */
export class CaseEngine {
  readonly journal = new CaseJournal();
  readonly state: EngineState = { incidents: [], steps: [], corrections: [], documents: [], caseEscalated: false };
  /** Bumped whenever a clock's budget changes (pause, resume, extension, stop): watchers re-arm. */
  clockChanges = 0;
  /**
   * False only for the benchmark's RAW floor (`npm run bench`): the same process with no read
   * model writes, to show what the projection costs. The API never turns it off.
   */
  projecting = true;
  private changes = 0;
  private projected = 0;
  private readonly projectedSteps = new Map<string, string>();
  private projectedDocuments = 0;
  private finished = false;
  private stepSeq = 0;
  private docSeq = 0;
  private workingCalendar: WorkingCalendar;
  private readonly unknownYears: UnknownYearRule;

  constructor(
    readonly caseId: string,
    readonly applicantId: string,
    private readonly caseSnapshot: () => Omit<CaseSnapshot, 'version'>,
    calendar?: CaseCalendarInput,
  ) {
    // Cases started before this patch counted a year without a notice as weekends only, and
    // their histories (timers fired, colours announced) were recorded so: they keep counting so.
    this.unknownYears = patched('provisional-calendar') ? 'provisional' : 'weekends';
    // A case filed without calendar data (before the API passed it) counts with the seed years it always had.
    this.workingCalendar = this.calendarOf(calendar?.officialYears ?? [...SEED_OFFICIAL_YEARS]);
    this.registerHandlers();
  }

  /** The working-day calendar of this case: the notices it was filed with and any loaded since. */
  get calendar(): WorkingCalendar {
    return this.workingCalendar;
  }

  private calendarOf(years: OfficialYear[]): WorkingCalendar {
    return new WorkingCalendar(years, {
      unknownYears: this.unknownYears,
      onUnknownYear: (year, rule) =>
        rule === 'weekends'
          ? log.warn('no official calendar for this year: counting weekends only', { year })
          : log.info('no official calendar for this year: counting its statutory holidays (provisional)', { year }),
    });
  }

  /**
   * A year's notice loaded after filing (calendarYearLoaded): recount every running clock with it,
   * note each due date that moved (from → to, and the notice), and wake the clock watchers so
   * their timers re-arm. A version the case already has — a rollout's second sweep, or a case
   * filed after the load — changes nothing. The data comes through the history, so replay
   * recounts the same way.
   */
  loadCalendarYear(notice: OfficialYear): void {
    if (!notice || typeof notice !== 'object') {
      log.warn('calendar notice refused: no notice in the signal');
      return;
    }
    const problems = officialYearProblems(notice);
    if (problems.length || !Number.isInteger(notice.version) || notice.version < 1) {
      log.warn('calendar notice refused: it does not hold together', { year: notice?.year, version: notice?.version, problems });
      return;
    }
    const known = this.workingCalendar.officialYear(notice.year);
    if (known && known.version >= notice.version) return;
    const now = new Date();
    const clocks = this.liveClocks().filter((c) => !c.stoppedAt);
    const before = new Map<SlaClock, ClockReading>(clocks.map((c) => [c, readClock(c, this.workingCalendar, now)]));
    this.workingCalendar = this.calendarOf([...this.workingCalendar.officialYears.filter((y) => y.year !== notice.year), notice]);
    log.info('official calendar loaded into the case', { year: notice.year, version: notice.version });
    let changed = false;
    for (const clock of clocks) {
      const was = before.get(clock)!;
      const reading = readClock(clock, this.workingCalendar, now);
      // A case whose clocks read the same (most, for a year they do not reach) is left alone: no projection, no timer re-armed.
      if (reading.dueOn !== was.dueOn || reading.warnOn !== was.warnOn || reading.provisional !== was.provisional || reading.colour !== was.colour) changed = true;
      if (reading.dueOn === was.dueOn) continue;
      const agency = this.state.steps.find((s) => s.clock === clock)?.agency;
      this.note({
        actor: 'calendar',
        role: 'system',
        agency,
        action: 'due-date-moved',
        reason: `${clock.label}的办理期限由 ${was.dueOn} 调整为 ${reading.dueOn}（依据${noticeName(notice)}）`,
        detail: {
          clockId: clock.id,
          clock: clock.label,
          previousDueOn: was.dueOn,
          dueOn: reading.dueOn,
          provisional: reading.provisional,
          notice: noticeName(notice),
          year: notice.year,
          version: notice.version,
        },
      });
    }
    if (changed) this.clockChanged();
  }

  // ——— changes and the read model ———

  note(entry: NewEntry): void {
    this.journal.note(entry);
    this.touch();
  }

  touch(): void {
    this.changes += 1;
  }

  clockChanged(): void {
    this.clockChanges += 1;
    this.touch();
  }

  /** One coroutine writes to the read model, batching whatever changed since its last write. */
  async runProjector(): Promise<void> {
    if (!this.projecting) return condition(() => this.finished);
    for (;;) {
      await condition(() => this.changes !== this.projected || this.finished);
      if (this.changes === this.projected && this.finished) return;
      this.projected = this.changes;
      const documents = this.state.documents.slice(this.projectedDocuments);
      this.projectedDocuments = this.state.documents.length;
      await readModel.readModelProject({
        ...this.journal.takeProjection(this.caseSnapshot()),
        steps: this.stepsChangedSinceLastWrite(),
        documents,
        incidents: this.state.incidents.map((i) => ({ ...i })),
      });
    }
  }

  /** Ends the projector after its last write; call once the process has reached its end. */
  async finish(projector: Promise<void>): Promise<void> {
    this.finished = true;
    await projector;
  }

  /**
   * Only the steps whose snapshot differs from the one last written: a long case's projection
   * stays small, and the agencies named in its change notice are those whose inbox moved.
   */
  private stepsChangedSinceLastWrite(): StepSnapshot[] {
    return this.stepSnapshots().filter((step) => {
      const json = JSON.stringify(step);
      if (this.projectedSteps.get(step.id) === json) return false;
      this.projectedSteps.set(step.id, json);
      return true;
    });
  }

  stepSnapshots(): StepSnapshot[] {
    const now = new Date();
    return this.state.steps.map((s) => ({ ...s, reading: readClock(s.clock, this.calendar, now) }));
  }

  // ——— departments that do not answer ———

  /**
   * Awaits a department's answer (Temporal retries it without limit). Should it take longer than
   * `incidentAfterMs`, an incident opens — on the timeline and the supervisor's dashboard — and
   * closes when the department answers. A durable timer, so no polling and no case lost.
   */
  async watched<T>(department: DepartmentCode, what: string, call: Promise<T>, incidentAfterMs: number): Promise<T> {
    // Cases started before incidents existed have no such timer in their history: they wait as they did.
    if (!patched('department-incidents')) return call;
    let settled = false;
    const outcome = call.then(
      (value) => {
        settled = true;
        return { value };
      },
      (error: unknown) => {
        settled = true;
        return { error };
      },
    );
    if (!(await condition(() => settled, incidentAfterMs))) {
      const incident = { id: `${this.caseId}.i${this.state.incidents.length + 1}`, department, what, openedAt: new Date().toISOString() };
      this.state.incidents.push(incident);
      this.note({ actor: department, role: 'system', agency: department, action: 'department-incident', reason: `${departmentName(department)}逾时未答复：${what}`, detail: { incidentId: incident.id } });
      await condition(() => settled);
      (incident as { closedAt?: string }).closedAt = new Date().toISOString();
      this.note({ actor: department, role: 'system', agency: department, action: 'department-recovered', detail: { incidentId: incident.id } });
    }
    const result = await outcome;
    if ('error' in result) throw result.error;
    return result.value;
  }

  // ——— steps ———

  nextStepId(): string {
    return `${this.caseId}.${++this.stepSeq}`;
  }

  step(stepId: string): CaseStep {
    const step = this.state.steps.find((s) => s.id === stepId);
    if (!step) throw notFound(`no step ${stepId} on this case`);
    return step;
  }

  issueDocument(kind: CaseDocument['kind'], title: string, body: Record<string, unknown>, at = new Date()): CaseDocument {
    const doc: CaseDocument = { id: `${this.caseId}.d${++this.docSeq}`, kind, title, issuedAt: at.toISOString(), body };
    this.state.documents.push(doc);
    this.touch();
    return doc;
  }

  /** Every clock now running on the case: the case's own and each open step's. */
  liveClocks(): SlaClock[] {
    const clocks = this.state.steps.filter((s) => s.status !== 'decided' && s.status !== 'cancelled').map((s) => s.clock);
    return this.state.caseClock ? [this.state.caseClock, ...clocks] : clocks;
  }

  get withdrawn(): boolean {
    return this.state.withdrawn !== undefined;
  }

  /** Waits for a condition, unless the applicant withdraws first. */
  async waitFor(fn: () => boolean, timeoutMs?: number): Promise<boolean> {
    const met = timeoutMs === undefined ? await condition(() => fn() || this.withdrawn).then(() => true) : await condition(() => fn() || this.withdrawn, timeoutMs);
    if (this.withdrawn) throw new CaseWithdrawn();
    return met;
  }

  // ——— who may act ———

  private assertAgencyOf(step: CaseStep, actor: Actor): void {
    if (actor.role !== 'agency' || actor.agency !== step.agency) {
      throw forbidden(`step ${step.id} is assigned to ${departmentName(step.agency)}; ${actor.name} (${actor.role}${actor.agency ? ` of ${actor.agency}` : ''}) may not act on it`);
    }
  }

  private assertApplicant(actor: Actor): void {
    if (actor.role !== 'applicant' || actor.applicantId !== this.applicantId) throw forbidden('only the applicant may do this');
  }

  private assertSupervisor(actor: Actor): void {
    if (actor.role !== 'supervisor') throw forbidden('only a supervisor (电子监察) may do this');
  }

  private assertOpen(step: CaseStep): void {
    if (this.withdrawn) throw invalidState('the case was withdrawn');
    if (step.status !== 'open' && step.status !== 'claimed') throw invalidState(`step ${step.id} is ${step.status}`);
  }

  private pendingCorrection(): CorrectionNotice | undefined {
    return this.state.corrections.find((c) => !c.answeredAt);
  }

  // ——— handlers ———

  private registerHandlers(): void {
    setHandler(engineStateQuery, () => this.state);
    setHandler(calendarYearLoadedSignal, (notice: OfficialYear) => this.loadCalendarYear(notice));
    setHandler(readModelQuery, () => ({
      snapshot: { ...this.caseSnapshot(), version: this.journal.currentVersion },
      timeline: [...this.journal.all],
      steps: this.stepSnapshots(),
      documents: [...this.state.documents],
      incidents: this.state.incidents.map((i) => ({ ...i })),
    }));

    setHandler(
      claimStepUpdate,
      ({ stepId, actor }: ClaimStepInput) => {
        const step = this.step(stepId);
        step.assignee = { userId: actor.userId, name: actor.name };
        step.status = 'claimed';
        this.note({ ...who(actor), action: 'step-claimed', detail: { stepId, step: step.name } });
        return step;
      },
      {
        validator: ({ stepId, actor }: ClaimStepInput) => {
          const step = this.step(stepId);
          this.assertAgencyOf(step, actor);
          this.assertOpen(step);
          if (step.assignee && step.assignee.userId !== actor.userId) throw invalidState(`step ${stepId} is already claimed by ${step.assignee.name}`);
        },
      },
    );

    setHandler(
      decideStepUpdate,
      ({ stepId, actor, decision, reason, correctionItems }: DecideStepInput) => {
        const step = this.step(stepId);
        step.decision = { decision, reason, correctionItems, by: actor, at: new Date().toISOString() };
        step.status = 'decided';
        step.assignee ??= { userId: actor.userId, name: actor.name };
        this.note({ ...who(actor), action: 'step-decided', reason, detail: { stepId, step: step.name, decision, correctionItems } });
        return step;
      },
      {
        validator: ({ stepId, actor, decision, reason, correctionItems }: DecideStepInput) => {
          const step = this.step(stepId);
          this.assertAgencyOf(step, actor);
          this.assertOpen(step);
          if (!step.allowed.includes(decision)) throw invalidInput(`decision must be one of ${step.allowed.join(', ')} for ${step.name}`);
          if (DECISIONS_NEEDING_REASON.includes(decision) && !reason?.trim()) throw invalidInput(`reason is required to ${decision}`);
          if (DECISIONS_ASKING_CORRECTION.includes(decision) && !(correctionItems?.length && correctionItems.every((i) => i.trim()))) {
            throw invalidInput('correctionItems must list every item to correct, at once (一次性告知)');
          }
        },
      },
    );

    setHandler(
      scoreExpertReviewUpdate,
      ({ stepId, actor, score, opinion }: ScoreExpertReviewInput) => {
        const step = this.step(stepId);
        step.panel!.scores.push({ userId: actor.userId, name: actor.name, score, opinion, at: new Date().toISOString() });
        this.note({ ...who(actor), action: 'expert-scored', reason: opinion, detail: { stepId, score, scored: step.panel!.scores.length, of: step.panel!.members.length } });
        return step;
      },
      {
        validator: ({ stepId, actor, score, opinion }: ScoreExpertReviewInput) => {
          const step = this.step(stepId);
          if (!step.panel) throw invalidState(`${step.name} is not an expert review`);
          if (actor.role !== 'expert' || !step.panel.members.some((m) => m.userId === actor.userId)) throw forbidden(`${actor.name} does not sit on this panel`);
          this.assertOpen(step);
          if (step.panel.scores.some((s) => s.userId === actor.userId)) throw invalidState(`${actor.name} has already scored`);
          if (!Number.isInteger(score) || score < 0 || score > 100) throw invalidInput('score must be a whole number from 0 to 100');
          if (!opinion?.trim()) throw invalidInput('opinion is required');
        },
      },
    );

    setHandler(
      answerCorrectionUpdate,
      ({ actor, responses }: AnswerCorrectionInput) => {
        const notice = this.pendingCorrection()!;
        notice.answeredAt = new Date().toISOString();
        notice.responses = responses;
        this.note({ ...who(actor), action: 'correction-answered', detail: { noticeId: notice.id, items: notice.items.length } });
        return notice;
      },
      {
        validator: ({ actor, responses }: AnswerCorrectionInput) => {
          this.assertApplicant(actor);
          if (this.withdrawn) throw invalidState('the case was withdrawn');
          const notice = this.pendingCorrection();
          if (!notice) throw invalidState('no correction notice is waiting for an answer');
          const missing = notice.items.filter((item) => !responses.some((r) => r.item === item && r.response.trim()));
          if (missing.length) throw invalidInput(`responses must answer every item of the notice; missing: ${missing.join('；')}`);
        },
      },
    );

    setHandler(
      withdrawUpdate,
      ({ actor, reason }: WithdrawInput) => {
        const at = new Date();
        this.state.withdrawn = { by: actor, at: at.toISOString(), reason };
        for (const step of this.state.steps) {
          if (step.status !== 'decided' && step.status !== 'cancelled') {
            step.status = 'cancelled';
            resumeClock(step.clock, at);
            step.clock.stoppedAt = at.toISOString();
          }
        }
        if (this.state.caseClock && !this.state.caseClock.stoppedAt) {
          resumeClock(this.state.caseClock, at);
          this.state.caseClock.stoppedAt = at.toISOString();
        }
        this.note({ ...who(actor), action: 'withdrawn', reason });
        this.clockChanged();
      },
      {
        validator: ({ actor }: WithdrawInput) => {
          this.assertApplicant(actor);
          if (this.withdrawn) throw invalidState('the case was already withdrawn');
          if (this.closed) throw invalidState('the case is already decided');
        },
      },
    );

    setHandler(
      urgeStepUpdate,
      ({ stepId, actor, note }: UrgeStepInput) => {
        const step = this.step(stepId);
        step.urges.push({ by: actor, at: new Date().toISOString(), note });
        this.note({ ...who(actor), action: 'urged', reason: note, detail: { stepId, step: step.name, agency: step.agency } });
        return step;
      },
      {
        validator: ({ stepId, actor, note }: UrgeStepInput) => {
          this.assertSupervisor(actor);
          this.assertOpen(this.step(stepId));
          if (!note?.trim()) throw invalidInput('note is required: say what the agency is urged to do');
        },
      },
    );

    setHandler(
      reassignStepUpdate,
      ({ stepId, actor, agency, assignee, reason }: ReassignStepInput) => {
        const step = this.step(stepId);
        const from = step.agency;
        step.agency = agency;
        step.assignee = assignee;
        step.status = assignee ? 'claimed' : 'open';
        this.note({ ...who(actor), action: 'reassigned', reason, detail: { stepId, step: step.name, from, to: agency, assignee: assignee?.name } });
        return step;
      },
      {
        validator: ({ stepId, actor, agency, reason }: ReassignStepInput) => {
          this.assertSupervisor(actor);
          this.assertOpen(this.step(stepId));
          if (!(agency in DEPARTMENTS)) throw invalidInput(`agency must be one of ${Object.keys(DEPARTMENTS).join(', ')}`);
          if (!reason?.trim()) throw invalidInput('reason is required to reassign');
        },
      },
    );

    setHandler(
      extendClockUpdate,
      ({ clockId, actor, days, reason }: ExtendClockInput) => {
        const clock = this.clockById(clockId)!;
        const at = new Date();
        extendClock(clock, { days, reason, by: actor.userId, at: at.toISOString() });
        const { dueOn, provisional } = readClock(clock, this.calendar, at);
        // Art. 42: the extension and its reason are told to the applicant — and whether the new date is provisional.
        this.issueDocument('extension-notice', '延长办理期限告知书', { clock: clock.label, days, reason, newDueOn: dueOn, ...provisionalDateNote(provisional) }, at);
        this.note({ ...who(actor), action: 'clock-extended', reason, detail: { clockId, clock: clock.label, days, dueOn, ...(provisional ? { provisional } : {}) } });
        this.clockChanged();
        return clock;
      },
      {
        validator: ({ clockId, actor, days, reason }: ExtendClockInput) => {
          this.assertSupervisor(actor);
          const clock = this.clockById(clockId);
          if (!clock || clock.stoppedAt) throw invalidState(`no running clock ${clockId} on this case`);
          if (!Number.isInteger(days) || days < 1 || days > 15) throw invalidInput('days must be a whole number from 1 to 15 (Art. 42: +10, joint handling +15)');
          if (!reason?.trim()) throw invalidInput('reason is required: the applicant is told why');
        },
      },
    );

    setHandler(
      startExclusionUpdate,
      ({ stepId, actor, kind, expectedDays, note }: StartExclusionInput) => {
        const step = this.step(stepId);
        const at = new Date();
        for (const clock of this.liveClocks()) pauseClock(clock, kind, at, note);
        // Art. 45: the applicant is told what is excluded and how long it is expected to take.
        this.issueDocument('exclusion-notice', '不计入办理期限告知书', { step: step.name, kind, expectedDays, note }, at);
        this.note({ ...who(actor), action: 'excluded-period-started', reason: note, detail: { stepId, kind, expectedDays } });
        this.clockChanged();
        return step.clock;
      },
      {
        validator: ({ stepId, actor, kind, expectedDays }: StartExclusionInput) => {
          const step = this.step(stepId);
          this.assertAgencyOf(step, actor);
          this.assertOpen(step);
          if (!EXCLUDED_PERIOD_KINDS.includes(kind)) throw invalidInput(`kind must be one of ${EXCLUDED_PERIOD_KINDS.join(', ')}`);
          if (!Number.isInteger(expectedDays) || expectedDays < 1 || expectedDays > 120) throw invalidInput('expectedDays must be a whole number from 1 to 120');
          if (openPause(step.clock)) throw invalidState(`the clock of ${step.name} is already paused`);
        },
      },
    );

    setHandler(
      endExclusionUpdate,
      ({ stepId, actor }: EndExclusionInput) => {
        const step = this.step(stepId);
        const at = new Date();
        for (const clock of this.liveClocks()) resumeClock(clock, at);
        this.note({ ...who(actor), action: 'excluded-period-ended', detail: { stepId } });
        this.clockChanged();
        return step.clock;
      },
      {
        validator: ({ stepId, actor }: EndExclusionInput) => {
          const step = this.step(stepId);
          this.assertAgencyOf(step, actor);
          const pause = openPause(step.clock);
          if (!pause || pause.reason === 'awaiting-applicant') throw invalidState(`no excluded period is running on ${step.name}`);
        },
      },
    );
  }

  /** Set by the process when it has reached a decision: nothing may be withdrawn after that. */
  closed = false;

  private clockById(clockId: string): SlaClock | undefined {
    if (clockId === 'case') return this.state.caseClock;
    return this.state.steps.find((s) => s.id === clockId)?.clock;
  }
}
