import { HIGH_TECH } from './high-tech/high-tech-application.dto';
import { LISTING } from './listing/listing-application.dto';
import { SPECIALIZED_REWARDS } from './specialized-rewards/specialized-rewards-application.dto';
import { TALENT_PERMITS } from './talent-permits/talent-permits-application.dto';
import type { ProcessDefinition } from './define-process';
import type { OptionLimit } from './process-contract';

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
