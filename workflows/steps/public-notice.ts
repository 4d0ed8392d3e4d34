import { beijingDate } from '../../libs/domain/calendar-date';
import type { DepartmentCode } from '../../libs/domain/departments';
import { endOfBeijingDay } from '../../libs/domain/sla-clock';
import type { Objection, ObjectionInput } from '../../libs/processes/public-notice.contract';
import type { CaseEngine } from '../engine/case-engine';
import { invalidInput, invalidState } from '../engine/failures';

export interface PublicNoticeSpec {
  agency: DepartmentCode;
  /** The notice's title and what it publishes (never personal data). */
  title: string;
  body: Record<string, unknown>;
  workingDays: number;
  /** Development and demos only: the notice lasts this many seconds instead. */
  seconds?: number;
}

/**
 * 公示: the decision is published for the configured working days; the period is excluded from
 * the decision limit. While it runs, `window.open` lets the process's own objection update in;
 * an objection ends the notice early. Returns the objection that interrupted it, if any.
 */
export async function publicNotice<T>(engine: CaseEngine, spec: PublicNoticeSpec, window: { open: boolean }, objections: readonly T[]): Promise<T | undefined> {
  const start = new Date();
  const calendar = engine.clocks.calendar;
  const lastDay = calendar.addWorkingDays(beijingDate(start), spec.workingDays);
  const endsAt = spec.seconds ? new Date(start.getTime() + spec.seconds * 1000) : endOfBeijingDay(lastDay);
  // The period is announced once and runs as announced; if it counts days without a notice, the announcement says so.
  const provisional = !spec.seconds && calendar.countsProvisionalDays(beijingDate(start), lastDay);
  const caseClock = engine.state.caseClock!;
  engine.clocks.pause(caseClock, 'public-notice', start, '公示');
  engine.issueDocument('public-notice', spec.title, {
    ...spec.body,
    from: start.toISOString(),
    endsAt: endsAt.toISOString(),
    ...(provisional
      ? { provisional: true, calendarNote: '公示期涉及国务院办公厅尚未公布节假日安排的年份，按《全国年节及纪念日放假办法》规定的法定节假日计算；公示期以本公告所载截止时间为准。' }
      : {}),
  });
  engine.timeline.department(spec.agency, 'public-notice-started', { detail: { endsAt: endsAt.toISOString() } });
  const before = objections.length;
  window.open = true;
  try {
    const objected = await engine.waitFor(() => objections.length > before, Math.max(endsAt.getTime() - start.getTime(), 1));
    engine.timeline.department(spec.agency, objected ? 'public-notice-interrupted' : 'public-notice-ended');
    return objected ? objections[before] : undefined;
  } finally {
    window.open = false;
    engine.clocks.resume(caseClock, new Date());
  }
}

/** A case that holds 公示: its notice window and the objections lodged in it. */
export interface NoticeCase {
  readonly caseId: string;
  readonly engine: CaseEngine;
  readonly notice: { open: boolean };
  readonly objections: Objection[];
}

/** 公示 objection: anyone, while the notice runs, with a name, a contact and a reason. */
export function validateObjection(c: NoticeCase, { name, contact, reason }: ObjectionInput): void {
  if (!c.notice.open) throw invalidState('publicNotice.notOpen');
  if (![name, contact, reason].every((v) => typeof v === 'string' && v.trim())) throw invalidInput('objection.fieldsRequired');
}

/** Kept in the case file; the timeline says an objection came and why, never who made it (`agency` handles it). */
export function lodgeObjection(c: NoticeCase, agency: DepartmentCode, { name, contact, reason }: ObjectionInput): { id: string } {
  const objection: Objection = { id: `${c.caseId}.o${c.objections.length + 1}`, name, contact, reason, at: new Date().toISOString() };
  c.objections.push(objection);
  c.engine.timeline.public(agency, 'objection-lodged', { reason, detail: { objectionId: objection.id } });
  return { id: objection.id };
}
