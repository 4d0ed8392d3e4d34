import { withQuery } from './client';
import { useResource, type Resource } from './use-resource';
import type { CaseRowView, Paged, StepRowView, StepView, SupervisedStep } from './views';

/** The paged lists the API answers (GET /worklist, GET /supervision/steps, GET /supervision/cases): paging, search, filters and sort happen in the API, off its indexes. */

export interface StepQuery {
  view?: 'todo' | 'mine' | 'done';
  list?: 'open' | 'overdue' | 'escalated' | 'all';
  q?: string;
  process?: string;
  kind?: string;
  agency?: string;
  colour?: string;
  dueFrom?: string;
  dueTo?: string;
  sort?: string;
  page: number;
  pageSize: number;
}

export const supervisedOf = (row: StepRowView): SupervisedStep => ({ id: row.stepId, caseId: row.caseId, name: row.stepName, agency: row.agency, agencyName: row.agencyName, status: row.status, holder: row.holder });
export const supervisedStep = (s: StepView): SupervisedStep => ({ id: s.id, caseId: s.caseId, name: s.name, agency: s.agency, agencyName: s.agencyName, status: s.status, holder: s.assignee ?? null });

/** A worklist page (agency or expert): long-polled, so a step assigned or taken shows at once. */
export function useWorklist(query: StepQuery): Resource<Paged<StepRowView>> {
  return useResource<Paged<StepRowView>>(withQuery('/worklist', { ...query }), { watch: 'long-poll' });
}

/** A supervisor's list of steps (open, overdue, escalated). */
export function useSupervisedSteps(query: StepQuery): Resource<Paged<StepRowView>> {
  return useResource<Paged<StepRowView>>(withQuery('/supervision/steps', { ...query }), { watch: 5000 });
}

/** The supervisor's case search. */
export function useCaseSearch(query: { q?: string; process?: string; status?: string; page: number; pageSize: number }): Resource<Paged<CaseRowView>> {
  return useResource<Paged<CaseRowView>>(withQuery('/supervision/cases', query), { watch: 10_000 });
}
