import { INestApplicationContext } from '@nestjs/common';
import { Client, Connection, WorkflowFailedError, WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, NativeConnection, Worker, WorkflowBundleWithSourceMap, bundleWorkflowCode } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { activityMapFrom } from '../activities';
import { FinanceActivities } from '../activities/finance.activities';
import { LedgerReserveInput, RewardLedgerActivities } from '../activities/reward-ledger.activities';
import { QUIET_BUNDLER_LOGGER } from '../infra/build-workflow-bundle';
import { beijingDate } from '../libs/domain';
import {
  LEDGER_CLOSED,
  REWARD_PER_PRODUCT_YUAN,
  ReserveAnswer,
  YEARLY_CEILING_LIMIT_YUAN,
  ledgerUpdateId,
  reserveRewardUpdate,
  rewardLedgerId,
  rewardLedgerQuery,
} from '../libs/processes/specialized-rewards/ledger.contract';
import type { caseOnLedger, LedgerCall } from './support/reward-ledger-driver.workflows';
import { uniqueCreditCode } from './support/http';
import { realActivities, testDataConverter } from './support/workflow-env';

/**
 * 单个企业年奖励额不超过1000万元 across concurrent cases, on the stack's Temporal: every case acts on
 * its enterprise's yearly ledger through the real activity (update-with-start from the worker's
 * client), run by a worker of this suite's own with a stand-in case workflow.
 */
describe('the yearly reward ledger (reward-ledger-<creditCode>-<year>)', () => {
  const taskQueue = `reward-ledger-${randomUUID()}`;
  const year = Number(beijingDate(new Date()).slice(0, 4));
  const ceiling = { ceilingYuan: YEARLY_CEILING_LIMIT_YUAN };
  let connection: Connection;
  let client: Client;
  let bundle: WorkflowBundleWithSourceMap;
  let activities: INestApplicationContext;
  let workerConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default', dataConverter: testDataConverter() });
    bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./support/reward-ledger-driver.workflows'), logger: QUIET_BUNDLER_LOGGER });
    activities = await realActivities();
    workerConnection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await Worker.create({ connection: workerConnection, taskQueue, workflowBundle: bundle, activities: activityMapFrom(activities), dataConverter: testDataConverter() });
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await workerConnection?.close();
    await activities?.close();
    await connection?.close();
  });

  /** One case acting on the ledger through its activity, as a case workflow does; its own workflow id. */
  function onLedger(call: LedgerCall): Promise<any> {
    return client.workflow.execute<typeof caseOnLedger>('caseOnLedger', { taskQueue, workflowId: `case-on-ledger-${randomUUID()}`, args: [call] });
  }
  const reserve = (creditCode: string, caseId: string, extra: Partial<LedgerReserveInput> = {}) =>
    onLedger({ action: 'reserve', input: { caseId, decisionId: 'approve-1', creditCode, year, requestedYuan: REWARD_PER_PRODUCT_YUAN, ledger: ceiling, ...extra } });
  const release = (creditCode: string, caseId: string, reason: string) =>
    onLedger({ action: 'release', input: { caseId, decisionId: 'withdraw-1', creditCode, year, reason, ledger: ceiling } });
  const commit = (creditCode: string, caseId: string, paymentNumber: string) =>
    onLedger({ action: 'commit', input: { caseId, decisionId: 'approve-1', creditCode, year, paymentNumber, ledger: ceiling } });
  // An activity run by hand, as Temporal would run it; its expected failures kept out of the test output.
  const byHand = () => new MockActivityEnvironment({ taskQueue }, { client, logger: new DefaultLogger('ERROR') });
  const ledgerOf = (creditCode: string) => client.workflow.getHandle(rewardLedgerId(creditCode, year));
  const updatesAccepted = async (handle: WorkflowHandle) => (await handle.fetchHistory()).events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;

  const creditCode = uniqueCreditCode();
  const cases = Array.from({ length: 10 }, (_, i) => `specialized-rewards-${creditCode}-${i}`);
  let first: ReserveAnswer[];

  it('grants exactly five of ten parallel 200万元 approvals and refuses five with the reason', async () => {
    first = await Promise.all(cases.map((caseId) => reserve(creditCode, caseId)));
    const granted = first.filter((a) => a.outcome === 'granted');
    const refused = first.filter((a) => a.outcome === 'refused');
    expect([granted.length, refused.length]).toEqual([5, 5]);
    expect(granted.every((a) => a.grantedYuan === 2_000_000)).toBe(true);
    expect(refused.every((a) => a.grantedYuan === 0 && a.reason === `${year}年度已核定1000万元，已达年度上限，不予奖励（单个企业年奖励额不超过1000万元）`)).toBe(true);
    // Answered one after another: each saw what the ones before it had taken.
    expect(granted.map((a) => a.heldBeforeYuan).sort((a, b) => a - b)).toEqual([0, 2e6, 4e6, 6e6, 8e6]);

    const ledger = ledgerOf(creditCode);
    expect(await ledger.query(rewardLedgerQuery)).toMatchObject({ creditCode, year, ceilingYuan: 10e6, reservedYuan: 10e6, committedYuan: 0, availableYuan: 0, generation: 0 });
    // Ten starts raced: one ledger, ten updates.
    const history = await ledger.fetchHistory();
    expect(history.events!.filter((e) => e.workflowExecutionStartedEventAttributes)).toHaveLength(1);
    expect(await updatesAccepted(ledger)).toBe(10);
  });

  it('counts a retried activity, a repeated update and a second decision of the same case once', async () => {
    const ledger = ledgerOf(creditCode);
    const grantedCase = first.find((a) => a.outcome === 'granted')!;
    const refusedCase = first.find((a) => a.outcome === 'refused')!;
    const input: LedgerReserveInput = { caseId: grantedCase.caseId, decisionId: 'approve-1', creditCode, year, requestedYuan: REWARD_PER_PRODUCT_YUAN, ledger: ceiling };

    // The activity run again with the same input, as Temporal retries it: the same update id, so the same update.
    const retry = byHand();
    const ledgerActivities = activities.get(RewardLedgerActivities);
    expect(await retry.run(ledgerActivities.reserve.bind(ledgerActivities), input)).toEqual(grantedCase);
    expect(await ledger.executeUpdate(reserveRewardUpdate, { args: [input], updateId: ledgerUpdateId('reserve', grantedCase.caseId, 'approve-1') })).toEqual(grantedCase);
    expect(await updatesAccepted(ledger)).toBe(10);

    // Another decision of the same case is another update, answered with the case's first answer.
    expect(await reserve(creditCode, grantedCase.caseId, { decisionId: 'approve-2', requestedYuan: 1_000_000 })).toEqual(grantedCase);
    expect(await reserve(creditCode, refusedCase.caseId, { decisionId: 'approve-2' })).toEqual(refusedCase);
    expect(await ledger.query(rewardLedgerQuery)).toMatchObject({ reservedYuan: 10e6, availableYuan: 0 });
    expect((await ledger.query(rewardLedgerQuery)).entries).toHaveLength(10);
  });

  it('frees what rejected and withdrawn cases held, once, for the next approvals', async () => {
    const ledger = ledgerOf(creditCode);
    const [withdrawn, rejected] = first.filter((a) => a.outcome === 'granted').map((a) => a.caseId);
    const freed = await release(creditCode, withdrawn, '申请人撤回申请');
    expect(freed).toMatchObject({ outcome: 'released', freedYuan: 2e6, remainingYuan: 2e6, reason: '释放本案预留的奖励额度200万元（申请人撤回申请）' });
    expect(await release(creditCode, withdrawn, '申请人撤回申请')).toEqual(freed);
    expect(await release(creditCode, rejected, '公示期间异议成立，不予奖励')).toMatchObject({ freedYuan: 2e6, remainingYuan: 4e6 });
    expect(await ledger.query(rewardLedgerQuery)).toMatchObject({ reservedYuan: 6e6, availableYuan: 4e6 });
    // A refused case held nothing.
    expect(await release(creditCode, first.find((a) => a.outcome === 'refused')!.caseId, '不予奖励')).toMatchObject({ outcome: 'nothing-reserved', freedYuan: 0 });

    const later = await Promise.all(['a', 'b', 'c'].map((n) => reserve(creditCode, `specialized-rewards-${creditCode}-later-${n}`)));
    expect(later.map((a) => a.outcome).sort()).toEqual(['granted', 'granted', 'refused']);
    expect(await ledger.query(rewardLedgerQuery)).toMatchObject({ reservedYuan: 10e6, availableYuan: 0 });

    // A released case does not come back.
    await expect(reserve(creditCode, withdrawn, { decisionId: 'approve-3' })).rejects.toThrow(WorkflowFailedError);
  });

  it('commits a reward 市财政局 has paid, once; a paid reward is never released', async () => {
    const ledger = ledgerOf(creditCode);
    const paidCase = (await ledger.query(rewardLedgerQuery)).entries.find((e) => e.status === 'reserved')!;
    const payment = await activities.get(FinanceActivities).payReward({
      caseId: paidCase.caseId,
      decisionId: 'approve-1',
      creditCode,
      enterpriseName: '北京测试生物医药有限公司',
      amountYuan: paidCase.heldYuan,
      basis: '《北京市关于促进"专精特新"中小企业高质量发展的若干措施》第12条',
    });
    const committed = await commit(creditCode, paidCase.caseId, payment.number);
    expect(committed).toMatchObject({ committedYuan: 2e6, paymentNumber: payment.number });
    expect(await commit(creditCode, paidCase.caseId, payment.number)).toEqual(committed);
    expect(await ledger.query(rewardLedgerQuery)).toMatchObject({ committedYuan: 2e6, reservedYuan: 8e6, availableYuan: 0 });

    const refusal = await release(creditCode, paidCase.caseId, '申请人撤回申请').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(WorkflowFailedError);
    const failure = ((refusal as WorkflowFailedError).cause as ActivityFailure).cause as ApplicationFailure;
    expect([failure.type, failure.message, failure.nonRetryable]).toEqual(['InvalidState', `本案奖励已拨付（${payment.number}），额度不能释放`, true]);
  });

  it('continues as new when its history grows, carrying every answer', async () => {
    const enterprise = uniqueCreditCode();
    const small = { ceilingYuan: YEARLY_CEILING_LIMIT_YUAN, continueAsNewAfterEvents: 20 };
    const answers: ReserveAnswer[] = [];
    for (let i = 0; i < 8; i += 1) answers.push(await reserve(enterprise, `case-${i}`, { ledger: small }));
    expect(answers.map((a) => a.outcome)).toEqual(['granted', 'granted', 'granted', 'granted', 'granted', 'refused', 'refused', 'refused']);
    const ledger = ledgerOf(enterprise);
    const view = await ledger.query(rewardLedgerQuery);
    expect(view.generation).toBeGreaterThanOrEqual(1);
    expect(view).toMatchObject({ reservedYuan: 10e6, availableYuan: 0 });
    expect(view.entries).toHaveLength(8);
    // The new run has forgotten the update ids; the ledger still answers the first reserve's retry with its answer.
    expect(await reserve(enterprise, 'case-0', { ledger: small })).toEqual(answers[0]);
    expect(await ledger.query(rewardLedgerQuery)).toMatchObject({ reservedYuan: 10e6, availableYuan: 0 });
    // Each run's history replays against the code.
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: testDataConverter() }, await ledger.fetchHistory(), ledger.workflowId)).resolves.toBeUndefined();
  });

  it('refuses a ceiling above 1000万元 before starting any ledger', async () => {
    const enterprise = uniqueCreditCode();
    const ledgerActivities = activities.get(RewardLedgerActivities);
    const input: LedgerReserveInput = { caseId: 'case-a', decisionId: 'approve-1', creditCode: enterprise, year, requestedYuan: 2e6, ledger: { ceilingYuan: 10_000_001 } };
    const failure = (await byHand().run(ledgerActivities.reserve.bind(ledgerActivities), input).catch((e: unknown) => e)) as ApplicationFailure;
    expect([failure.type, failure.message, failure.nonRetryable]).toEqual(['InvalidInput', 'ceilingYuan 必须是 1 到 10000000 之间的整数（单个企业年奖励额不超过1000万元）', true]);
    await expect(ledgerOf(enterprise).describe()).rejects.toThrow(WorkflowNotFoundError);
  });

  it('closes once its year is settled, and is never replaced by an empty ledger', async () => {
    const enterprise = uniqueCreditCode();
    const workflowId = rewardLedgerId(enterprise, year);
    const open = await reserve(enterprise, 'case-open');
    // Closing day passed: started again by hand as its own next run would be, holding the one open reservation.
    await ledgerOf(enterprise).terminate('test: restarted with a closing day in the past');
    const closing = await client.workflow.start('rewardLedger', {
      taskQueue,
      workflowId: `${workflowId}-closing`,
      args: [{ creditCode: enterprise, year, ceilingYuan: 10e6, closesOn: beijingDate(new Date(Date.now() - 86_400_000)), entries: [{ caseId: 'case-open', status: 'reserved', heldYuan: 2e6, reserve: open }] }],
    });
    const lateReserve = closing.executeUpdate(reserveRewardUpdate, { args: [{ caseId: 'case-late', decisionId: 'approve-1', creditCode: enterprise, year, requestedYuan: 2e6 }] });
    await expect(lateReserve).rejects.toThrow(WorkflowUpdateFailedError);
    await expect(lateReserve.catch((e: WorkflowUpdateFailedError) => (e.cause as ApplicationFailure).message)).resolves.toBe(
      `${year}年度奖励额度账已于 ${beijingDate(new Date(Date.now() - 86_400_000))} 结账，不再预留`,
    );
    // Its last open reservation released: the ledger ends, with its account.
    await closing.executeUpdate('release', { args: [{ caseId: 'case-open', decisionId: 'withdraw-1', creditCode: enterprise, year, reason: '申请人撤回申请' }] });
    expect(await closing.result()).toMatchObject({ reservedYuan: 0, committedYuan: 0, availableYuan: 10e6 });

    // The terminated ledger of this year is not silently replaced by an empty one.
    const refused = await reserve(enterprise, 'case-after').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowFailedError);
    const failure = ((refused as WorkflowFailedError).cause as ActivityFailure).cause as ApplicationFailure;
    expect([failure.type, failure.message]).toEqual([LEDGER_CLOSED, `${year}年度奖励额度账（${workflowId}）已结账`]);
  });
});
