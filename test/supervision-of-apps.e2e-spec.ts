import { Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { anyFreshPoller } from '../apps/api/src/readiness.service';
import { agencyStaff, applicant, as, supervisor } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { HostedStack, startHostedStack } from './support/hosted-stack';
import { eventually, idempotencyKey } from './support/http';

/**
 * npm start's stack (apps as child processes from dist/, supervised), started by this suite with
 * its own Postgres and Temporal: killing its worker must leave its task queue unpolled, which the
 * shared stack's in-process worker would not.
 */
const FIRST_RESTART_MS = 20_000; // long enough to watch the stack while the app is down
const UPDATE_TIMEOUT_SECONDS = 3;

let stack: HostedStack;
const logged: string[] = [];
const saved = { API_URL: process.env.API_URL, DEPARTMENTS_URL: process.env.DEPARTMENTS_URL };
const zgc = as(agencyStaff('zgc', 'zgc-reviewer'));
const boss = as(supervisor());

async function ready(): Promise<{ status: number; body: any }> {
  const response = await fetch(`${stack.urls.api}/health/ready`);
  return { status: response.status, body: await response.json() };
}
/** The first line matching, logged after line `from`. */
const loggedLine = (pattern: RegExp, from = 0) =>
  eventually(`a log line ${pattern}`, async () => logged.slice(from).find((line) => pattern.test(line)), FIRST_RESTART_MS + 60_000);

beforeAll(async () => {
  stack = await startHostedStack({
    options: {
      persistent: false,
      apps: 'children',
      restartPolicy: { firstDelayMs: FIRST_RESTART_MS },
      settings: { WORKFLOW_UPDATE_TIMEOUT_SECONDS: String(UPDATE_TIMEOUT_SECONDS), WORKER_STICKY_TIMEOUT_SECONDS: '2' },
    },
    unset: ['DATABASE_URL', 'DEPARTMENTS_DATABASE_URL', 'TEMPORAL_ADDRESS'],
    logged,
  });
  // The support helpers (users, department records) talk to this suite's stack.
  process.env.API_URL = stack.urls.api;
  process.env.DEPARTMENTS_URL = stack.urls.departments;
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  Object.assign(process.env, saved);
}, 60_000);

describe('npm start supervises the apps it starts', () => {
  it('a worker killed (SIGKILL): actions answer 503 with Retry-After in time, readiness names it, the worker is restarted, nothing lost or doubled', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const me = as(applicant(enterprise.creditCode));
    const filed = await fileHighTech(applicationFor(enterprise), undefined, me);
    const atAcceptance = await awaitCase(me, filed.id, (c) => c.status === 'acceptance' && c.steps.length === 1, 'the acceptance step');
    const stepId = atAcceptance.steps[0].id;

    const linesBefore = logged.length;
    const killed = Date.now();
    process.kill((await stack.pidOf('worker'))!, 'SIGKILL');

    // A decision sent as the worker dies does not hang: 503 within the bound, saying processing is
    // paused, that it may still be done, and how to retry safely.
    const key = idempotencyKey();
    const asked = Date.now();
    const paused = await zgc.post(`/steps/${stepId}/decision`, { decision: 'accept' }, { 'Idempotency-Key': key });
    const tookMs = Date.now() - asked;
    expect([paused.status, paused.body.error, paused.body.carriedOut]).toEqual([503, 'ProcessingPaused', 'unknown']);
    expect(tookMs).toBeGreaterThanOrEqual(UPDATE_TIMEOUT_SECONDS * 1000 - 100);
    expect(tookMs).toBeLessThan(UPDATE_TIMEOUT_SECONDS * 1000 + 3000);
    expect(Number(paused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(paused.body.message).toMatch(/^处理暂停：.*本次操作未能在 3 秒内完成，恢复后仍可能生效；以相同的 Idempotency-Key 重试即为同一操作/);

    // Readiness fails, naming the worker, within the poll age the API allows (10 s) and its cache.
    // It fails as soon as either task queue's last poll is too old; wait until the workflow task
    // queue's is (the last polls of the two began up to a long poll apart), for only then is an
    // update known to have no one to take it up (CI: the urge below waited its 3 s for a worker).
    const notReady = await eventually('readiness to fail for the workflow task queue', async () => {
      const answer = await ready();
      const worker = answer.body.problems?.find((p: { check: string }) => p.check === 'worker');
      return answer.status === 503 && ['readiness.workflowTasks', 'readiness.bothQueues'].includes(worker?.params?.queues?.code) ? answer : undefined;
    }, 20_000);
    expect(Date.now() - killed).toBeLessThan(FIRST_RESTART_MS);
    expect(notReady.body.checks).toMatchObject({ worker: 'down', postgres: 'up', temporal: 'up', departments: 'up' });
    // The consoles say what it means for the work; operators read the task queue in `detail`.
    expect(notReady.body.message).toContain('处理暂停：后台处理服务未在运行');
    expect(notReady.body.message).not.toContain('任务队列');
    expect(notReady.body.problems.find((p: { check: string }) => p.check === 'worker').detail).toMatch(/^无工作进程在线：任务队列 "approvals" 的(工作流任务|工作流任务与活动任务)超过 \d+ 秒无人轮询$/);
    expect((await fetch(`${stack.urls.api}/health/live`)).status).toBe(200);
    expect((await fetch(`${stack.urls.api}/health`)).status).toBe(503);

    // Known to have no worker, an action is refused at once, and is certainly not done.
    const urgedAt = Date.now();
    const refused = await boss.post(`/steps/${stepId}/urge`, { note: '请尽快受理' }, { 'Idempotency-Key': idempotencyKey() });
    expect(Date.now() - urgedAt).toBeLessThan(1500);
    expect([refused.status, refused.body.carriedOut, refused.body.cause]).toEqual([503, 'no', 'worker']);
    expect(refused.body.message).toMatch(/^处理暂停：后台处理服务未在运行.*请联系系统管理员。本次操作未办理，请在恢复后重试。$/);
    expect(refused.body.params.headline).toMatchObject({ code: 'readiness.noWorker', params: { taskQueue: 'approvals' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    // Filing goes on: the case is kept in Temporal and waits for a worker.
    const waiting = await loadEnterprise(eligibleEnterprise());
    const waitingApplicant = as(applicant(waiting.creditCode));
    const queued = await fileHighTech(applicationFor(waiting), undefined, waitingApplicant);
    expect(queued.status).toBe('verifying');

    // The supervisor said what died and restarts it by itself.
    await loggedLine(/^\[worker\] exited unexpectedly \(signal SIGKILL\) after .*; restarting in 20 s$/, linesBefore);
    await loggedLine(/^\[worker\] restarted: polling "approvals"$/, linesBefore);
    await eventually('readiness to return', async () => ((await ready()).status === 200 ? true : undefined), 30_000);

    // The decision the API gave up on was still applied when the worker came back, once; the retry
    // with the same key is the same update and answers with its outcome.
    const retried = await zgc.post(`/steps/${stepId}/decision`, { decision: 'accept' }, { 'Idempotency-Key': key });
    expect([retried.status, retried.body.status]).toEqual([200, 'decided']);
    const accepted = await awaitCase(me, filed.id, (c) => c.status === 'formal-review', 'formal review');
    expect(accepted.timeline.filter((e: any) => e.action === 'step-decided')).toHaveLength(1);
    expect(accepted.timeline.filter((e: any) => e.action === 'urged')).toHaveLength(0);
    // And the case filed while no worker polled completes.
    await awaitCase(waitingApplicant, queued.id, (c) => c.status === 'certified' && c.certificate, 'certification', 60_000);
  }, 180_000);

  it("the departments' services killed: readiness names them, they are restarted on the same address, and a case filed meanwhile completes", async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise());
    const me = as(applicant(enterprise.creditCode));
    const address = stack.urls.departments;
    const linesBefore = logged.length;
    process.kill((await stack.pidOf('departments'))!, 'SIGKILL');

    const notReady = await eventually('readiness to fail', async () => {
      const answer = await ready();
      return answer.status === 503 ? answer : undefined;
    }, 15_000);
    expect(notReady.body.checks).toMatchObject({ departments: 'down', worker: 'up' });
    expect(notReady.body.message).toContain('部门数据服务暂时无法访问');
    expect(notReady.body.detail).toContain(`部门服务不可达（${address}/health`);
    const filed = await fileHighTech(applicationFor(enterprise), undefined, me);

    await loggedLine(/^\[departments\] exited unexpectedly \(signal SIGKILL\) after .*; restarting in 20 s$/, linesBefore);
    await loggedLine(new RegExp(`^\\[departments\\] restarted: listening on ${address.replace(/\./g, '\\.')}$`), linesBefore);
    await eventually('readiness to return', async () => ((await ready()).status === 200 ? true : undefined), 30_000);
    await awaitCase(me, filed.id, (c) => c.status === 'certified' && c.certificate, 'certification', 90_000);
  }, 180_000);

  it('a restart the launcher asks for (the chaos run) is not a crash: one new worker, nothing logged as dying', async () => {
    const before = await stack.pidOf('worker');
    const linesBefore = logged.length;
    await stack.restartApp('worker', 'SIGKILL');
    const after = await stack.pidOf('worker');
    expect(after).not.toBe(before);
    await loggedLine(/^\[worker\] restarted: polling/, linesBefore);
    // Past the restart delay a crash would have had: still exactly the one new worker polls.
    const connection = await Connection.connect({ address: stack.urls.temporal });
    try {
      await new Promise((r) => setTimeout(r, 10_000));
      const answer = await connection.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: stack.env.TEMPORAL_TASK_QUEUE },
        taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      const polling = (answer.pollers ?? []).filter((p) => anyFreshPoller([p], Date.now(), 7000)).map((p) => p.identity);
      expect(polling).toEqual([expect.stringMatching(new RegExp(`^${after}@`))]);
    } finally {
      await connection.close();
    }
    expect(logged.slice(linesBefore).filter((line) => /exited unexpectedly/.test(line))).toEqual([]);
    expect(await stack.pidOf('worker')).toBe(after);
  }, 60_000);

  it('stopping restarts nothing: every app is stopped and none comes back', async () => {
    const linesBefore = logged.length;
    const pids = await Promise.all((['api', 'worker', 'departments'] as const).map((name) => stack.pidOf(name)));
    expect(pids.every((pid) => typeof pid === 'number')).toBe(true);
    await stack.stop();
    expect(logged.slice(linesBefore).filter((line) => /exited unexpectedly|restarted/.test(line))).toEqual([]);
    for (const pid of pids) expect(() => process.kill(pid!, 0)).toThrow();
  }, 60_000);
});
