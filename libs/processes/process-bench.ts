import type { Actor } from '../domain/case-engine.contract';
import type { DepartmentCode } from '../domain/departments';

/**
 * What `npm run bench` needs from the process it measures, beside the registry: a process that
 * can be benchmarked exports a script like this from its own folder (`<code>/<code>.bench.ts`,
 * exporting `bench`), so the bench drivers (infra/bench) drive any process alike — RAW through
 * Temporal, FULL through the API — and name none.
 */

/** An enterprise the bench files for, as its departments were seeded. */
export interface BenchEnterprise {
  creditCode: string;
  name: string;
}

/** A step as the bench sees it: in a party's inbox (FULL) or the workflow's state (RAW). */
export interface BenchStep {
  id: string;
  name: string;
  panel?: { members?: Array<{ userId: string }> } | null;
}

/** How a script plays the officials: the driver carries each move out its own way (updates, or HTTP). */
export interface BenchPort {
  agency(agency: DepartmentCode): Actor;
  expert(userId: string): Actor;
  /** The step of that name on the case once the party sees it, and when it did (ms since the epoch). */
  waitFor(party: Actor, caseId: string, stepName: string): Promise<{ at: number; step: BenchStep }>;
  /** An engine decision on a step (`{ decision: 'approve' }`). */
  decide(party: Actor, stepId: string, body: Record<string, unknown>): Promise<void>;
  /** One of the process's own step actions, by its name in the definition (`score`). */
  act(party: Actor, stepId: string, action: string, body: Record<string, unknown>): Promise<void>;
}

export interface ProcessBench<Path extends string = string> {
  /** The ways through the process the bench measures (`fast`, `normal`), the first the lightest. */
  paths: readonly Path[];
  application(path: Path, enterprise: BenchEnterprise): Record<string, unknown>;
  /** The options RAW starts a case with: those the API gives one under the bench's settings. */
  options(demoSeconds: number): Record<string, unknown>;
  /** The status a case that went through ends in. */
  endStatus: string;
  /** Whether the case as the applicant sees it is done and shown in full (its artefact issued). */
  shownDone(view: { status: string; [field: string]: unknown }): boolean;
  /** Plays the officials on a path that needs them; pushes each hand-over's time (decision sent → next party sees the step). */
  play(path: Path, port: BenchPort, caseId: string, handoffs: number[]): Promise<void>;
}
