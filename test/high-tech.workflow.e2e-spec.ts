import { INestApplicationContext } from '@nestjs/common';
import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { activityMapFrom } from '../activities';
import { withdrawUpdate } from '../libs/domain';
import { highTechStateQuery } from '../libs/processes/high-tech/high-tech.contract';
import { highTechCertification } from '../workflows/high-tech.workflow';
import { bundleWorkflows, realActivities, testDataConverter } from './support/workflow-env';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { applicant, as, supervisor } from './support/actors';

/**
 * The workflow driven through Temporal's test harness against the stack's running dev server,
 * with the real activities: departments over HTTP, the read model in Postgres.
 */
describe('highTechCertification in TestWorkflowEnvironment', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let activities: INestApplicationContext;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createFromExistingServer({ address: process.env.TEMPORAL_ADDRESS!, namespace: 'default', client: { dataConverter: testDataConverter() } });
    bundle = await bundleWorkflows();
    activities = await realActivities();
  });

  afterAll(async () => {
    await activities?.close();
    await env?.teardown();
  });

  async function run(application: ReturnType<typeof applicationFor>, act?: (handle: WorkflowHandle<typeof highTechCertification>) => Promise<unknown>) {
    // A task queue of its own, so the stack's worker never picks these runs up.
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: activityMapFrom(activities), dataConverter: testDataConverter() });
    const workflowId = `high-tech-wfenv-${randomUUID()}`;
    return worker.runUntil(async () => {
      // No random spot check: these runs must end on their own.
      const handle = await env.client.workflow.start(highTechCertification, { args: [{ application, options: { spotCheckPercent: 0 } }], workflowId, taskQueue });
      await act?.(handle);
      const result = await handle.result();
      const queried = await handle.query(highTechStateQuery);
      const history = await handle.fetchHistory();
      return { workflowId, result, queried, history };
    });
  }

  it('approves an eligible enterprise, answers the state query, and projects the case', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const { workflowId, result, queried } = await run(applicationFor(enterprise));

    expect(result.status).toBe('certified');
    expect(result.certificate).toMatchObject({ status: 'valid', creditCode: enterprise.creditCode });
    expect(result.assessment?.eligible).toBe(true);
    expect(result.shared?.registration?.creditCode).toBe(enterprise.creditCode);
    expect(queried).toEqual(result);

    const projected = await as(supervisor()).get(`/cases/${workflowId}`);
    expect(projected.status).toBe(200);
    expect(projected.body.status).toBe('certified');
    expect(projected.body.applicantId).toBe(enterprise.creditCode);
  });

  it('refers an enterprise the departments do not know to acceptance, with every failed criterion', async () => {
    const enterprise = eligibleEnterprise(); // never loaded: no department holds a record
    const { result } = await run(applicationFor(enterprise), async (handle) => {
      // Wait until 市科委's acceptance step is open, then end the case as its applicant would.
      while ((await handle.query(highTechStateQuery)).status !== 'acceptance') await new Promise((r) => setTimeout(r, 50));
      await handle.executeUpdate(withdrawUpdate, { args: [{ actor: applicant(enterprise.creditCode), reason: '测试结束' }] });
    });
    expect(result.status).toBe('withdrawn');
    expect(result.engine?.steps.map((s) => [s.name, s.status])).toEqual([['受理', 'cancelled']]);
    expect(result.shared).toEqual({ registration: null, rdExpenses: null, scale: null, zgcEnterprise: null, creditMarks: [] });
    expect(result.assessment?.criteria.filter((c) => !c.passed)).toHaveLength(6);
  });

  it('replays its own recorded history deterministically', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const { workflowId, history } = await run(applicationFor(enterprise));
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: testDataConverter() }, history, workflowId)).resolves.toBeUndefined();
  });
});
