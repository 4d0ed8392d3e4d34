import { HIGH_TECH } from './high-tech/high-tech-application.dto';
import { LISTING } from './listing/listing-application.dto';
import { SPECIALIZED_REWARDS } from './specialized-rewards/specialized-rewards-application.dto';
import { TALENT_PERMITS } from './talent-permits/talent-permits-application.dto';
import type { ProcessActionDefinition, ProcessDefinition } from './define-process';
import type { OptionLimit, ProcessActionTarget } from './process-contract';

/**
 * The processes this system carries: one line each. Everything outside a process's own files —
 * the API's filing route and forms, the case view, masking, reconciliation, chaos, the launcher's
 * settings, the demo and the replay suite — learns of a process here.
 */
export const PROCESSES = [HIGH_TECH, LISTING, TALENT_PERMITS, SPECIALIZED_REWARDS] as const;

/** The processes as definitions of any application type: for code that handles each alike. */
export const REGISTERED: readonly ProcessDefinition[] = PROCESSES as unknown as readonly ProcessDefinition[];

export type RegisteredProcessCode = (typeof PROCESSES)[number]['code'];

export function processByCode(code: string): ProcessDefinition | undefined {
  return REGISTERED.find((p) => p.code === code);
}

export function processByWorkflowType(workflowType: string): ProcessDefinition | undefined {
  return REGISTERED.find((p) => p.workflowType === workflowType);
}

export const PROCESS_CODES: readonly string[] = REGISTERED.map((p) => p.code);

/** The workflow types that run cases: what visibility queries (reconcile, chaos, the calendar rollout) list. */
export const CASE_WORKFLOW_TYPES: readonly string[] = REGISTERED.map((p) => p.workflowType);

/** `WorkflowType IN ('highTechCertification', …)`: every case, for a visibility query. */
export function caseWorkflowTypeFilter(): string {
  return `WorkflowType IN (${CASE_WORKFLOW_TYPES.map((t) => `'${t}'`).join(', ')})`;
}

/** Whether a case has ended, so its subject may be filed for again. An unknown process's case never ends here. */
export function caseHasEnded(process: string, status: string): boolean {
  return processByCode(process)?.endedStatuses.includes(status) ?? false;
}

/** Every field that is personal data in some process: sealed wherever it sits in the read model. */
export const PERSONAL_DATA_FIELDS: readonly string[] = [...new Set(REGISTERED.flatMap((p) => p.personalData?.fields ?? []))];

/** The settings prefixes of every process's options (`HIGH_TECH_`, …): the launcher passes them through to the apps. */
export const PROCESS_SETTING_PREFIXES: readonly string[] = REGISTERED.map((p) => p.options.envPrefix);

/**
 * Every process's development shortcuts in seconds (its 公示 of seconds …), each set to `seconds`:
 * what `npm start`, the test stack and the chaos run pass to the apps so cases finish while watched.
 */
export function demoSettings(seconds: number): Record<string, string> {
  return Object.fromEntries(
    REGISTERED.flatMap((p) => Object.values(p.options.limits as Record<string, OptionLimit>).filter((l) => l.demoSeconds).map((l) => [`${p.options.envPrefix}${l.env}`, String(seconds)])),
  );
}

/** Every process's settings for scripted runs (no spot checks drawn …): what the test stack, chaos, the benches and scale-out pass to the apps. */
export function scriptedSettings(): Record<string, string> {
  return Object.fromEntries(
    REGISTERED.flatMap((p) =>
      Object.values(p.options.limits as Record<string, OptionLimit>)
        .filter((l) => l.scripted !== undefined)
        .map((l) => [`${p.options.envPrefix}${l.env}`, String(l.scripted)]),
    ),
  );
}

/** Settings production refuses, with why: every process's development shortcuts. */
export function developmentOnlySettings(): Record<string, string> {
  return Object.fromEntries(
    REGISTERED.flatMap((p) =>
      Object.values(p.options.limits as Record<string, OptionLimit>)
        .filter((l) => l.notInProduction)
        .map((l) => [`${p.options.envPrefix}${l.env}`, l.notInProduction!]),
    ),
  );
}

/** One of the processes' own actions as the API routes it: the declaration (alike in every process that makes it) and those processes. */
export interface RegisteredAction {
  definition: ProcessActionDefinition;
  processes: readonly ProcessDefinition[];
}

/**
 * Every process's own actions by name. An action two processes declare (公示's objections) must be
 * the same action in both — one update, one DTO, one kind, the same roles — since the API routes
 * and validates it before it knows the case; a registry that breaks this does not load.
 */
export function collectActions(processes: readonly ProcessDefinition[]): ReadonlyMap<string, RegisteredAction> {
  const byName = new Map<string, RegisteredAction>();
  for (const process of processes) {
    for (const action of process.actions) {
      const known = byName.get(action.action);
      if (!known) {
        byName.set(action.action, { definition: action, processes: [process] });
        continue;
      }
      const first = known.definition;
      const same = first.update === action.update && first.dto === action.dto && first.on === action.on && [...first.roles].sort().join() === [...action.roles].sort().join();
      if (!same) throw new Error(`action ${action.action}: ${process.code} declares it differently from ${known.processes[0].code} (update, DTO, kind and roles must match)`);
      byName.set(action.action, { definition: first, processes: [...known.processes, process] });
    }
  }
  return byName;
}

const ACTIONS = collectActions(REGISTERED);

/** The processes' own actions of one kind (step, case, public), each once. */
export function registeredActions(on: ProcessActionTarget): RegisteredAction[] {
  return [...ACTIONS.values()].filter((a) => a.definition.on === on);
}

/** An action of that kind by its name, whichever process declares it. */
export function registeredAction(on: ProcessActionTarget, name: string): RegisteredAction | undefined {
  const found = ACTIONS.get(name);
  return found?.definition.on === on ? found : undefined;
}

/** The process's own action of that name and kind, if it declares one. */
export function actionOf(process: ProcessDefinition, on: ProcessActionTarget, name: string): ProcessActionDefinition | undefined {
  return process.actions.find((a) => a.action === name && a.on === on);
}
