import { log } from '@temporalio/workflow';
import { OfficialYear, SEED_OFFICIAL_YEARS } from '../../libs/calendar/official-holidays.data';
import { officialYearProblems } from '../../libs/calendar/official-year-rules';
import { UnknownYearRule, WorkingCalendar } from '../../libs/calendar/working-calendar';
import type { CaseCalendarInput } from '../../libs/domain/case-engine.contract';

/**
 * The working-day calendar one case counts with: the State Council notices it was filed with, and
 * any loaded into it since (calendarYearLoaded). The notices arrive through the history, so a
 * replay counts exactly as the case did, whatever the code's seed data.
 */
export class CaseCalendar {
  private calendar: WorkingCalendar;

  constructor(
    private readonly unknownYears: UnknownYearRule,
    input?: CaseCalendarInput,
  ) {
    // A case filed without calendar data (before the API passed it) counts with the seed years it always had.
    this.calendar = this.calendarOf(input?.officialYears ?? [...SEED_OFFICIAL_YEARS]);
  }

  get current(): WorkingCalendar {
    return this.calendar;
  }

  /** Whether a notice is one to load: it holds together, and is newer than the version the case has. */
  isNew(notice: OfficialYear): boolean {
    if (!notice || typeof notice !== 'object') {
      log.warn('calendar notice refused: no notice in the signal');
      return false;
    }
    const problems = officialYearProblems(notice);
    if (problems.length || !Number.isInteger(notice.version) || notice.version < 1) {
      log.warn('calendar notice refused: it does not hold together', { year: notice?.year, version: notice?.version, problems });
      return false;
    }
    const known = this.calendar.officialYear(notice.year);
    return !(known && known.version >= notice.version);
  }

  adopt(notice: OfficialYear): void {
    this.calendar = this.calendarOf([...this.calendar.officialYears.filter((y) => y.year !== notice.year), notice]);
    log.info('official calendar loaded into the case', { year: notice.year, version: notice.version });
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
}
