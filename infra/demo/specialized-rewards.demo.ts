import { DEMO_PHARMA, demoDeclarationNumbers } from '../../apps/departments/src/specialized-rewards.demo-records';
import { DemoClient, DemoUser, fileAnew, say, until } from './demo-client';

/** The agency whose registration opens each market (FDA → 美国 …). */
const AGENCY = { US: 'FDA', EU: 'EMA', JP: 'PMDA', OTHER: 'WHO-PQ' } as const;
/** Registration numbers as each agency prints them. */
const REGISTRATION_NUMBERS = ['BLA 761345', 'EU/1/24/1812/001', '30600BZX00123000', 'P230012', 'PQ-VAC-2024-017', 'EU/1/24/1820/001', 'K231234', '30600AMX00045000'];

const yuan = (n: number) => `${n / 10_000}万元`;
const daysAgo = (days: number) => new Date(Date.now() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);

async function caseOf(user: DemoUser, id: string, ready: (c: any) => boolean, what: string): Promise<any> {
  return until(what, async () => {
    const c = await user.get(`/cases/${id}`);
    return ready(c) ? c : undefined;
  });
}

/**
 * 专精特新企业国际注册奖励 as the roles play it: a national 小巨人 (北京康华生物医药有限公司, loaded
 * in the departments' demo data) files for each of its eight products. 市经信局, 市药监局 and
 * 北京海关 answer; six are borne out and go to 审核, two go to 受理 with their reasons (one made
 * outside Beijing, one not yet sold in its market) and are refused. 市经信局 approves the six at
 * once: the yearly ledger grants five 200万元 rewards and refuses the sixth (1000万元 a year); the
 * five are published (公示), 市财政局 pays, and a reward decision is verified in the public register.
 */
export async function demo(client: DemoClient): Promise<void> {
  const run = Date.now().toString(36);
  const [me, officer] = await Promise.all(['pharma-applicant', 'economy-it-officer'].map((u) => client.login(u)));

  console.log('\n一、每件产品一份申请');
  const filed: Array<{ id: string; product: string }> = [];
  for (const [i, p] of DEMO_PHARMA.products.entries()) {
    const application = {
      creditCode: DEMO_PHARMA.creditCode,
      enterpriseName: DEMO_PHARMA.name,
      product: { name: p.name, type: p.type },
      registration: { agency: AGENCY[p.market], number: REGISTRATION_NUMBERS[i], registeredOn: daysAgo(300 + 10 * i) },
      exportDeclarations: demoDeclarationNumbers(i),
    };
    const filing = await fileAnew(me, '/cases/specialized-rewards', application, `demo-pharma-${run}-${i}`);
    if (!('filed' in filing)) throw new Error('a reward filing is never refused for a certificate');
    filed.push({ id: filing.filed.id, product: p.name });
    say(me.name, `${p.name}（${AGENCY[p.market]} ${REGISTRATION_NUMBERS[i]}）→ 案件 ${filing.filed.id}`);
  }

  console.log('\n二、数据共享：市经信局名单、市药监局生产许可、北京海关出口记录');
  const checked = [];
  for (const { id, product } of filed) {
    const c = await caseOf(me, id, (x) => x.status !== 'verifying' && x.steps.some((s: any) => s.status === 'open'), `${product}: the departments' answers`);
    checked.push(c);
    if (c.status === 'review') say('数据共享', `${product}：各项核验通过，即时受理，转入审核`);
    else for (const r of c.criteria.filter((x: any) => !x.passed)) say('数据共享', `${product}：✗ ${r.reason}`);
  }

  console.log('\n三、市经信局：不符合条件的不予受理，其余同时审核通过');
  for (const c of checked.filter((x) => x.status === 'acceptance')) {
    const reason = c.criteria.find((r: any) => !r.passed).reason;
    await officer.post(`/steps/${c.steps[0].id}/decision`, { decision: 'refuse', reason });
    say(officer.name, `${c.application.product.name}：不予受理（${reason}）`);
  }
  const inReview = checked.filter((x) => x.status === 'review');
  await Promise.all(inReview.map((c) => officer.post(`/steps/${c.steps.find((s: any) => s.name === '审核').id}/decision`, { decision: 'approve', reason: '材料真实，符合奖励条件' })));
  say(officer.name, `${inReview.length} 件产品同时审核通过，由年度奖励额度账逐一核定`);

  const granted = [];
  for (const c of inReview) {
    const decided = await caseOf(me, c.id, (x) => x.details?.grant, `${c.application.product.name}: the grant`);
    const { grant } = decided.details;
    say('奖励核定', `${c.application.product.name}：${grant.outcome === 'refused' ? '不予奖励' : yuan(grant.grantedYuan)} — ${grant.reason}`);
    if (grant.outcome !== 'refused') granted.push(decided);
  }
  if (granted.length === 0) {
    say('提示', '本年度1000万元奖励额度已在此前的演示中用完；要从头演示：停止 npm start，删除 .data/ 后重新启动');
    return;
  }

  console.log('\n四、公示 → 市财政局拨付 → 奖励决定进入公开登记簿');
  const rewarded = [];
  for (const c of granted) {
    const done = await caseOf(me, c.id, (x) => x.status === 'rewarded', `${c.application.product.name}: 公示 and payment`);
    rewarded.push(done);
    say('市财政局', `${done.application.product.name}：拨付 ${yuan(done.details.payment.amountYuan)}（${done.details.payment.number}），奖励决定 ${done.details.decision.number}`);
  }
  const number = rewarded[0].details.decision.number;
  const verified = await client.call('GET', `/verify/reward-decision/${number}`);
  say('公众查验', `${verified.number} ${verified.holder.name}「${verified.details.product}」${yuan(verified.details.amountYuan)}，状态 ${verified.status}`);
  const total = rewarded.reduce((sum, c) => sum + c.details.payment.amountYuan, 0);
  console.log(`\nresult: ${rewarded.length} rewards paid, ${yuan(total)} this year (ceiling 1000万元); ${inReview.length - granted.length} refused by the ceiling`);
}
