import type { Actor, CaseStep } from '../../libs/domain/case-engine.contract';
import type { DepartmentCode } from '../../libs/domain/departments';
import type { ScoreExpertReviewInput } from '../../libs/processes/high-tech/high-tech.contract';
import { assertOpen } from '../engine/case-access';
import type { CaseEngine } from '../engine/case-engine';
import { watchClock } from '../engine/clock-watch';
import { forbidden, invalidInput, invalidState } from '../engine/failures';
import { announceColour, openStep } from './human-step';

export interface PanelOutcome {
  step: CaseStep;
  passed: boolean;
  average: number;
}

/** Who decides when the panel's average does. */
const PANEL: Actor = { userId: 'expert-panel', name: '专家组', role: 'expert' };

/**
 * 专家评审: a panel of experts each score the application (the process registers
 * `scoreExpertReview` below for it). The step completes when every member has scored, or when its
 * time limit has passed and at least one has (the limit passing with no score escalates and keeps waiting).
 */
export async function expertPanel(
  engine: CaseEngine,
  spec: { agency: DepartmentCode; members: Array<{ userId: string; name: string }>; passScore: number; limitDays: number; warnDaysBefore: number },
): Promise<PanelOutcome> {
  const step = openStep(engine, { name: '专家评审', kind: 'expert-panel', agency: spec.agency, allowed: [], limitDays: spec.limitDays, warnDaysBefore: spec.warnDaysBefore, onOverdue: 'escalate' });
  step.panel = { members: spec.members, scores: [], passScore: spec.passScore };
  let expired = false;
  const watcher = watchClock(engine.clocks, step.clock, (colour) => {
    if (colour === 'red') {
      expired = true;
      step.escalated = true;
    }
    announceColour(engine, { label: step.name, stepId: step.id, agency: step.agency }, colour, engine.clocks.read(step.clock).dueOn);
  });
  const scores = step.panel.scores;
  try {
    await engine.waitFor(() => scores.length === spec.members.length || (expired && scores.length > 0));
  } finally {
    engine.clocks.stop(step.clock, new Date());
    await watcher;
  }
  const average = Math.round((scores.reduce((sum, s) => sum + s.score, 0) / scores.length) * 10) / 10;
  const passed = average >= spec.passScore;
  const reason = `${scores.length}/${spec.members.length}位专家评分，平均${average}分，${passed ? '达到' : '低于'}${spec.passScore}分`;
  engine.steps.settle(step, { decision: passed ? 'approve' : 'reject', reason, by: PANEL, at: new Date().toISOString() });
  engine.timeline.by({ ...PANEL, agency: spec.agency }, 'expert-review-completed', { reason, detail: { stepId: step.id, average, passed } });
  return { step, passed, average };
}

/** A panel member's score: only members, once each, 0–100 with an opinion, while the panel sits. */
export function validateScoreExpertReview(engine: CaseEngine, { stepId, actor, score, opinion }: ScoreExpertReviewInput): void {
  const step = engine.steps.get(stepId);
  if (!step.panel) throw invalidState('panel.notExpertReview', { stepName: step.name });
  if (actor.role !== 'expert' || !step.panel.members.some((m) => m.userId === actor.userId)) throw forbidden('panel.notMember', { name: actor.name });
  assertOpen(engine, step);
  if (step.panel.scores.some((s) => s.userId === actor.userId)) throw invalidState('panel.alreadyScored', { name: actor.name });
  if (!Number.isInteger(score) || score < 0 || score > 100) throw invalidInput('panel.scoreRange', {}, { field: 'score', rule: 'isIntegerInRange' });
  if (!opinion?.trim()) throw invalidInput('panel.opinionRequired', {}, { field: 'opinion', rule: 'isNotEmpty' });
}

export function scoreExpertReview(engine: CaseEngine, { stepId, actor, score, opinion }: ScoreExpertReviewInput): CaseStep {
  const step = engine.steps.get(stepId);
  const panel = step.panel!;
  panel.scores.push({ userId: actor.userId, name: actor.name, score, opinion, at: new Date().toISOString() });
  engine.timeline.by(actor, 'expert-scored', { reason: opinion, detail: { stepId, score, scored: panel.scores.length, of: panel.members.length } });
  return step;
}
