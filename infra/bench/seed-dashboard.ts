import { Pool, PoolClient } from 'pg';
import { WorkingCalendar, addCalendarDays } from '../../libs/calendar';
import { beijingDate } from '../../libs/domain/calendar-date';
import { DEPARTMENTS, DepartmentCode } from '../../libs/domain/departments';
import type { ProcessDefinition, ProcessSeed, SeedPath, SeedRandom, SeedStep } from '../../libs/processes';
import { REGISTERED, caseHasEnded } from '../../libs/processes/registry';
import { ChainedEntry, chainHash } from '../../libs/persistence/audit-chain';

/**
 * Loads a large, realistic read model for benchmarking the dashboards: cases of every registered
 * process that has a seed profile (`libs/processes/<code>/<code>.seed.ts`) with their steps (agencies, names and time limits as the workflows set them),
 * SLA clocks whose colours follow from their dates on the official working-day calendar, and a
 * timeline per case whose hash chain verifies (npm run audit:verify). The timeline keeps the
 * entries people read (filing, the path taken, each decision, open steps with their SLA warnings
 * and escalations, the outcome: 3–12 a case); the data-sharing entries and the step-opened
 * entries of decided steps are left out to keep seeding fast. Rows are generated in memory and
 * written with multi-row INSERT … SELECT FROM unnest(…), a batch at a time.
 *
 * Seeded ids start with the prefix (default `seed-`), which no real case id does (real ids start
 * with their process). The timeline is append-only: seeded entries cannot be deleted again, so
 * seed a throwaway database (the benchmark does), or pass timeline: false.
 */
export interface SeedOptions {
  databaseUrl: string;
  /** Default 100,000. */
  cases?: number;
  /** Share of cases still running (default 0.09). */
  runningShare?: number;
  /** Write timeline entries with their hash chain (default true). */
  timeline?: boolean;
  /** Case id prefix (default `seed-`). */
  prefix?: string;
  /** Cases per INSERT batch (default 2,000). */
  batchSize?: number;
  /** PRNG seed, so two runs load the same data (default 20261125). */
  seed?: number;
  /** The "now" the clocks are read at (default: the current time). */
  now?: Date;
  /** VACUUM ANALYZE afterwards: the tables as autovacuum leaves them on a live system (default true). */
  analyze?: boolean;
  log?: (line: string) => void;
}

export interface SeedReport {
  cases: number;
  runningCases: number;
  steps: number;
  openSteps: number;
  timelineEntries: number;
  byProcess: Record<string, number>;
  openStepsByColour: Record<string, number>;
  seconds: number;
}

/** A registered process the seed imitates, with its profile from its own folder. */
interface Seeded {
  code: string;
  profile: ProcessSeed;
}
type Process = string;
type Colour = 'green' | 'yellow' | 'red';
type StepSpec = SeedStep;
type Path = SeedPath & { seeded: Seeded };

/** Every registered process's seed profile (`<code>/<code>.seed.ts`, exporting `seed`); a process without one is not seeded. */
async function seededProcesses(): Promise<Seeded[]> {
  const found: Seeded[] = [];
  for (const process of REGISTERED as readonly ProcessDefinition[]) {
    try {
      const { seed } = (await import(`../../libs/processes/${process.code}/${process.code}.seed`)) as { seed?: ProcessSeed };
      if (seed) found.push({ code: process.code, profile: seed });
    } catch (error) {
      if (!((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && (error as Error).message.includes(`${process.code}.seed`))) throw error;
    }
  }
  if (!found.length) throw new Error('no registered process has a seed profile');
  return found;
}

const NAME_PARTS = ['芯', '云', '智', '星', '华', '源', '博', '瑞', '辰', '泰', '恒', '锐', '微', '数', '量', '视', '联', '创', '科', '睿'];
const INDUSTRIES = ['科技', '信息技术', '生物科技', '智能装备', '新材料', '医药', '半导体', '数据服务', '软件', '能源科技'];
const STAFF: Partial<Record<DepartmentCode, { userId: string; name: string }>> = {
  zgc: { userId: 'zgc-reviewer', name: '张科员（市科委、中关村管委会）' },
  finance: { userId: 'finance-officer', name: '赵科员（市财政局）' },
  tax: { userId: 'tax-officer', name: '孙科员（北京市税务局）' },
  district: { userId: 'district-officer', name: '周科员（海淀区政府）' },
  'market-supervision': { userId: 'market-officer', name: '吴科员（市市场监管局）' },
  'finance-regulator': { userId: 'regulator-officer', name: '钱处长（市金融监管局）' },
  csrc: { userId: 'csrc-officer', name: '郑科员（北京证监局）' },
  bse: { userId: 'bse-officer', name: '冯审核员（北交所）' },
  ecology: { userId: 'ecology-officer', name: '褚科员（市生态环境局）' },
  'talent-bureau': { userId: 'talent-officer', name: '韩科员（市人才工作局）' },
  'hr-social-security': { userId: 'hrss-officer', name: '杨科员（市人社局）' },
  'public-security': { userId: 'police-officer', name: '朱警官（市公安局出入境）' },
  housing: { userId: 'housing-officer', name: '秦科员（市住建委）' },
};
const staffOf = (agency: DepartmentCode) => STAFF[agency] ?? { userId: `${agency}-officer`, name: `经办人（${DEPARTMENTS[agency]}）` };
const SUPERVISOR = { userId: 'supervisor', name: '王监察（电子监察）' };

/** mulberry32: small, fast, and the same sequence for the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ——— rows as the projection (activities/read-model.activities.ts) writes them ———

interface CaseRow {
  id: string;
  process: Process;
  status: string;
  applicantId: string;
  title: string;
  version: number;
  filedAt: string;
  decidedAt: string | null;
  decision: string | null;
  application: string;
  assessment: string | null;
  updatedAt: string;
  dueOn: string | null;
  colour: Colour | null;
  paused: boolean;
  escalated: boolean;
  clock: string | null;
  enterpriseName: string;
  ended: boolean;
}

interface StepRow {
  id: string;
  caseId: string;
  process: Process;
  name: string;
  kind: string;
  agency: string;
  assigneeId: string | null;
  assigneeName: string | null;
  status: string;
  allowed: string;
  round: number;
  openedAt: string;
  dueOn: string;
  warnOn: string;
  colour: Colour;
  paused: boolean;
  escalated: boolean;
  decidedAt: string | null;
  decision: string | null;
  reason: string | null;
  decidedBy: string | null;
  urges: string;
  clock: string;
  version: number;
  panel: string | null;
}

/** A timeline entry as the chain covers it, with the hashes that link it. */
interface TimelineRow extends ChainedEntry {
  detail: Record<string, unknown> | null;
  prevHash: string | null;
  hash: string;
}

interface Batch {
  cases: CaseRow[];
  steps: StepRow[];
  timeline: TimelineRow[];
}

/** Generates cases one at a time; deterministic for a given seed and "now". */
class CaseFactory {
  private readonly rnd: () => number;
  private readonly calendar = new WorkingCalendar();
  private readonly today: string;
  private readonly addMemo = new Map<string, string>();
  private readonly subMemo = new Map<string, string>();
  readonly stats = { running: 0, steps: 0, openSteps: 0, timeline: 0, byProcess: {} as Record<string, number>, openByColour: { green: 0, yellow: 0, red: 0 } as Record<string, number> };

  constructor(
    seed: number,
    private readonly now: Date,
    private readonly prefix: string,
    private readonly runningShare: number,
    private readonly withTimeline: boolean,
    private readonly processes: readonly Seeded[],
  ) {
    this.rnd = prng(seed);
    this.today = beijingDate(now);
    this.random = { rnd: () => this.rnd(), chance: (p) => this.chance(p), int: (lo, hi) => this.int(lo, hi), pick: (items) => this.pick(items), weighted: (options) => this.weighted(options) };
  }
  /** The same random numbers, for the processes' profiles. */
  private readonly random: SeedRandom;

  // ——— random helpers ———
  private chance(p: number): boolean {
    return this.rnd() < p;
  }
  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)];
  }
  private weighted<T>(options: Array<[T, number]>): T {
    const total = options.reduce((s, [, w]) => s + w, 0);
    let r = this.rnd() * total;
    for (const [value, w] of options) if ((r -= w) < 0) return value;
    return options[options.length - 1][0];
  }

  // ——— the calendar (memoised: the same few hundred days come up again and again) ———
  private addWd(day: string, n: number): string {
    const key = `${day}+${n}`;
    let v = this.addMemo.get(key);
    if (v === undefined) this.addMemo.set(key, (v = this.calendar.addWorkingDays(day, n)));
    return v;
  }
  private subWd(day: string, n: number): string {
    const key = `${day}-${n}`;
    let v = this.subMemo.get(key);
    if (v === undefined) {
      let d = day;
      for (let left = n; left > 0; ) {
        d = addCalendarDays(d, -1);
        if (this.calendar.isWorkingDay(d)) left -= 1;
      }
      this.subMemo.set(key, (v = d));
    }
    return v;
  }
  /** An instant during office hours (09:00–17:59 Beijing) on that day, ms after `after` if given. */
  private officeTime(day: string, after?: number): number {
    const t = Date.parse(`${day}T09:00:00+08:00`) + Math.floor(this.rnd() * 9 * 3_600_000);
    const instant = after !== undefined && t <= after ? after + 60_000 + Math.floor(this.rnd() * 3_600_000) : t;
    return Math.min(instant, this.now.getTime() - 1000);
  }
  /** The colour readClock gives a clock started on `start` with this budget, read on `on`. */
  private colourOn(start: string, limit: number, warn: number, on: string): { dueOn: string; warnOn: string; colour: Colour } {
    const dueOn = this.addWd(start, limit);
    const warnOn = this.addWd(start, Math.max(0, limit - warn));
    return { dueOn, warnOn, colour: on > dueOn ? 'red' : on > warnOn ? 'yellow' : 'green' };
  }

  /** How long a decided step took: mostly in time, some in the warning window, a few late. */
  private duration(spec: StepSpec): number {
    const green = Math.max(0, spec.limit - spec.warn);
    const colour = this.weighted<Colour>([['green', 0.84], ['yellow', spec.warn > 0 ? 0.1 : 0], ['red', spec.deemAccepted ? 0 : 0.06]]);
    if (colour === 'red') return spec.limit + this.int(1, 8);
    if (colour === 'yellow') return this.int(green + 1, spec.limit);
    // Early decisions are the common case: skew towards the start of the window.
    return Math.floor(Math.pow(this.rnd(), 1.6) * (green + 1));
  }

  /** Age in working days of a step still open today: green ≈ 72 %, yellow ≈ 17 %, red ≈ 11 %. */
  private openAge(spec: StepSpec): number {
    const green = Math.max(0, spec.limit - spec.warn);
    const colour = this.weighted<Colour>([['green', 0.72], ['yellow', spec.warn > 0 ? 0.17 : 0], ['red', spec.deemAccepted ? 0 : 0.11]]);
    if (colour === 'red') return spec.limit + this.int(1, 15);
    if (colour === 'yellow') return this.int(green + 1, spec.limit);
    return this.int(0, green);
  }

  // ——— paths ———
  private path(seeded: Seeded): Path {
    return { ...seeded.profile.path(this.random), seeded };
  }

  // ——— one case ———
  make(n: number, batch: Batch): void {
    const seeded = this.weighted<Seeded>(this.processes.map((p) => [p, p.profile.share]));
    const { profile } = seeded;
    const process: Process = seeded.code;
    this.stats.byProcess[process] = (this.stats.byProcess[process] ?? 0) + 1;
    const id = `${this.prefix}${process}-${String(n).padStart(7, '0')}`;
    const path = this.path(seeded);
    const running = path.stages.length > 0 && this.chance(this.runningShare);
    if (running) this.stats.running += 1;

    // How the case ends (terminal) or where it stands (running): the stage it reached.
    type Outcome = 'done' | 'rejected' | 'refused' | 'withdrawn';
    let reached = path.stages.length; // stages fully run
    let outcome: Outcome = 'done';
    let inPublicNotice = false;
    if (running && profile.publicNotice && !path.fastPath && this.chance(profile.publicNotice.share)) {
      // 公示 (no step open, the decision clock paused) between the last review and the decision.
      inPublicNotice = true;
      reached = profile.publicNotice.afterStages;
      path.stages.length = profile.publicNotice.afterStages;
    } else if (running) {
      reached = path.fastPath ? 0 : this.int(0, path.stages.length - 1);
    } else if (!path.fastPath && path.stages.length) {
      outcome = this.weighted<Outcome>([['done', 0.84], ['rejected', 0.09], ['withdrawn', 0.04], ['refused', profile.refused.share]]);
      if (outcome === 'refused') reached = profile.refused.reached; // its first step refused it, or refused before any step
      if (outcome === 'rejected') reached = profile.rejectedAfter(this.random, path.stages.length);
      if (outcome === 'withdrawn') reached = this.int(0, path.stages.length - 1);
    }

    // Durations (working days) of every step in the stages that ran, and ages of the current stage's.
    const stagesRun = path.stages.slice(0, Math.max(0, running || outcome === 'done' ? reached : reached + 1));
    const durations = stagesRun.map((stage) => stage.map((spec) => this.duration(spec)));
    const currentStage = running && !inPublicNotice ? path.stages[reached] : undefined;
    const currentAges = currentStage?.map((spec) => this.openAge(spec));
    // Which current-stage steps are still open: in a parallel stage some may be decided already.
    const stillOpen = currentStage?.map(() => currentStage.length === 1 || this.chance(0.65));
    if (stillOpen && !stillOpen.some(Boolean)) stillOpen[this.int(0, stillOpen.length - 1)] = true;
    const publicNoticeAge = inPublicNotice ? this.int(0, 5) : 0;
    // The step whose decision ended a rejected or refused case: one that may reject.
    const lastRun = stagesRun[stagesRun.length - 1] ?? [];
    const endingIndex = outcome === 'rejected' || outcome === 'refused' ? Math.max(0, lastRun.findIndex((s) => s.panel || s.allowed.includes('reject') || s.allowed.includes('refuse'))) : -1;

    const span = durations.reduce((s, d) => s + Math.max(0, ...d), 0);
    const currentSpan = currentAges ? Math.max(...currentAges) : publicNoticeAge;
    let filedDay: string;
    if (running) filedDay = this.subWd(this.today, span + currentSpan);
    else filedDay = this.subWd(this.today, span + this.int(path.fastPath ? 0 : 2, 480));
    const filedAt = this.officeTime(filedDay);
    let version = 0;

    // ——— timeline, in time order ———
    const entries: Array<Omit<TimelineRow, 'seq' | 'prevHash' | 'hash' | 'caseId'>> = [];
    const note = (at: number, actor: string, role: string, agency: string | null, action: string, reason: string | null = null, detail: Record<string, unknown> | null = null) =>
      entries.push({ at: new Date(at).toISOString(), actor, role, agency, action, reason, detail });
    const applicantId = this.creditCode();
    const enterprise = this.enterpriseName();
    note(filedAt, `applicant-${applicantId.slice(-6)}`, 'applicant', null, 'filed', null, { process });
    let t = filedAt + 1000;
    const filing = profile.afterFiling(path, reached === -1);
    note((t += filing.delayMs), filing.actor, 'system', filing.agency, filing.action, null, filing.detail ?? null);

    // ——— steps ———
    const steps: StepRow[] = [];
    let stepNo = 0;
    let cursor = filedDay;
    let lastAt = t;
    let acceptedDay: string | undefined;
    let rejectedStep: StepRow | undefined;
    const stepRow = (spec: StepSpec, openedDay: string, openedAt: number): StepRow => ({
      id: `${id}.${++stepNo}`,
      caseId: id,
      process,
      name: spec.name,
      kind: spec.kind,
      agency: spec.agency,
      assigneeId: null,
      assigneeName: null,
      status: 'open',
      allowed: JSON.stringify(spec.allowed),
      round: 1,
      openedAt: new Date(openedAt).toISOString(),
      dueOn: this.addWd(openedDay, spec.limit),
      warnOn: this.addWd(openedDay, Math.max(0, spec.limit - spec.warn)),
      colour: 'green',
      paused: false,
      escalated: false,
      decidedAt: null,
      decision: null,
      reason: null,
      decidedBy: null,
      urges: '[]',
      clock: '',
      version: 0,
      panel: null,
    });
    const clockJson = (spec: StepSpec, row: StepRow, opened: string, reading: { dueOn: string; warnOn: string; colour: Colour }, stoppedAt?: string, pause?: { from: string }) =>
      JSON.stringify({
        id: row.id,
        label: spec.name,
        startedAt: row.openedAt,
        limitDays: spec.limit,
        statutoryDays: spec.limit,
        warnDaysBefore: spec.warn,
        pauses: pause ? [{ reason: 'awaiting-applicant', from: pause.from }] : [],
        extensions: [],
        ...(stoppedAt ? { stoppedAt } : {}),
        reached: reading.colour === 'red' ? ['green', 'yellow', 'red'] : reading.colour === 'yellow' ? ['green', 'yellow'] : ['green'],
        reading: { dueOn: reading.dueOn, warnOn: reading.warnOn, pausedWorkingDays: 0, extensionDays: 0, colour: reading.colour, paused: !!pause, ...(pause ? { pauseReason: 'awaiting-applicant' } : {}) },
      });
    const panelJson = (scored: number) => {
      const members = profile.panelMembers ?? [];
      return JSON.stringify({
        members,
        scores: members.slice(0, scored).map((m) => ({ ...m, score: this.int(62, 95), opinion: '技术先进，研发投入符合要求', at: new Date(lastAt).toISOString() })),
        passScore: 70,
      });
    };

    const allStages = [...stagesRun.map((stage, i) => ({ stage, durations: durations[i], current: false })), ...(currentStage ? [{ stage: currentStage, durations: currentAges!, current: true }] : [])];
    for (const [stageIndex, { stage, durations: ds, current }] of allStages.entries()) {
      const openedDay = cursor;
      const openedAt = this.officeTime(openedDay, lastAt);
      const isLastRun = !current && stageIndex === stagesRun.length - 1;
      let stageEnd = openedDay;
      let stageEndAt = openedAt;
      for (const [i, spec] of stage.entries()) {
        const row = stepRow(spec, openedDay, openedAt);
        const open = current && stillOpen![i];
        if (open) {
          note(openedAt, 'system', 'system', spec.agency, 'step-opened', null, { stepId: row.id, step: spec.name, dueOn: row.dueOn });
          // Still with the agency: its colour is what the clock reads today.
          const reading = this.colourOn(openedDay, spec.limit, spec.warn, this.today);
          const waiting = spec.kind === 'review' || spec.kind === 'acceptance' ? this.chance(0.07) : false;
          const pauseFrom = waiting ? new Date(this.officeTime(this.subWd(this.today, this.int(0, Math.min(3, ds[i]))), openedAt)).toISOString() : undefined;
          const colour: Colour = waiting ? 'green' : reading.colour;
          row.colour = colour;
          row.status = waiting ? 'waiting-applicant' : this.chance(0.45) ? 'claimed' : 'open';
          row.paused = waiting;
          if (row.status !== 'open') {
            const staff = staffOf(spec.agency);
            row.assigneeId = staff.userId;
            row.assigneeName = staff.name;
          }
          row.escalated = colour === 'red';
          if (colour === 'red' && this.chance(0.3)) {
            row.urges = JSON.stringify([{ by: SUPERVISOR, at: new Date(this.now.getTime() - this.int(1, 72) * 3_600_000).toISOString(), note: '请于本周内办结' }]);
          }
          if (spec.panel) row.panel = panelJson(this.int(0, 2));
          row.clock = clockJson(spec, row, openedDay, { ...reading, colour }, undefined, pauseFrom ? { from: pauseFrom } : undefined);
          if (colour !== 'green') note(Date.parse(`${reading.warnOn}T16:00:00Z`), 'sla-clock', 'system', spec.agency, 'sla-warning', null, { clock: spec.name, stepId: row.id, dueOn: row.dueOn });
          if (colour === 'red') {
            note(Date.parse(`${reading.dueOn}T16:00:00Z`), 'sla-clock', 'system', spec.agency, 'sla-overdue', null, { clock: spec.name, stepId: row.id, dueOn: row.dueOn });
            note(Date.parse(`${reading.dueOn}T16:00:00Z`) + 1, 'sla-clock', 'system', spec.agency, 'escalated', `${spec.name}已超过办理时限（${row.dueOn}），提交电子监察督办`, { stepId: row.id });
          }
          this.stats.openSteps += 1;
          this.stats.openByColour[colour] += 1;
        } else {
          // Decided (or, in a running parallel stage, decided a little while ago).
          const d = current ? this.int(0, ds[i]) : ds[i];
          const decidedDay = this.addWd(openedDay, d);
          const decidedAt = this.officeTime(decidedDay, openedAt);
          const reading = this.colourOn(openedDay, spec.limit, spec.warn, decidedDay);
          const staff = spec.panel ? { userId: 'expert-panel', name: '专家组' } : staffOf(spec.agency);
          let decision = spec.allowed.includes('accept') ? 'accept' : spec.allowed.includes('confirm') ? (this.chance(0.6) ? 'clear' : 'confirm') : 'approve';
          let reason: string | null = profile.reasonOf?.(spec) ?? (decision === 'clear' ? '已整改，记录消除' : decision === 'confirm' ? '处罚属实，不影响上市' : null);
          // The step that ended a rejected or refused case.
          const ends = isLastRun && i === endingIndex;
          if (ends) {
            decision = outcome === 'refused' ? 'refuse' : 'reject';
            reason = outcome === 'refused' ? '申请事项不属于本机关职权范围' : '研发费用归集不符合认定要求';
          }
          row.status = 'decided';
          row.colour = reading.colour;
          row.escalated = reading.colour === 'red' && !spec.deemAccepted;
          row.assigneeId = staff.userId;
          row.assigneeName = staff.name;
          row.decidedAt = new Date(decidedAt).toISOString();
          row.decision = decision;
          row.reason = reason;
          row.decidedBy = staff.userId;
          row.round = this.chance(0.06) ? 2 : 1;
          if (spec.panel) row.panel = panelJson(3);
          row.clock = clockJson(spec, row, openedDay, reading, row.decidedAt);
          note(decidedAt, staff.userId, spec.panel ? 'expert' : 'agency', spec.agency, 'step-decided', reason, { stepId: row.id, step: spec.name, decision });
          if (ends) rejectedStep = row;
          if (spec.kind === 'acceptance') acceptedDay = decidedDay;
          if (decidedDay > stageEnd || (decidedDay === stageEnd && decidedAt > stageEndAt)) {
            stageEnd = decidedDay;
            stageEndAt = decidedAt;
          }
        }
        steps.push(row);
      }
      // A parallel sibling's rejection cancels the steps still open at that moment.
      if (isLastRun && rejectedStep) {
        for (const x of steps) {
          if (x !== rejectedStep && x.decidedAt && x.decidedAt > rejectedStep.decidedAt! && x.caseId === id && stage.some((spec) => spec.name === x.name)) {
            Object.assign(x, { status: 'cancelled', decision: null, reason: null, decidedBy: null, decidedAt: rejectedStep.decidedAt });
          }
        }
        stageEnd = beijingDate(new Date(rejectedStep.decidedAt!));
        stageEndAt = Date.parse(rejectedStep.decidedAt!);
      }
      cursor = stageEnd;
      lastAt = Math.max(lastAt, stageEndAt);
    }
    if (outcome === 'withdrawn' && steps.length) {
      // Withdrawn while the reached stage ran: its last step was cancelled rather than decided.
      const last = steps[steps.length - 1];
      last.status = 'cancelled';
      last.decision = null;
      last.reason = null;
      last.decidedBy = null;
    }

    // ——— the case row ———
    let status = running ? (inPublicNotice ? 'public-notice' : path.stageStatus[reached]) : 'certified';
    if (running && steps.some((s) => s.status === 'waiting-applicant')) status = 'awaiting-applicant';
    let decision: string | null = null;
    let decidedAt: string | null = null;
    const endAt = new Date(this.officeTime(cursor, lastAt)).toISOString();
    if (!running) {
      decidedAt = endAt;
      if (outcome === 'withdrawn') [status, decision] = ['withdrawn', null];
      else if (outcome === 'refused') [status, decision] = ['refused', 'refused'];
      else if (outcome === 'rejected') [status, decision] = ['rejected', 'rejected'];
      else ({ status, decision } = profile.done(path));
    } else if (path.fastPath) {
      // Decided on filing; only what follows (a spot check) is still open.
      ({ status, decision } = profile.done(path));
      decidedAt = new Date(filedAt + 5000).toISOString();
    } else {
      const early = profile.decidedWhileRunning?.(reached, steps, endAt);
      if (early) [status, decision, decidedAt] = [early.status, early.decision, early.at];
    }
    // The system entry that closes the decision: the process's own, or a refusal or withdrawal.
    const decided = !running || path.fastPath ? profile.done(path) : profile.decidedWhileRunning?.(reached, steps, endAt);
    const close: [string, string, string] | undefined =
      status === 'refused'
        ? [profile.refused.by, 'system', 'refused']
        : status === 'withdrawn'
          ? [`applicant-${applicantId.slice(-6)}`, 'applicant', 'withdrawn']
          : decided && decision === decided.decision
            ? [decided.by, 'system', decided.action]
            : undefined;
    if (decidedAt && close) note(Date.parse(decidedAt), close[0], close[1], close[1] === 'system' ? close[0] : null, close[2]);

    // A path's decision clock (caseClock: Art. 42) runs from acceptance, expert review and 公示 excluded.
    let caseClock: { dueOn: string; colour: Colour; paused: boolean; json: string } | null = null;
    if (path.caseClock && acceptedDay && status !== 'refused') {
      const expertStep = steps.find((s) => s.kind === 'expert-panel');
      const excluded = expertStep ? this.calendar.workingDaysBetween(beijingDate(new Date(expertStep.openedAt)), expertStep.decidedAt ? beijingDate(new Date(expertStep.decidedAt)) : this.today) : 0;
      const noticeDays = inPublicNotice ? publicNoticeAge : !running && outcome === 'done' ? 5 : 0;
      const paused = running && (status === 'expert-review' || inPublicNotice);
      const budget = 20 + excluded + noticeDays;
      const readOn = running ? this.today : beijingDate(new Date(decidedAt!));
      const reading = this.colourOn(acceptedDay, budget, 3, readOn);
      const ledger = {
        pauses: [
          ...(expertStep ? [{ reason: 'expert-review', from: expertStep.openedAt, ...(expertStep.decidedAt ? { to: expertStep.decidedAt } : {}), note: '专家评审' }] : []),
          ...(noticeDays ? [{ reason: 'public-notice', from: endAt, ...(running ? {} : { to: decidedAt }), note: '公示' }] : []),
        ],
        extensions: [],
      };
      caseClock = {
        dueOn: reading.dueOn,
        colour: reading.colour,
        paused,
        json: JSON.stringify({
          dueOn: reading.dueOn,
          warnOn: reading.warnOn,
          pausedWorkingDays: excluded + noticeDays,
          extensionDays: 0,
          colour: reading.colour,
          paused,
          ...(paused ? { pauseReason: inPublicNotice ? 'public-notice' : 'expert-review' } : {}),
          label: '审批办理时限',
          limitDays: 20,
          statutoryDays: 20,
          startedAt: steps[0].decidedAt,
          ledger,
        }),
      };
      if (reading.colour === 'red') note(Date.parse(`${reading.dueOn}T16:00:00Z`) + 2, 'sla-clock', 'system', null, 'escalated', `审批办理时限已超过办理时限（${reading.dueOn}），提交电子监察督办`, null);
    }

    // ——— write ———
    entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    version = entries.length;
    for (const s of steps) s.version = version;
    batch.cases.push({
      id,
      process,
      status,
      applicantId,
      title: profile.title(this.random, enterprise),
      version,
      filedAt: new Date(filedAt).toISOString(),
      decidedAt,
      decision,
      application: JSON.stringify(profile.application(this.random, applicantId, enterprise)),
      assessment: profile.assessment ? JSON.stringify(profile.assessment(this.random, path.fastPath === true)) : null,
      updatedAt: entries[entries.length - 1].at,
      dueOn: caseClock?.dueOn ?? null,
      colour: caseClock?.colour ?? null,
      paused: caseClock?.paused ?? false,
      escalated: caseClock?.colour === 'red',
      clock: caseClock?.json ?? null,
      enterpriseName: enterprise,
      ended: caseHasEnded(process, status),
    });
    batch.steps.push(...steps);
    this.stats.steps += steps.length;
    if (this.withTimeline) {
      let prevHash: string | null = null;
      for (const [i, e] of entries.entries()) {
        const seq = i + 1;
        const hash = chainHash(prevHash, { caseId: id, seq, at: e.at, actor: e.actor, role: e.role, agency: e.agency, action: e.action, reason: e.reason, detail: e.detail });
        batch.timeline.push({ caseId: id, seq, ...e, prevHash, hash });
        prevHash = hash;
      }
      this.stats.timeline += entries.length;
    }
  }

  private creditCode(): string {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    let code = `9111010${this.int(1, 9)}`;
    for (let i = 0; i < 10; i += 1) code += alphabet[Math.floor(this.rnd() * alphabet.length)];
    return code;
  }

  private enterpriseName(): string {
    return `北京${this.pick(NAME_PARTS)}${this.pick(NAME_PARTS)}${this.pick(INDUSTRIES)}有限公司`;
  }
}

// ——— writing ———

async function insertBatch(client: PoolClient, b: Batch): Promise<void> {
  const col = <T, V>(rows: T[], f: (r: T) => V) => rows.map(f);
  const c = b.cases;
  await client.query(
    `INSERT INTO cases (id, process, status, applicant_id, title, version, filed_at, decided_at, decision, application, assessment, updated_at,
                        due_on, colour, paused, escalated, clock, enterprise_name, ended)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::int[], $7::timestamptz[], $8::timestamptz[],
                          $9::varchar[], $10::jsonb[], $11::jsonb[], $12::timestamptz[], $13::date[], $14::varchar[], $15::bool[], $16::bool[], $17::jsonb[],
                          $18::varchar[], $19::bool[])`,
    [
      col(c, (r) => r.id), col(c, (r) => r.process), col(c, (r) => r.status), col(c, (r) => r.applicantId), col(c, (r) => r.title), col(c, (r) => r.version),
      col(c, (r) => r.filedAt), col(c, (r) => r.decidedAt), col(c, (r) => r.decision), col(c, (r) => r.application), col(c, (r) => r.assessment),
      col(c, (r) => r.updatedAt), col(c, (r) => r.dueOn), col(c, (r) => r.colour), col(c, (r) => r.paused), col(c, (r) => r.escalated), col(c, (r) => r.clock),
      col(c, (r) => r.enterpriseName), col(c, (r) => r.ended),
    ],
  );
  const s = b.steps;
  await client.query(
    `INSERT INTO steps (id, case_id, process, name, kind, agency, assignee_id, assignee_name, status, allowed, round, opened_at,
                        due_on, warn_on, colour, paused, escalated, decided_at, decision, reason, decided_by, urges, clock, version, panel)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[],
                          $9::varchar[], $10::jsonb[], $11::int[], $12::timestamptz[], $13::date[], $14::date[], $15::varchar[], $16::bool[], $17::bool[],
                          $18::timestamptz[], $19::varchar[], $20::text[], $21::varchar[], $22::jsonb[], $23::jsonb[], $24::int[], $25::jsonb[])`,
    [
      col(s, (r) => r.id), col(s, (r) => r.caseId), col(s, (r) => r.process), col(s, (r) => r.name), col(s, (r) => r.kind), col(s, (r) => r.agency),
      col(s, (r) => r.assigneeId), col(s, (r) => r.assigneeName), col(s, (r) => r.status), col(s, (r) => r.allowed), col(s, (r) => r.round),
      col(s, (r) => r.openedAt), col(s, (r) => r.dueOn), col(s, (r) => r.warnOn), col(s, (r) => r.colour), col(s, (r) => r.paused), col(s, (r) => r.escalated),
      col(s, (r) => r.decidedAt), col(s, (r) => r.decision), col(s, (r) => r.reason), col(s, (r) => r.decidedBy), col(s, (r) => r.urges), col(s, (r) => r.clock),
      col(s, (r) => r.version), col(s, (r) => r.panel),
    ],
  );
  const t = b.timeline;
  if (!t.length) return;
  await client.query(
    `INSERT INTO timeline_entries (case_id, seq, at, actor, role, agency, action, reason, detail, prev_hash, hash)
     SELECT * FROM unnest($1::varchar[], $2::int[], $3::timestamptz[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::text[], $9::jsonb[], $10::char(64)[], $11::char(64)[])`,
    [
      col(t, (r) => r.caseId), col(t, (r) => r.seq), col(t, (r) => r.at), col(t, (r) => r.actor), col(t, (r) => r.role), col(t, (r) => r.agency),
      col(t, (r) => r.action), col(t, (r) => r.reason), col(t, (r) => (r.detail === null ? null : JSON.stringify(r.detail))), col(t, (r) => r.prevHash), col(t, (r) => r.hash),
    ],
  );
}

/**
 * VACUUM ANALYZE until (nearly) every page is all-visible, as on a settled table, so index-only
 * scans skip the heap. Right after a bulk load VACUUM cannot mark pages whose inserts' commits
 * are not yet known flushed (asynchronous commit, as throwaway servers run): wait and try again.
 */
async function settle(pool: Pool, table: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    await pool.query(`VACUUM ANALYZE ${table}`);
    const { rows } = await pool.query(`SELECT relpages, relallvisible FROM pg_class WHERE relname = $1`, [table]);
    if (rows[0].relallvisible >= rows[0].relpages * 0.99) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  }
}

export async function seedDashboard(options: SeedOptions): Promise<SeedReport> {
  const total = options.cases ?? 100_000;
  const batchSize = options.batchSize ?? 2_000;
  const prefix = options.prefix ?? 'seed-';
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const factory = new CaseFactory(options.seed ?? 20261125, options.now ?? new Date(), prefix, options.runningShare ?? 0.09, options.timeline !== false, await seededProcesses());
  const pool = new Pool({ connectionString: options.databaseUrl, max: 2 });
  try {
    const [{ n }] = (await pool.query(`SELECT count(*)::int AS n FROM cases WHERE id LIKE $1`, [`${prefix.replace(/[\\%_]/g, '\\$&')}%`])).rows;
    if (n > 0) throw new Error(`${n} cases with ids starting "${prefix}" are already there: seed a fresh database, or choose another prefix`);
    // Two batches in flight: this process generates the next while Postgres writes the last.
    const inFlight = new Set<Promise<void>>();
    const written = { cases: 0, steps: 0, timeline: 0 };
    let lastLog = 0;
    for (let from = 0; from < total; from += batchSize) {
      const batch: Batch = { cases: [], steps: [], timeline: [] };
      for (let i = from; i < Math.min(total, from + batchSize); i += 1) factory.make(i + 1, batch);
      if (inFlight.size >= 2) await Promise.race(inFlight);
      const write = (async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await insertBatch(client, batch);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
        written.cases += batch.cases.length;
        written.steps += batch.steps.length;
        written.timeline += batch.timeline.length;
        if (Date.now() - lastLog > 2000 || written.cases === total) {
          lastLog = Date.now();
          const n = (x: number) => x.toLocaleString('en');
          log(`  seeded ${n(written.cases)}/${n(total)} cases · ${n(written.steps)} steps · ${n(written.timeline)} timeline entries · ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
      })();
      inFlight.add(write);
      // Keep the rejection observable for Promise.race / Promise.all, and drop the promise when settled.
      write.then(() => inFlight.delete(write), () => undefined);
    }
    await Promise.all(inFlight);
    if (options.analyze !== false) {
      log('  VACUUM ANALYZE cases, steps, timeline_entries …');
      for (const table of ['cases', 'steps', ...(options.timeline !== false ? ['timeline_entries'] : [])]) await settle(pool, table);
    }
  } finally {
    await pool.end();
  }
  const s = factory.stats;
  return {
    cases: total,
    runningCases: s.running,
    steps: s.steps,
    openSteps: s.openSteps,
    timelineEntries: s.timeline,
    byProcess: s.byProcess,
    openStepsByColour: s.openByColour,
    seconds: (Date.now() - started) / 1000,
  };
}

/** `node dist/infra/bench/seed-dashboard.js [--cases N] [--no-timeline] [--prefix p]` with DATABASE_URL set. */
export function parseSeedArgs(argv: string[]): { cases?: number; timeline?: boolean; prefix?: string } {
  const out: { cases?: number; timeline?: boolean; prefix?: string } = {};
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--cases') out.cases = Number(value());
    else if (flag === '--no-timeline') out.timeline = false;
    else if (flag === '--prefix') out.prefix = value();
  }
  if (out.cases !== undefined && (!Number.isInteger(out.cases) || out.cases < 1)) throw new Error('--cases takes a whole number ≥ 1');
  return out;
}

if (require.main === module) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('DATABASE_URL must name a migrated read-model database (a throwaway one: seeded timeline entries cannot be deleted)');
    process.exit(2);
  }
  seedDashboard({ databaseUrl, ...parseSeedArgs(process.argv.slice(2)) })
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
