import type { Actor } from '../../libs/domain/case-engine.contract';
import type { ActorRole, TimelineEntry } from '../../libs/domain/case-record';
import { DepartmentCode, departmentName } from '../../libs/domain/departments';
import { CaseJournal } from './case-journal';

/** What an entry says besides who did what: the reason shown to people, the detail for the record. */
export interface Said {
  reason?: string;
  detail?: Record<string, unknown>;
}

/**
 * The case's timeline as the processes write it: one helper per kind of author, so an entry's
 * actor, role and agency are set in one place, and every entry marks the case as changed.
 */
export class Timeline {
  constructor(
    private readonly journal: CaseJournal,
    private readonly changed: () => void,
  ) {}

  /** Every entry so far, for the reconciler. */
  get entries(): readonly TimelineEntry[] {
    return this.journal.all;
  }

  /** A person acted (claimed, decided, answered, urged …): as the verified token names them. */
  by(actor: Actor, action: string, said: Said = {}): void {
    this.add(actor.userId, actor.role, actor.agency, action, said);
  }

  /** A department, or its service, answered or acted. */
  department(code: DepartmentCode, action: string, said: Said = {}): void {
    this.add(code, 'system', code, action, said);
  }

  /** The engine itself, on an agency's behalf: a step opened or cancelled, a correction asked. */
  system(agency: DepartmentCode | undefined, action: string, said: Said = {}): void {
    this.add('system', 'system', agency, action, said);
  }

  /** A clock turned yellow or red. */
  clock(agency: DepartmentCode | undefined, action: string, said: Said = {}): void {
    this.add('sla-clock', 'system', agency, action, said);
  }

  /** A due date moved with a newly loaded holiday notice. */
  calendar(agency: DepartmentCode | undefined, action: string, said: Said = {}): void {
    this.add('calendar', 'system', agency, action, said);
  }

  /** Anyone, without an account (an objection during 公示). */
  public(agency: DepartmentCode, action: string, said: Said = {}): void {
    this.add('public', 'public', agency, action, said);
  }

  /** The application arrived: the first entry of every case. */
  filed(applicantId: string, process: string, filedBy: Actor | undefined, more: Record<string, unknown>): void {
    this.add(filedBy?.userId ?? applicantId, 'applicant', undefined, 'filed', { detail: { process, applicant: applicantId, ...more } });
  }

  /** 数据共享: what a department holds arrived (or it holds nothing), labelled with the department. */
  sharedDataReceived(department: DepartmentCode, what: string, record: unknown): void {
    const found = Array.isArray(record) ? record.length > 0 : record !== null;
    this.department(department, 'shared-data-received', { detail: { department: departmentName(department), what, found } });
  }

  private add(actor: string, role: ActorRole, agency: string | undefined, action: string, { reason, detail }: Said): void {
    this.journal.note({ actor, role, agency, action, reason, detail });
    this.changed();
  }
}
