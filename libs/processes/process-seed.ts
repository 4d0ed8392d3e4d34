import type { DepartmentCode } from '../domain/departments';

/**
 * What the dashboard seed (infra/bench/seed-dashboard.ts: a large synthetic read model for the
 * supervision and worklist benchmarks) needs to imitate a process's cases: the steps its workflow
 * opens, in which order, and how its cases end. A process that is seeded exports one from its own
 * folder (`<code>/<code>.seed.ts`, exporting `seed`); the seed names no process.
 */

/** One step as the workflow opens it (default options). */
export interface SeedStep {
  name: string;
  kind: string;
  agency: DepartmentCode;
  allowed: string[];
  /** Working days. */
  limit: number;
  warn: number;
  /** Acceptance (Art. 32) is deemed accepted when its window passes: never open and red. */
  deemAccepted?: boolean;
  /** An expert panel (scores instead of a decision). */
  panel?: boolean;
}

/** A way through the process: stages run one after another, the steps of a stage in parallel. */
export interface SeedPath {
  stages: SeedStep[][];
  /** The case's status while stage i runs. */
  stageStatus: string[];
  /** The decision clock (Art. 42) runs from the first stage's acceptance, expert review and 公示 excluded. */
  caseClock: boolean;
  /** Decided on filing (报备即批准): what stages there are come afterwards. */
  fastPath?: boolean;
}

/** The seed's random numbers: deterministic for a given seed. */
export interface SeedRandom {
  rnd(): number;
  chance(p: number): boolean;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(options: Array<[T, number]>): T;
}

/** A decision as the case row and its closing timeline entry show it. */
export interface SeedDecision {
  status: string;
  decision: string;
  /** The department whose system entry closes it, and the entry's action. */
  by: DepartmentCode;
  action: string;
}

/** A review step (approve / reject / return). */
export const reviewStep = (name: string, agency: DepartmentCode, limit: number, warn: number): SeedStep => ({
  name,
  kind: 'review',
  agency,
  allowed: ['approve', 'reject', 'return'],
  limit,
  warn: Math.min(warn, limit - 1),
});

export interface ProcessSeed {
  /** Its share of the seeded cases (weights, relative to the other seeded processes). */
  share: number;
  path(r: SeedRandom): SeedPath;
  /** Running cases in 公示 (no step open, the decision clock paused) after this many stages, in this share of the normal path's. */
  publicNotice?: { share: number; afterStages: number };
  /** Share of ended cases refused, and the stages run then (0: its first step refused it; -1: refused before any step opened). */
  refused: { share: number; reached: 0 | -1; by: DepartmentCode };
  /** Stages fully run before the one whose step rejected the case. */
  rejectedAfter(r: SeedRandom, stages: number): number;
  /** What the system notes just after filing (the path taken, the shared data received). */
  afterFiling(path: SeedPath, refusedBeforeSteps: boolean): { delayMs: number; actor: string; agency: DepartmentCode; action: string; detail?: Record<string, unknown> };
  /** A case that went through. */
  done(path: SeedPath): SeedDecision;
  /** A running case already decided (listed, the subsidies to come; the permits issued, the branches running), and when. */
  decidedWhileRunning?(reached: number, steps: ReadonlyArray<{ kind: string; name: string; status: string; openedAt: string }>, endAt: string): (SeedDecision & { at: string }) | undefined;
  /** A decided step's reason where its kind gives one (a liaison named, a subsidy granted). */
  reasonOf?(step: SeedStep): string | undefined;
  /** The panel an expert-panel step draws. */
  panelMembers?: ReadonlyArray<{ userId: string; name: string }>;
  title(r: SeedRandom, enterpriseName: string): string;
  application(r: SeedRandom, creditCode: string, enterpriseName: string): Record<string, unknown>;
  assessment?(r: SeedRandom, fastPath: boolean): Record<string, unknown>;
}
