import { randomCreditCode } from '../../libs/domain';
import { REGISTERED, type ProcessDefinition } from '../../libs/processes';
import type { ChaosScenario, ChaosScript, ExpectedEffect, Seed } from './chaos-script';

export type { ExpectedEffect, Seed } from './chaos-script';

/** One case of a run: its process and scenario, what it files, and what it must come to. */
export interface PlannedCase {
  n: number;
  scenario: string;
  /** The process's code: filed at POST /cases/<process>. */
  process: string;
  creditCode: string;
  idempotencyKey: string;
  application: object;
  /** Its uploaded materials, once uploaded (the filing names them). */
  materials?: Array<{ kind: string; id: string }>;
  /** The department records to load before it is filed. */
  seeds: Seed[];
  /** The case status the process must end in. */
  endStatus: string;
  /** Timeline actions that mark the way to that end; each must appear exactly once. */
  onceActions: string[];
  effects: ExpectedEffect[];
  /** Steps (by name) its agencies return once for correction. */
  returns: string[];
  /** Filled in once filed. */
  caseId?: string;
  filedAt?: number;
}

/** Each registered process's chaos script (`<code>.chaos.ts` beside this file); processes without one are named in `missing`. */
export async function chaosScripts(): Promise<{ scripts: Map<string, ChaosScript>; missing: ProcessDefinition[] }> {
  const scripts = new Map<string, ChaosScript>();
  const missing: ProcessDefinition[] = [];
  for (const process of REGISTERED) {
    try {
      scripts.set(process.code, ((await import(`./${process.code}.chaos`)) as { chaos: ChaosScript }).chaos);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !(error as Error).message.includes(`${process.code}.chaos`)) throw error;
      missing.push(process);
    }
  }
  return { scripts, missing };
}

/** The run's cases, in a shuffled order that still holds the mix of every process's scenarios exactly. */
export function planCases(scripts: Map<string, ChaosScript>, count: number, runId: string): PlannedCase[] {
  const mix = [...scripts].flatMap(([process, script]) => script.scenarios.map((scenario) => ({ process, scenario })));
  const total = mix.reduce((sum, { scenario }) => sum + scenario.share, 0);
  const commonest = mix.reduce((a, b) => (b.scenario.share > a.scenario.share ? b : a));
  const planned: Array<(typeof mix)[number]> = [];
  for (const entry of mix) for (let i = 0; i < Math.max(1, Math.round((count * entry.scenario.share) / total)); i += 1) planned.push(entry);
  while (planned.length > count) planned.splice(planned.indexOf(commonest), 1);
  while (planned.length < count) planned.push(commonest);
  // A fixed shuffle (by index), so two runs of one size play the same order.
  const ordered = planned.map((s, i) => ({ s, k: (i * 7919) % planned.length })).sort((a, b) => a.k - b.k).map((x) => x.s);
  return ordered.map(({ process, scenario }, n) => plan(n, process, scenario, runId));
}

function plan(n: number, process: string, scenario: ChaosScenario, runId: string): PlannedCase {
  const enterprise = { n, creditCode: randomCreditCode(), name: `北京混沌测试${n}科技有限公司` };
  return {
    n,
    scenario: scenario.name,
    process,
    creditCode: enterprise.creditCode,
    idempotencyKey: `chaos-${runId}-${n}`,
    application: scenario.application(enterprise),
    seeds: scenario.seeds(enterprise),
    endStatus: scenario.endStatus,
    onceActions: scenario.onceActions,
    effects: scenario.effects(enterprise),
    returns: scenario.returns ?? [],
  };
}
