import { useMemo } from 'react';
import { withQuery } from './client';
import { useResource, type Resource } from './use-resource';
import type { CaseRowView, CaseSummaryView, Paged, StepRowView, StepView, SupervisedStep } from './views';

/**
 * The paged lists the API answers (GET /worklist, GET /supervision/steps, GET /supervision/cases).
 * An API without them (before the worklist endpoints, branch i16api) answers 404: the same rows
 * are then made from the inbox, the red and escalated lists and the case list, filtered and paged
 * here. That fallback (`legacy…` below) goes once both are merged.
 */

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
export function useWorklist(query: StepQuery, me: { userId: string } | undefined): Resource<Paged<StepRowView>> {
  const primary = useResource<Paged<StepRowView>>(withQuery('/worklist', { ...query }), { watch: 'long-poll' });
  const legacy = primary.error?.status === 404;
  const inbox = useResource<StepView[]>(legacy && query.view !== 'done' ? '/inbox' : null, { watch: 'long-poll' });
  const cases = useResource<CaseSummaryView[]>(legacy ? withQuery('/cases', { limit: 200 }) : null, { watch: 10_000 });
  const rows = useMemo(
    () => (legacy ? legacyRows(inbox.data, cases.data, me?.userId).filter((r) => query.view !== 'mine' || r.heldByMe) : undefined),
    [legacy, inbox.data, cases.data, me?.userId, query.view],
  );
  return legacy ? { ...inbox, data: rows && pageOf(filtered(rows, query), query), error: inbox.error } : primary;
}

/** A supervisor's list of steps (open, overdue, escalated). */
export function useSupervisedSteps(query: StepQuery): Resource<Paged<StepRowView>> {
  const primary = useResource<Paged<StepRowView>>(withQuery('/supervision/steps', { ...query }), { watch: 5000 });
  const legacy = primary.error?.status === 404;
  const source = useResource<{ steps: StepView[] }>(legacy ? (query.list === 'escalated' ? '/supervision/escalations' : '/supervision/overdue') : null, { watch: 5000 });
  const cases = useResource<CaseSummaryView[]>(legacy ? withQuery('/cases', { limit: 200 }) : null, { watch: 30_000 });
  const rows = useMemo(() => (legacy ? legacyRows(source.data?.steps, cases.data, undefined) : undefined), [legacy, source.data, cases.data]);
  return legacy ? { ...source, data: rows && pageOf(filtered(rows, query), query) } : primary;
}

/** The supervisor's case search. */
export function useCaseSearch(query: { q?: string; process?: string; status?: string; page: number; pageSize: number }): Resource<Paged<CaseRowView>> {
  const primary = useResource<Paged<CaseRowView>>(withQuery('/supervision/cases', query), { watch: 10_000 });
  const legacy = primary.error?.status === 404;
  const cases = useResource<CaseSummaryView[]>(legacy ? withQuery('/cases', { process: query.process, status: query.status, limit: 200 }) : null, { watch: 10_000 });
  const data = useMemo(() => {
    if (!legacy || !cases.data) return undefined;
    const q = query.q?.trim().toLowerCase();
    const rows: CaseRowView[] = cases.data
      .filter((c) => !q || [c.id, c.title, c.applicantId, c.receiptNumber].some((v) => v?.toLowerCase().includes(q)))
      .map((c) => ({ caseId: c.id, receiptNumber: c.receiptNumber, process: c.process, title: c.title, enterpriseName: c.enterpriseName ?? c.title, creditCode: c.applicantId, status: c.status, ended: Boolean(c.decidedAt), filedAt: c.filedAt, dueOn: c.dueOn, colour: c.colour, escalated: c.escalated, openSteps: [] }));
    return { page: query.page, pageSize: query.pageSize, total: rows.length, rows: rows.slice((query.page - 1) * query.pageSize, query.page * query.pageSize) };
  }, [legacy, cases.data, query.q, query.page, query.pageSize]);
  return legacy ? { ...cases, data } : primary;
}

// ——— the fallback, for an API without the paged lists ———

function legacyRows(steps: StepView[] | undefined, cases: CaseSummaryView[] | undefined, me: string | undefined): StepRowView[] {
  if (!steps) return [];
  const byId = new Map((cases ?? []).map((c) => [c.id, c]));
  return steps.map((s) => {
    const c = byId.get(s.caseId);
    const open = s.status === 'open' || s.status === 'claimed' || s.status === 'waiting-applicant';
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const overdue = open && s.colour === 'red' ? Math.max(0, Math.round((Date.parse(today) - Date.parse(s.dueOn)) / 86_400_000)) : 0;
    return {
      stepId: s.id,
      caseId: s.caseId,
      receiptNumber: c?.receiptNumber,
      enterpriseName: c?.enterpriseName ?? c?.title ?? '',
      creditCode: c?.applicantId ?? '',
      caseTitle: c?.title ?? '',
      caseStatus: c?.status ?? '',
      process: s.process,
      stepName: s.name,
      kind: s.kind,
      agency: s.agency,
      agencyName: s.agencyName,
      status: s.status,
      open,
      allowed: s.allowed,
      round: s.round,
      colour: s.colour,
      dueOn: s.dueOn,
      dueOnProvisional: s.dueOnProvisional,
      warnOn: s.warnOn,
      paused: s.paused,
      escalated: s.escalated,
      daysOverdue: overdue,
      workingDaysOverdue: overdue,
      openedAt: s.openedAt,
      decidedAt: s.decidedAt,
      decision: s.decision,
      holder: s.assignee ?? null,
      heldByMe: Boolean(me && s.assignee?.userId === me),
      handler: { agency: s.agency, agencyName: s.agencyName, ...(s.assignee ?? {}) },
      urges: { count: s.urges.length, last: s.urges[s.urges.length - 1] },
      panel: s.panel ? { members: s.panel.members.length, scored: s.panel.scores.length, closed: s.status === 'decided' } : undefined,
    };
  });
}

function filtered(rows: StepRowView[], q: StepQuery): StepRowView[] {
  const needle = q.q?.trim().toLowerCase();
  const colours = q.colour?.split(',');
  const sorted = rows
    .filter((r) => !q.process || r.process === q.process)
    .filter((r) => !q.kind || r.kind === q.kind)
    .filter((r) => !q.agency || r.agency === q.agency)
    .filter((r) => !colours || colours.includes(r.colour))
    .filter((r) => !q.dueFrom || r.dueOn >= q.dueFrom)
    .filter((r) => !q.dueTo || r.dueOn <= q.dueTo)
    .filter((r) => !needle || [r.caseId, r.receiptNumber, r.enterpriseName, r.creditCode].some((v) => v?.toLowerCase().includes(needle)));
  const descending = q.sort?.startsWith('-');
  return sorted.sort((a, b) => (q.list === 'escalated' ? Number(b.open) - Number(a.open) : 0) || (descending ? b.dueOn.localeCompare(a.dueOn) : a.dueOn.localeCompare(b.dueOn)));
}

function pageOf(rows: StepRowView[], q: StepQuery): Paged<StepRowView> {
  return { page: q.page, pageSize: q.pageSize, total: rows.length, rows: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) };
}
