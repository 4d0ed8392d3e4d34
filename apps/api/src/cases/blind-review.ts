import type { Actor } from '../../../../libs/domain';

type Score = { userId: string };
type WithPanel = { id: string; status: string; panel?: { scores: Score[] } | Record<string, unknown> | null };
type Entry = { actor: string; action: string; reason?: string | null; detail?: Record<string, unknown> | null };

const CLOSED = new Set(['decided', 'cancelled']);

/** A panel still sitting: its scores are no expert's business but their own (专家评审背靠背). */
const sitting = (step: WithPanel): boolean => Boolean(step.panel) && !CLOSED.has(step.status);

/**
 * Blind expert review: until the panel closes, an expert sees only their own score and opinion
 * — not the other members' — wherever a panel is shown (the case, its timeline, the inbox, the
 * answer to their own score). Officials and supervisors see every score, as before; once the
 * panel has closed, so does the expert.
 */
export function blindStep<T extends WithPanel>(actor: Pick<Actor, 'role' | 'userId'>, step: T): T {
  if (actor.role !== 'expert' || !sitting(step)) return step;
  const panel = step.panel as { scores: Score[] };
  return { ...step, panel: { ...panel, scores: panel.scores.filter((s) => s.userId === actor.userId) } };
}

/** The timeline as an expert sees it while a panel sits: another member's score entry says that they scored, not what. */
export function blindTimeline<E extends Entry>(actor: Pick<Actor, 'role' | 'userId'>, entries: E[], steps: WithPanel[]): E[] {
  if (actor.role !== 'expert') return entries;
  const open = new Set(steps.filter(sitting).map((s) => s.id));
  return entries.map((e) => {
    if (e.action !== 'expert-scored' || e.actor === actor.userId || !open.has(String(e.detail?.stepId))) return e;
    const { score: _score, ...detail } = e.detail ?? {};
    return { ...e, reason: undefined, detail };
  });
}
