import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTERED } from '../libs/processes';
import { bundleWorkflows, testDataConverter } from './support/workflow-env';

/**
 * Recorded histories of each registered process (npm run histories:record) replay against the
 * current workflow code. A change that would break a case already running fails here: make it
 * with `patched` (and keep the old path) instead. A process joins the registry with at least one
 * recorded history, named after its code (`<code>*.json`).
 */
const DIR = join(__dirname, 'histories');
const recorded = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f.replace(/\.json$/, ''), ...(JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { workflowId: string; history: { events: any[] } }) }));
const workflowTypeOf = (r: (typeof recorded)[number]): string => r.history.events[0].workflowExecutionStartedEventAttributes.workflowType.name;

describe('recorded histories replay against the current workflow code', () => {
  let bundle: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    bundle = await bundleWorkflows();
  });

  it.each(REGISTERED.map((p) => [p.code, p] as const))('has a history of %s, named after it', (code, process) => {
    const own = recorded.filter((r) => workflowTypeOf(r) === process.workflowType);
    expect(own.map((r) => r.name)).not.toEqual([]);
    for (const r of own) expect(r.name.startsWith(code)).toBe(true);
  });

  it.each(REGISTERED.flatMap((p) => (p.supportWorkflowTypes ?? []).map((type) => [type, p.code] as const)))('has a history of %s, the own workflow of %s, named after its process', (type, code) => {
    const own = recorded.filter((r) => workflowTypeOf(r) === type);
    expect(own.map((r) => r.name)).not.toEqual([]);
    for (const r of own) expect(r.name.startsWith(code)).toBe(true);
  });

  it('has histories of registered processes and their own workflows only', () => {
    const registered = new Set(REGISTERED.flatMap((p) => [p.workflowType, ...(p.supportWorkflowTypes ?? [])]));
    expect(recorded.map(workflowTypeOf).filter((t) => !registered.has(t))).toEqual([]);
  });

  it('has a history of a running case that a calendar year was loaded into (calendarYearLoaded)', () => {
    const signalled = recorded.filter((r) => r.history.events.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'calendarYearLoaded'));
    expect(signalled.map((r) => r.name)).toEqual(['high-tech-calendar-load']);
  });

  it.each(recorded.map((r) => [r.name, r] as const))('replays %s deterministically', async (_name, r) => {
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: testDataConverter() }, r.history, r.workflowId)).resolves.toBeUndefined();
  });

  it('fails on a history the current code could not have produced', async () => {
    const original = recorded.find((r) => r.name === 'high-tech-normal-path')!;
    const altered = structuredClone(original.history);
    const scheduled = altered.events.find((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')!;
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'zgcSomeOtherActivity';
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: testDataConverter() }, altered, original.workflowId)).rejects.toThrow(/[Nn]ondetermin/);
  });
});
