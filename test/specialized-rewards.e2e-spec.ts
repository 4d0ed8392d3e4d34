import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { SpecializedRewardApplication, SpecializedRewardsInput } from '../libs/processes/specialized-rewards/specialized-rewards.contract';
import { ApiUser, agencyStaff, applicant, as, supervisor } from './support/actors';
import { awaitCase } from './support/cases';
import { api, departments, eventually, idempotencyKey } from './support/http';
import { RewardEnterprise, daysAgo, loadRewardEnterprise } from './support/reward-products';
import { testDataConverter } from './support/workflow-env';

/**
 * 专精特新 international-registration rewards (专精特新 measures item 12) end to end over HTTP on
 * the test stack: data sharing, 市经信局's review, the yearly ledger's grant, 公示 (6 s here),
 * 市财政局's payment and the reward decision in the public register; ineligible applications
 * with their reasons and sources; the 1000万元 ceiling across ten approvals at once.
 */
const economyIt = as(agencyStaff('economy-it', 'economy-it-reviewer'));
const year = Number(daysAgo(0).slice(0, 4));
const stepNamed = (c: any, name: string) => c.steps.find((s: any) => s.name === name);
const failed = (c: any) => c.criteria.filter((r: any) => !r.passed).map((r: any) => [r.criterion, r.source]);
const CEILING_REACHED = `${year}年度已核定1000万元，已达年度上限，不予奖励（单个企业年奖励额不超过1000万元）`;

async function file(application: SpecializedRewardApplication): Promise<string> {
  const filed = await as(applicant(application.creditCode)).post('/cases/specialized-rewards', application, { 'Idempotency-Key': idempotencyKey() });
  if (filed.status !== 201) throw new Error(`filing failed: ${filed.status} ${JSON.stringify(filed.body)}`);
  return filed.body.id;
}

/** Filed and borne out by the data: 审核 is open in 市经信局's inbox. */
async function inReview(me: ApiUser, caseId: string) {
  const c = await awaitCase(me, caseId, (x) => x.status === 'review' && stepNamed(x, '审核')?.status === 'open', 'review');
  return { c, review: stepNamed(c, '审核') };
}

async function approve(stepId: string) {
  const answer = await economyIt.post(`/steps/${stepId}/decision`, { decision: 'approve', reason: '材料真实，符合奖励条件' });
  expect([answer.status, answer.body?.message]).toEqual([200, undefined]);
}

describe('专精特新 international-registration rewards', () => {
  it('is listed with its form, options and public register in GET /processes', async () => {
    const processes = (await as(supervisor()).get('/processes')).body as any[];
    expect(processes.map((p) => p.code)).toEqual(['high-tech', 'listing', 'talent-permits', 'specialized-rewards']);
    const p = processes.find((x) => x.code === 'specialized-rewards');
    expect(p).toMatchObject({
      names: { zh: '专精特新企业国际注册奖励' },
      workflowType: 'specializedRewards',
      leadAgency: { code: 'economy-it', name: '市经济和信息化局' },
      filing: 'POST /cases/specialized-rewards',
      publicRegister: [{ kind: 'reward-decision', name: '专精特新企业国际注册奖励决定书' }],
      personalDataFields: [],
      statuses: { review: '审核', rewarded: '已奖励', rejected: '不予奖励' },
      // Its criteria are checked, but a reward is never granted on filing.
      assessment: { title: '奖励条件核验', approvesOnFiling: false },
    });
    expect(p.form.required).toEqual(['creditCode', 'enterpriseName', 'product', 'registration', 'exportDeclarations']);
    expect(p.form.$defs.ForeignRegistrationDto.properties.agency.enum).toEqual(['FDA', 'EMA', 'PMDA', 'WHO-PQ']);
    const option = (setting: string) => p.options.find((o: any) => o.setting === setting);
    expect(option('SPECIALIZED_REWARDS_PUBLIC_NOTICE_SECONDS')).toMatchObject({ value: 6 });
    expect(option('SPECIALIZED_REWARDS_REWARD_PER_PRODUCT_YUAN')).toMatchObject({ value: 2_000_000, max: 2_000_000 });
    expect(option('SPECIALIZED_REWARDS_YEARLY_CEILING_YUAN')).toMatchObject({ value: 10_000_000, max: 10_000_000 });
  });

  it('refuses a malformed application, naming each field and rule in Chinese, and files nothing', async () => {
    const { applications } = await loadRewardEnterprise([{ name: '测试单抗注射液' }]);
    const [good] = applications;
    const answer = await as(applicant(good.creditCode)).post(
      '/cases/specialized-rewards',
      { ...good, registration: { agency: 'NMPA', number: '国药准字', registeredOn: daysAgo(-3) }, exportDeclarations: ['123', good.exportDeclarations[0], good.exportDeclarations[0]] },
      { 'Idempotency-Key': idempotencyKey() },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: any) => [e.field, e.rule])).toEqual(
      expect.arrayContaining([
        ['registration.agency', 'isIn'],
        ['registration.number', 'matches'],
        ['registration.registeredOn', 'notInFuture'],
        ['exportDeclarations', 'arrayUnique'],
        ['exportDeclarations', 'matches'],
      ]),
    );
    expect(answer.body.errors.find((e: any) => e.rule === 'notInFuture').message).toBe('注册日期不能晚于今天');
    expect(answer.body.errors.find((e: any) => e.field === 'registration.agency').message).toBe('注册机构必须是 FDA、EMA、PMDA、WHO-PQ 之一');
    expect((await as(applicant(good.creditCode)).get('/cases')).body).toEqual([]);
  });

  it('rewards an eligible product: data sharing, 审核, 公示, 市财政局 pays, the decision in the public register', async () => {
    const { creditCode, name, applications } = await loadRewardEnterprise([{ name: '康测单抗注射液' }]);
    const me = as(applicant(creditCode));
    const caseId = await file(applications[0]);
    const { c, review } = await inReview(me, caseId);

    // Every fact borne out, each with its source: accepted on filing, 审核 with 市经信局.
    expect(c.criteria.every((r: any) => r.passed)).toBe(true);
    expect(c.criteria.map((r: any) => r.source)).toEqual(['economy-it', 'applicant', 'medical-products', 'customs', 'applicant']);
    expect(c.sharedData.roster).toMatchObject({ source: '市经济和信息化局', record: { name, listings: [{ level: 'national-little-giant' }] } });
    expect(c.sharedData.licence).toMatchObject({ source: '市药品监督管理局', record: { productName: '康测单抗注射液', productType: 'drug' } });
    expect(c.sharedData.exportSales).toMatchObject({ source: '北京海关', record: { market: 'US', declarations: [{}, {}] } });
    expect(c.timeline.map((e: any) => e.action)).toEqual(expect.arrayContaining(['accepted-on-filing']));
    expect(review.agency).toBe('economy-it');
    expect(((await economyIt.get('/inbox')).body as any[]).some((s) => s.id === review.id)).toBe(true);

    // The same product again while this case is open: 409 naming it.
    const again = await me.post('/cases/specialized-rewards', applications[0], { 'Idempotency-Key': idempotencyKey() });
    expect([again.status, again.body.errors?.[0]]).toEqual([409, expect.objectContaining({ field: 'product.name', rule: 'oneOpenCase' })]);
    expect(again.body.message).toContain('该企业的“康测单抗注射液”已有在办的专精特新企业国际注册奖励申请');

    await approve(review.id);
    const notice = await eventually('the case on public notice', async () => ((await api('GET', '/public-notices')).body as any[]).find((n) => n.caseId === caseId));
    expect(notice).toMatchObject({ creditCode, enterpriseName: `${name} · 康测单抗注射液` });

    const rewarded = await awaitCase(me, caseId, (x) => x.status === 'rewarded' && x.artefacts.length === 1, 'the reward', 30_000);
    expect(rewarded).toMatchObject({ decision: 'granted', details: { grant: { year, outcome: 'granted', requestedYuan: 2_000_000, grantedYuan: 2_000_000 } } });
    expect(rewarded.details.grant.reason).toBe(`核定奖励200万元；${year}年度已核定200万元，尚余800万元（单个企业年奖励额不超过1000万元）`);
    expect(rewarded.timeline.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['reward-reserved', 'public-notice-started', 'public-notice-ended', 'reward-paid', 'reward-decision-published']),
    );
    // 公示 stood outside the decision clock.
    expect(rewarded.clock.ledger.pauses.map((p: any) => p.reason)).toEqual(['public-notice']);

    // 市财政局 paid once; the decision is in the public register for anyone to verify.
    const payments = (await departments('GET', `/finance/reward-payments?creditCode=${creditCode}`)).body as any[];
    expect(payments).toEqual([expect.objectContaining({ caseId, amountYuan: 2_000_000, number: rewarded.details.payment.number })]);
    const [entry] = rewarded.artefacts;
    expect(entry).toMatchObject({ kind: 'reward-decision', title: '专精特新企业国际注册奖励决定书', issuer: 'economy-it', holder: { name, creditCode }, status: 'valid' });
    expect(entry.number).toMatch(new RegExp(`^JL${year}[0-9A-F]{10}$`));
    const verified = await api('GET', `/verify/reward-decision/${entry.number}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ issuerName: '市经济和信息化局', holder: { creditCode }, details: { product: '康测单抗注射液', market: '美国', amountYuan: 2_000_000, paymentNumber: payments[0].number } });
    const documents = ((await me.get(`/cases/${caseId}/notices`)).body as any[]).map((d) => d.title);
    expect(documents).toEqual(['受理通知书', '奖励核定通知书', '专精特新企业国际注册奖励公示', '专精特新企业国际注册奖励决定书']);

    // Rewarded once: the same product cannot be filed for again, naming the decision; nothing is started.
    const casesBefore = ((await me.get('/cases')).body as any[]).length;
    const once = await me.post('/cases/specialized-rewards', applications[0], { 'Idempotency-Key': idempotencyKey() });
    expect([once.status, once.body.code, once.body.errors?.[0]]).toEqual([409, 'filing.grantedBefore', expect.objectContaining({ field: 'product.name', rule: 'grantedBefore' })]);
    expect(once.body.message).toBe(`该产品已获专精特新企业国际注册奖励（奖励决定书 ${entry.number}，${entry.issuedOn}），每个产品只奖励一次`);
    expect(((await me.get('/cases')).body as any[]).length).toBe(casesBefore);
  });

  it('sends an application the data do not bear out to 受理, with every reason and its source', async () => {
    // Not on the roster, registered more than two years ago, made elsewhere, never exported.
    const { creditCode, applications } = await loadRewardEnterprise([{ name: '测试缓释片', registeredDaysAgo: 800, licensed: false, exported: false }], { listed: false });
    const me = as(applicant(creditCode));
    const caseId = await file(applications[0]);
    const c = await awaitCase(me, caseId, (x) => x.status === 'acceptance' && x.steps.length === 1, 'acceptance');
    expect(failed(c)).toEqual([
      ['specialized-enterprise', 'economy-it'],
      ['recent-registration', 'applicant'],
      ['beijing-production', 'medical-products'],
      ['export-sales', 'customs'],
      ['declaration-matches', 'applicant'],
    ]);
    const reasons = c.criteria.map((r: any) => r.reason);
    expect(reasons[0]).toBe('不在专精特新中小企业及"小巨人"企业名单中（来源：市经济和信息化局）');
    expect(reasons[1]).toContain('早于近两年');
    expect(reasons[2]).toBe('无“测试缓释片”的本市生产许可记录，不能认定在本市生产（来源：市药品监督管理局）');
    expect(reasons[3]).toContain('出口至美国的报关记录，不能认定已在相应国外市场实现销售（来源：北京海关）');
    expect(c.mismatches).toEqual([{ field: 'exportDeclarations', declared: applications[0].exportDeclarations[0], shared: null, source: 'customs' }]);
    expect(c.timeline.find((e: any) => e.action === 'referred-to-acceptance').reason).toContain('不在专精特新中小企业');
    expect(c.steps[0]).toMatchObject({ name: '受理', agency: 'economy-it', status: 'open' });

    // 市经信局 refuses it with the reason, in a dated 不予受理决定书.
    const refused = await economyIt.post(`/steps/${c.steps[0].id}/decision`, { decision: 'refuse', reason: '不属于专精特新企业，不符合奖励条件' });
    expect(refused.status).toBe(200);
    const ended = await awaitCase(me, caseId, (x) => x.status === 'refused', 'the refusal');
    expect(ended.artefacts).toEqual([]);
    const notice = ((await me.get(`/cases/${caseId}/notices`)).body as any[]).find((d) => d.kind === 'refusal-notice');
    expect(notice.body.reason).toBe('不属于专精特新企业，不符合奖励条件');
  });

  describe('the yearly ceiling (单个企业年奖励额不超过1000万元)', () => {
    let enterprise: RewardEnterprise;
    let me: ApiUser;
    let cases: string[];
    let reviews: string[];

    beforeAll(async () => {
      enterprise = await loadRewardEnterprise(Array.from({ length: 12 }, (_, i) => ({ name: `测试产品${i + 1}号`, type: i % 2 ? 'high-end-medical-device' : 'drug' })));
      me = as(applicant(enterprise.creditCode));
      cases = await Promise.all(enterprise.applications.map(file));
      reviews = [];
      for (const id of cases) reviews.push((await inReview(me, id)).review.id);
    }, 120_000);

    it('grants exactly five of ten approvals made at once, refuses five with the reason, and frees what a withdrawn or rejected grant held', async () => {
      const ten = cases.slice(0, 10);
      await Promise.all(reviews.slice(0, 10).map(approve));

      // As granted cases reach 公示, one is withdrawn and another objected to (each while its 公示 still runs); the rest run on.
      const withdrawn: string[] = [];
      const objected: string[] = [];
      const decided = new Map<string, any>();
      const GRANTED = ['public-notice', 'objection-review', 'paying', 'rewarded', 'withdrawn'];
      await eventually(
        'all ten decided by the ledger',
        async () => {
          await Promise.all(
            ten.filter((id) => !decided.has(id)).map(async (id) => {
              const c = (await me.get(`/cases/${id}`)).body;
              if (c.status === 'rejected' || GRANTED.includes(c.status)) decided.set(id, c);
              if (c.status !== 'public-notice') return;
              if (withdrawn.length === 0) {
                withdrawn.push(id);
                // 409 only if its 公示 ended in between: then another granted case is withdrawn instead.
                if ((await me.post(`/cases/${id}/withdraw`, { reason: '该产品暂不申请' })).status !== 200) withdrawn.pop();
              } else if (objected.length === 0 && !withdrawn.includes(id)) {
                objected.push(id);
                const lodged = await api('POST', `/public-notices/${id}/objections`, { name: '李四', contact: '13900000000', reason: '该产品在美国尚未实际销售' });
                if (lodged.status !== 201) objected.pop();
              }
            }),
          );
          return decided.size === 10 ? true : undefined;
        },
        30_000,
      );
      expect([withdrawn.length, objected.length]).toEqual([1, 1]);

      const all = [...decided.values()];
      const granted = all.filter((c) => c.details.grant.outcome === 'granted');
      const refused = all.filter((c) => c.details.grant.outcome === 'refused');
      expect([granted.length, refused.length]).toEqual([5, 5]);
      expect(granted.every((c) => c.details.grant.grantedYuan === 2_000_000 && c.details.grant.reason.startsWith('核定奖励200万元'))).toBe(true);
      for (const c of refused) {
        expect(c).toMatchObject({ status: 'rejected', decision: 'yearly-ceiling-reached', details: { grant: { grantedYuan: 0, reason: CEILING_REACHED } } });
        const notice = ((await me.get(`/cases/${c.id}/notices`)).body as any[]).find((d) => d.kind === 'decision-notice');
        expect(notice).toMatchObject({ title: '不予奖励决定书', body: { reason: CEILING_REACHED } });
      }

      // The withdrawn grant goes back to the year: the eleventh product's approval gets it.
      const out = await awaitCase(me, withdrawn[0], (c) => c.status === 'withdrawn' && c.timeline.some((e: any) => e.action === 'reward-released'), 'the withdrawal');
      expect(out.timeline.find((e: any) => e.action === 'reward-released').reason).toBe('释放本案预留的奖励额度200万元（申请人撤回申请）');
      await approve(reviews[10]);
      const eleventh = await awaitCase(me, cases[10], (c) => c.details?.grant, 'the eleventh grant');
      expect(eleventh.details.grant).toMatchObject({ outcome: 'granted', grantedYuan: 2_000_000 });

      // The objection upheld at 异议核查 rejects the case and frees its grant for the twelfth.
      const back = await awaitCase(me, objected[0], (c) => c.status === 'objection-review' && stepNamed(c, '异议核查'), 'the objection review');
      await economyIt.post(`/steps/${stepNamed(back, '异议核查').id}/decision`, { decision: 'reject', reason: '异议属实：该产品尚未在美国销售' });
      const rejected = await awaitCase(me, objected[0], (c) => c.status === 'rejected' && c.timeline.some((e: any) => e.action === 'reward-released'), 'the rejection');
      expect(rejected.timeline.find((e: any) => e.action === 'reward-released').reason).toBe('释放本案预留的奖励额度200万元（公示期间异议成立，不予奖励）');
      await approve(reviews[11]);
      expect((await awaitCase(me, cases[11], (c) => c.details?.grant, 'the twelfth grant')).details.grant).toMatchObject({ outcome: 'granted', grantedYuan: 2_000_000 });

      // In the end: five rewards paid, 1000万元 in all, never more.
      const paid = granted.map((c) => c.id).filter((id) => id !== withdrawn[0] && id !== objected[0]).concat(cases[10], cases[11]);
      for (const id of paid) await awaitCase(me, id, (c) => c.status === 'rewarded', 'the reward', 30_000);
      const payments = (await departments('GET', `/finance/reward-payments?creditCode=${enterprise.creditCode}`)).body as any[];
      expect(payments.map((p) => p.caseId).sort()).toEqual([...paid].sort());
      expect(payments.reduce((sum, p) => sum + p.amountYuan, 0)).toBe(10_000_000);
    }, 180_000);
  });

  it('grants the remainder when the ceiling leaves less than 200万元, and says so', async () => {
    // A ceiling lowered to 900万元 (an option, never above 1000万元): the fifth approval gets what is left.
    const { creditCode, applications } = await loadRewardEnterprise(Array.from({ length: 5 }, (_, i) => ({ name: `余额产品${i + 1}号` })));
    const me = as(applicant(creditCode));
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    try {
      const client = new Client({ connection, dataConverter: testDataConverter() });
      const ids = await Promise.all(
        applications.map(async (application) => {
          const input: SpecializedRewardsInput = { application, options: { yearlyCeilingYuan: 9_000_000, publicNoticeSeconds: 6 } };
          const handle = await client.workflow.start('specializedRewards', { taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'approvals', workflowId: `specialized-rewards-${randomUUID()}`, args: [input] });
          return handle.workflowId;
        }),
      );
      const reviews: string[] = [];
      for (const id of ids) reviews.push((await inReview(me, id)).review.id);
      await Promise.all(reviews.map(approve));
      const grants = await Promise.all(ids.map(async (id) => (await awaitCase(me, id, (c) => c.details?.grant, 'the grant')).details.grant));
      expect(grants.map((g) => g.grantedYuan).sort()).toEqual([1_000_000, 2_000_000, 2_000_000, 2_000_000, 2_000_000]);
      const partial = grants.find((g) => g.outcome === 'partial');
      expect(partial.reason).toBe(`${year}年度已核定800万元，仅余100万元，按年度上限核定奖励100万元（申请200万元；单个企业年奖励额不超过900万元）`);

      const partialCase = ids[grants.indexOf(partial)];
      const rewarded = await awaitCase(me, partialCase, (c) => c.status === 'rewarded', 'the partial reward', 30_000);
      expect(rewarded).toMatchObject({ decision: 'partially-granted', details: { payment: { amountYuan: 1_000_000 } } });
      expect((await api('GET', `/verify/reward-decision/${rewarded.artefacts[0].number}`)).body.details).toMatchObject({ requestedYuan: 2_000_000, amountYuan: 1_000_000 });
      const grantNotice = ((await me.get(`/cases/${partialCase}/notices`)).body as any[]).find((d) => d.kind === 'reward-grant');
      expect(grantNotice.body).toMatchObject({ partial: true, grantedYuan: 1_000_000, reason: partial.reason });
    } finally {
      await connection.close();
    }
  }, 120_000);
});
