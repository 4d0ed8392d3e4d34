import { condition, patched } from '@temporalio/workflow';
import { DepartmentCode, departmentName } from '../../libs/domain/departments';
import type { CaseEngine } from './case-engine';

/**
 * Awaits a department's answer (Temporal retries it without limit). Should it take longer than
 * `incidentAfterMs`, an incident opens — on the timeline and the supervisor's dashboard — and
 * closes when the department answers. A durable timer, so no polling and no case lost.
 */
export async function watched<T>(engine: CaseEngine, department: DepartmentCode, what: string, call: Promise<T>, incidentAfterMs: number): Promise<T> {
  // Cases started before incidents existed have no such timer in their history: they wait as they did.
  if (!patched('department-incidents')) return call;
  let settled = false;
  const outcome = call.then(
    (value) => {
      settled = true;
      return { value };
    },
    (error: unknown) => {
      settled = true;
      return { error };
    },
  );
  if (!(await condition(() => settled, incidentAfterMs))) {
    const { incidents } = engine.state;
    const incident = { id: `${engine.caseId}.i${incidents.length + 1}`, department, what, openedAt: new Date().toISOString() };
    incidents.push(incident);
    engine.timeline.department(department, 'department-incident', { reason: `${departmentName(department)}逾时未答复：${what}`, detail: { incidentId: incident.id } });
    await condition(() => settled);
    (incident as { closedAt?: string }).closedAt = new Date().toISOString();
    engine.timeline.department(department, 'department-recovered', { detail: { incidentId: incident.id } });
  }
  const result = await outcome;
  if ('error' in result) throw result.error;
  return result.value;
}

/** 数据共享: a department's record, watched, and noted on the timeline as it arrives ("from <department>"). */
export async function sharedData<T>(engine: CaseEngine, department: DepartmentCode, what: string, call: Promise<T>, incidentAfterMs: number): Promise<T> {
  const record = await watched(engine, department, what, call, incidentAfterMs);
  engine.timeline.sharedDataReceived(department, what, record);
  return record;
}
