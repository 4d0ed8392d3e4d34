import { OfficialYear, noticeName } from '../../libs/calendar/official-holidays.data';
import type { WorkingCalendar } from '../../libs/calendar/working-calendar';
import type { CaseSnapshot } from '../../libs/domain/case-record';
import type { EngineState } from '../../libs/domain/case-engine.contract';
import { ClockExtension, ClockReading, PauseReason, SlaClock, SlaColour, extendClock, pauseClock, readClock, resumeClock, startClock, stopClock } from '../../libs/domain/sla-clock';
import type { CaseCalendar } from './case-calendar';
import type { Timeline } from './timeline';

type ClockSpec = Parameters<typeof startClock>[0];

/**
 * The case's clocks and the working-day calendar they count with. Every change goes through a
 * method here, which marks it: the case as changed (the projector writes it), and — when a
 * running clock's budget moved (pause, resume, extension, stop) — `changes`, on which the clock
 * watchers wake and re-arm their timers. A new clock has no watcher yet, so it marks the case only.
 */
export class Clocks {
  /** Bumped whenever a running clock's budget changes: watchers re-arm. */
  changes = 0;

  constructor(
    private readonly state: EngineState,
    private readonly timeline: Timeline,
    private readonly touch: () => void,
    private readonly caseCalendar: CaseCalendar,
  ) {}

  /** The notices this case was filed with and any loaded since. */
  get calendar(): WorkingCalendar {
    return this.caseCalendar.current;
  }

  read(clock: SlaClock, at = new Date()): ClockReading {
    return readClock(clock, this.calendar, at);
  }

  /** Every clock now running on the case: the case's own and each open step's. */
  live(): SlaClock[] {
    const clocks = this.state.steps.filter((s) => s.status !== 'decided' && s.status !== 'cancelled').map((s) => s.clock);
    return this.state.caseClock ? [this.state.caseClock, ...clocks] : clocks;
  }

  byId(clockId: string): SlaClock | undefined {
    return clockId === 'case' ? this.state.caseClock : this.state.steps.find((s) => s.id === clockId)?.clock;
  }

  start(spec: ClockSpec, at: Date): SlaClock {
    this.touch();
    return startClock(spec, at);
  }

  /** Art. 42: the case's decision limit, from acceptance. */
  startCaseClock(spec: Omit<ClockSpec, 'id'>, at: Date): SlaClock {
    this.state.caseClock = startClock({ id: 'case', ...spec }, at);
    this.changed();
    return this.state.caseClock;
  }

  pause(clocks: SlaClock | SlaClock[], reason: PauseReason, at: Date, note?: string): void {
    for (const clock of [clocks].flat()) pauseClock(clock, reason, at, note);
    this.changed();
  }

  resume(clocks: SlaClock | SlaClock[], at: Date): void {
    for (const clock of [clocks].flat()) resumeClock(clock, at);
    this.changed();
  }

  /** Stops the clock if it still runs; watchers wake either way, to see it stopped. */
  stop(clock: SlaClock | undefined, at: Date): void {
    if (clock && !clock.stoppedAt) stopClock(clock, at);
    this.changed();
  }

  /** A stopped step clock runs again (the step is back with its agency, or waits on the applicant). */
  restart(clock: SlaClock): void {
    clock.stoppedAt = undefined;
    this.changed();
  }

  extend(clock: SlaClock, extension: ClockExtension): void {
    extendClock(clock, extension);
    this.changed();
  }

  /** A colour announced, once. */
  reach(clock: SlaClock, colour: SlaColour): void {
    clock.reached.push(colour);
    this.touch();
  }

  /** The case's decision clock as the case view shows it, once it runs. */
  caseClockView(): CaseSnapshot['clock'] {
    const clock = this.state.caseClock;
    return (
      clock && {
        ...this.read(clock),
        label: clock.label,
        limitDays: clock.limitDays,
        statutoryDays: clock.statutoryDays,
        startedAt: clock.startedAt,
        ledger: { pauses: clock.pauses, extensions: clock.extensions },
      }
    );
  }

  /**
   * A year's notice loaded after filing (calendarYearLoaded): recount every running clock with it,
   * note each due date that moved (from → to, and the notice), and wake the watchers so their
   * timers re-arm. A version the case already has — a rollout's second sweep, or a case filed
   * after the load — changes nothing. The data comes through the history: replay recounts the same.
   */
  loadYear(notice: OfficialYear): void {
    if (!this.caseCalendar.isNew(notice)) return;
    const now = new Date();
    const clocks = this.live().filter((c) => !c.stoppedAt);
    const before = new Map<SlaClock, ClockReading>(clocks.map((c) => [c, this.read(c, now)]));
    this.caseCalendar.adopt(notice);
    let changed = false;
    for (const clock of clocks) {
      const was = before.get(clock)!;
      const reading = this.read(clock, now);
      // A case whose clocks read the same (most, for a year they do not reach) is left alone: no projection, no timer re-armed.
      if (reading.dueOn !== was.dueOn || reading.warnOn !== was.warnOn || reading.provisional !== was.provisional || reading.colour !== was.colour) changed = true;
      if (reading.dueOn === was.dueOn) continue;
      const agency = this.state.steps.find((s) => s.clock === clock)?.agency;
      this.timeline.calendar(agency, 'due-date-moved', {
        reason: `${clock.label}的办理期限由 ${was.dueOn} 调整为 ${reading.dueOn}（依据${noticeName(notice)}）`,
        detail: { clockId: clock.id, clock: clock.label, previousDueOn: was.dueOn, dueOn: reading.dueOn, provisional: reading.provisional, notice: noticeName(notice), year: notice.year, version: notice.version },
      });
    }
    if (changed) this.changed();
  }

  /** Marks a budget change: the case is projected and every watcher re-arms. */
  private changed(): void {
    this.changes += 1;
    this.touch();
  }
}
