import type { CaseView, DocumentView, TimelineEntry } from '../../api/views';

/** What the officials asked for in the correction the case waits on: the items, who asked and why, by when if the notice says. */
export interface CorrectionAsked {
  items: string[];
  /** The steps that returned the case (形式审查 …). */
  steps: string[];
  /** Each returning step's reason, as its official wrote it. */
  reasons: Array<{ step: string; reason: string }>;
  issuedAt?: string;
  /** A deadline, when the notice carries one (none of today's processes sets one). */
  deadline?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && !!v) : []);

/**
 * The latest correction notice and, from the timeline, the decisions that led to it (退回补正 or
 * 一次性告知补正 on the steps the notice names). Undefined when the case has no notice.
 */
export function correctionAsked(c: Pick<CaseView, 'timeline'>, notices: readonly DocumentView[]): CorrectionAsked | undefined {
  const notice = [...notices].reverse().find((d) => d.kind === 'correction-notice');
  const requested = [...c.timeline].reverse().find((e) => e.action === 'correction-requested');
  if (!notice && !requested) return undefined;
  const items = strings(notice?.body.items).length ? strings(notice?.body.items) : strings(requested?.detail?.items);
  const steps = strings(notice?.body.steps).length ? strings(notice?.body.steps) : strings([notice?.body.step]);
  const stepIds = new Set(strings(requested?.detail?.stepIds));
  const before = requested ? c.timeline.filter((e) => e.seq <= requested.seq) : c.timeline;
  const reasons: CorrectionAsked['reasons'] = [];
  const seen = new Set<string>();
  for (const e of [...before].reverse() as TimelineEntry[]) {
    if (e.action !== 'step-decided' || !['request-correction', 'return'].includes(String(e.detail?.decision))) continue;
    const stepId = text(e.detail?.stepId) ?? '';
    if (stepIds.size ? !stepIds.has(stepId) : reasons.length) continue;
    if (seen.has(stepId)) continue;
    seen.add(stepId);
    if (text(e.reason)) reasons.unshift({ step: text(e.detail?.step) ?? '', reason: e.reason! });
  }
  return { items, steps, reasons, issuedAt: notice?.issuedAt ?? requested?.at, deadline: text(notice?.body.deadline) ?? text(notice?.body.dueOn) };
}
