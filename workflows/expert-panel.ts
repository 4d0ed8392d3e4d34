import type { CaseStep } from '../libs/domain/case-engine.contract';
import type { DepartmentCode } from '../libs/domain/departments';
import { readClock, stopClock } from '../libs/domain/sla-clock';
import type { CaseEngine } from './case-engine';
import { watchClock } from './clock-watch';
import { announceColour, openStep } from './human-step';

export interface PanelOutcome {
  step: CaseStep;
  passed: boolean;
  average: number;
}

/**
 * 专家评审: a panel of experts each score the application (through the scoreExpertReview
 * update). The step completes when every member has scored, or when its time limit has passed
 * and at least one has (the limit passing with no score escalates and keeps waiting).
 */
export async function expertPanel(
  engine: CaseEngine,
  spec: { agency: DepartmentCode; members: Array<{ userId: string; name: string }>; passScore: number; limitDays: number; warnDaysBefore: number },
): Promise<PanelOutcome> {
  const step = openStep(engine, {
    name: '专家评审',
    kind: 'expert-panel',
    agency: spec.agency,
    allowed: [],
    limitDays: spec.limitDays,
    warnDaysBefore: spec.warnDaysBefore,
    onOverdue: 'escalate',
  });
  step.panel = { members: spec.members, scores: [], passScore: spec.passScore };
  let expired = false;
  const watcher = watchClock(engine, step.clock, (colour) => {
    if (colour === 'red') {
      expired = true;
      step.escalated = true;
    }
    announceColour(engine, { label: step.name, stepId: step.id, agency: step.agency }, colour, readClock(step.clock, engine.calendar, new Date()).dueOn);
  });
  const scores = step.panel.scores;
  try {
    await engine.waitFor(() => scores.length === spec.members.length || (expired && scores.length > 0));
  } finally {
    if (!step.clock.stoppedAt) stopClock(step.clock, new Date());
    engine.clockChanged();
    await watcher;
  }
  const average = Math.round((scores.reduce((sum, s) => sum + s.score, 0) / scores.length) * 10) / 10;
  const passed = average >= spec.passScore;
  const reason = `${scores.length}/${spec.members.length}位专家评分，平均${average}分，${passed ? '达到' : '低于'}${spec.passScore}分`;
  step.status = 'decided';
  step.decision = { decision: passed ? 'approve' : 'reject', reason, by: { userId: 'expert-panel', name: '专家组', role: 'expert' }, at: new Date().toISOString() };
  engine.note({ actor: 'expert-panel', role: 'expert', agency: spec.agency, action: 'expert-review-completed', reason, detail: { stepId: step.id, average, passed } });
  return { step, passed, average };
}
