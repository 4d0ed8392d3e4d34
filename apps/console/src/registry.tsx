import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { CASE_DECISION_LABELS } from '../../../libs/i18n/labels';
import { useResource } from './api/use-resource';
import type { ProcessInfo } from './api/views';
import { useSession } from './session';

/**
 * The processes this system carries (GET /processes): their names, forms, and the Chinese names
 * of their statuses, step kinds and documents. The console knows no process of its own.
 */
export interface Registry {
  processes: ProcessInfo[];
  byCode(code: string): ProcessInfo | undefined;
  processName(code: string): string;
  statusName(process: string, status: string): string;
  stepKindName(process: string, kind: string): string;
  documentKindName(process: string, kind: string): string;
  /** A case has ended (its process's endedStatuses): no clock, no actions. */
  ended(process: string, status: string): boolean;
  /** How a case ended, in words: its process's status name, or the decision's label. */
  decisionName(process: string, decision: string | undefined): string | undefined;
}

function registryOf(processes: ProcessInfo[]): Registry {
  const byCode = (code: string) => processes.find((p) => p.code === code);
  const anyName = (pick: (p: ProcessInfo) => Record<string, string>, code: string) => processes.map(pick).find((names) => names[code])?.[code];
  return {
    processes,
    byCode,
    processName: (code) => byCode(code)?.names.zh ?? '',
    statusName: (process, status) => byCode(process)?.statuses[status] ?? anyName((p) => p.statuses, status) ?? '',
    stepKindName: (process, kind) => byCode(process)?.stepKinds[kind] ?? anyName((p) => p.stepKinds, kind) ?? '',
    documentKindName: (process, kind) => byCode(process)?.documentKinds[kind] ?? anyName((p) => p.documentKinds, kind) ?? '',
    ended: (process, status) => byCode(process)?.endedStatuses.includes(status) ?? false,
    decisionName: (process, decision) => (decision ? (CASE_DECISION_LABELS[decision] ?? byCode(process)?.statuses[decision]) : undefined),
  };
}

const RegistryContext = createContext<Registry>(registryOf([]));

export function RegistryProvider({ children }: { children: ReactNode }) {
  const signedIn = useSession() !== null;
  const { data } = useResource<ProcessInfo[]>(signedIn ? '/processes' : null);
  const registry = useMemo(() => registryOf(data ?? []), [data]);
  return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}

export const useRegistry = (): Registry => useContext(RegistryContext);
