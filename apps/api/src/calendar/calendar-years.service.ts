import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { QueryFailedError, Repository } from 'typeorm';
import {
  OfficialYear,
  OfficialYearDraft,
  WorkingCalendar,
  YearChanges,
  compareYear,
  noticeName,
  officialYearProblems,
  provisionalYear,
} from '../../../../libs/calendar';
import { Actor, CALENDAR_ROLLOUT_WORKFLOW, CalendarRolloutInput, CaseCalendarInput, beijingDate, calendarRolloutId } from '../../../../libs/domain';
import { ApiError, invalidRequest, problem } from '../../../../libs/dto';
import { CalendarYearRecord } from '../../../../libs/persistence';
import { TEMPORAL_CLIENT } from '../../../../libs/temporal';
import type { CalendarYearDto } from './calendar-year.dto';

export const CALENDAR_SETTINGS = Symbol('CALENDAR_SETTINGS');
export interface CalendarSettings {
  taskQueue: string;
}

/**
 * A filing reads the calendar, then starts its workflow: a load landing in between reaches that
 * case only through the rollout's second sweep, this long after the first. A filing takes
 * milliseconds; a minute leaves room for a slow one and for visibility to catch up.
 */
export const RESWEEP_AFTER_SECONDS = 60;

export interface CalendarVersionView {
  year: number;
  version: number;
  title: string;
  documentNumber?: string;
  notice: string;
  holidays: OfficialYear['holidays'];
  makeUpWorkdays: string[];
  loadedBy: { userId: string; name: string };
  loadedAt: string;
  /** Against the calendar before this load: the previous version, or the provisional calendar. */
  changes: YearChanges;
}

export interface LoadResult extends CalendarVersionView {
  /** False when the notice equals the current version: nothing new was saved. */
  created: boolean;
  /** The version this load replaced, if the year had one. */
  previousVersion?: number;
  rollout: { workflowId: string };
}

const versionView = (r: CalendarYearRecord): CalendarVersionView => ({
  year: r.year,
  version: r.version,
  title: r.title,
  documentNumber: r.documentNumber ?? undefined,
  notice: noticeName({ title: r.title, documentNumber: r.documentNumber ?? undefined }),
  holidays: r.holidays,
  makeUpWorkdays: r.makeUpWorkdays,
  loadedBy: { userId: r.loadedBy, name: r.loadedByName },
  loadedAt: r.loadedAt.toISOString(),
  changes: r.changes,
});

const officialYearOf = (r: CalendarYearRecord): OfficialYear => ({
  year: r.year,
  version: r.version,
  title: r.title,
  ...(r.documentNumber ? { documentNumber: r.documentNumber } : {}),
  holidays: r.holidays,
  makeUpWorkdays: r.makeUpWorkdays,
});

/** The same notice, whatever order its lists came in. */
function sameNotice(a: OfficialYearDraft, b: OfficialYearDraft): boolean {
  const canonical = (y: OfficialYearDraft) =>
    JSON.stringify([
      y.title.trim(),
      y.documentNumber?.trim() ?? null,
      [...y.holidays].map((h) => [h.name.trim(), h.from, h.to]).sort(),
      [...y.makeUpWorkdays].sort(),
    ]);
  return canonical(a) === canonical(b);
}

/**
 * The official calendar as data: years loaded by supervisors, every load kept as a version with
 * who and when (calendar_years is append-only). A load is checked whole, saved, and rolled out
 * to running cases by the calendarRollout workflow; new filings read the current years here.
 */
@Injectable()
export class CalendarYearsService {
  private readonly logger = new Logger('Calendar');

  constructor(
    @InjectRepository(CalendarYearRecord) private readonly years: Repository<CalendarYearRecord>,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CALENDAR_SETTINGS) private readonly settings: CalendarSettings,
  ) {}

  /** The latest version of each year loaded, from `fromYear` on, in year order. */
  async officialYears(fromYear = 0): Promise<OfficialYear[]> {
    const rows = await this.years
      .createQueryBuilder('y')
      .distinctOn(['y.year'])
      .where('y.year >= :fromYear', { fromYear })
      .orderBy('y.year', 'ASC')
      .addOrderBy('y.version', 'DESC')
      .getMany();
    return rows.map(officialYearOf);
  }

  /**
   * What a case is filed with: the years it can count in — from last year on (a deemed acceptance
   * dates back to receipt, never further) — so its input stays small however many years pile up.
   */
  async caseCalendar(now = new Date()): Promise<CaseCalendarInput> {
    return { officialYears: await this.officialYears(Number(beijingDate(now).slice(0, 4)) - 1) };
  }

  async list(): Promise<Array<CalendarVersionView & { versions: number }>> {
    const latest = await this.years.createQueryBuilder('y').distinctOn(['y.year']).orderBy('y.year', 'ASC').addOrderBy('y.version', 'DESC').getMany();
    return latest.map((r) => ({ ...versionView(r), versions: r.version }));
  }

  /** One year: its current version and every earlier one, or the provisional calendar the law gives if none is loaded. */
  async year(year: number) {
    const rows = await this.years.find({ where: { year }, order: { version: 'DESC' } });
    if (rows.length) return { year, status: 'official' as const, current: versionView(rows[0]), versions: rows.map(versionView) };
    const provisional = provisionalYear(year);
    return {
      year,
      status: 'provisional' as const,
      current: { year, title: provisional.title, basis: provisional.basis, holidays: provisional.holidays, makeUpWorkdays: [], daysOff: provisional.daysOff },
      versions: [],
    };
  }

  async load(year: number, dto: CalendarYearDto, actor: Actor): Promise<LoadResult> {
    if (dto.year !== undefined && dto.year !== year) {
      throw invalidRequest([problem('year', 'matchesPath', 'calendar.yearMatchesPath', { year: dto.year, pathYear: year })]);
    }
    const draft: OfficialYearDraft = {
      year,
      title: dto.title.trim(),
      documentNumber: dto.documentNumber?.trim() || undefined,
      holidays: dto.holidays.map((h) => ({ name: h.name.trim(), from: h.from, to: h.to })),
      makeUpWorkdays: [...dto.makeUpWorkdays],
    };
    // Every rule at once, before a single date reaches a calendar.
    const problems = officialYearProblems(draft);
    if (problems.length) throw invalidRequest(problems);

    const current = await this.years.findOne({ where: { year }, order: { version: 'DESC' } });
    if (current && sameNotice(draft, officialYearOf(current))) {
      // A retry, or the same notice again: nothing new to keep; make sure its rollout ran.
      return { ...versionView(current), created: false, rollout: await this.rollOut(officialYearOf(current)) };
    }
    const notice: OfficialYear = { ...draft, version: (current?.version ?? 0) + 1 };
    const changes = compareYear(year, new WorkingCalendar(current ? [officialYearOf(current)] : []), new WorkingCalendar([notice]));
    let saved: CalendarYearRecord;
    try {
      saved = await this.years.save(
        this.years.create({
          year,
          version: notice.version,
          title: notice.title,
          documentNumber: notice.documentNumber ?? null,
          holidays: notice.holidays,
          makeUpWorkdays: notice.makeUpWorkdays,
          loadedBy: actor.userId,
          loadedByName: actor.name,
          loadedAt: new Date(),
          changes,
        }),
      );
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505') {
        throw new ApiError(409, 'calendar.concurrentLoad', { year, version: notice.version });
      }
      throw error;
    }
    this.logger.log(`${year} calendar version ${notice.version} loaded by ${actor.userId}: ${changes.nowOff.length} days now off, ${changes.nowWorking.length} now worked`);
    return { ...versionView(saved), created: true, previousVersion: current?.version, rollout: await this.rollOut(notice) };
  }

  /** Starts the rollout of a version to running cases, once: loading the same version again finds it started. */
  private async rollOut(notice: OfficialYear): Promise<{ workflowId: string }> {
    const workflowId = calendarRolloutId(notice.year, notice.version);
    const input: CalendarRolloutInput = { notice, resweepAfterSeconds: RESWEEP_AFTER_SECONDS };
    try {
      await this.temporal.workflow.start(CALENDAR_ROLLOUT_WORKFLOW, {
        workflowId,
        taskQueue: this.settings.taskQueue,
        args: [input],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return { workflowId };
      this.logger.error(`rollout of ${notice.year} v${notice.version} not started: ${String(error)}`);
      throw new ApiError(503, 'calendar.rolloutPending', { year: notice.year, version: notice.version });
    }
    return { workflowId };
  }
}
