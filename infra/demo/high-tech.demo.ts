import { DemoClient, DemoUser, HeldCertificate, beijingTime, fileAnew, say, until } from './demo-client';

const PAUSES: Record<string, string> = { 'awaiting-applicant': '申请人补正', 'expert-review': '专家评审', 'public-notice': '公示', testing: '检测', hearing: '听证' };

const step = (c: any, name: string) => c.steps.find((s: any) => s.name === name);

async function caseOf(user: DemoUser, id: string, ready: (c: any) => boolean, what: string): Promise<any> {
  return until(what, async () => {
    const c = await user.get(`/cases/${id}`);
    return ready(c) ? c : undefined;
  });
}

/**
 * 报备即批准, both paths, as the roles would play them over the HTTP API: an eligible enterprise
 * certified on filing; an ineligible one through acceptance, formal review with a correction,
 * the expert panel, joint review by 市财政局 and 税务局, 公示 and certification.
 */
export async function demo(client: DemoClient): Promise<void> {
  const run = Date.now().toString(36);
  const [chip, trade, zgc, finance, tax, boss] = await Promise.all(
    ['chip-applicant', 'trade-applicant', 'zgc-reviewer', 'finance-officer', 'tax-officer', 'supervisor'].map((u) => client.login(u)),
  );

  console.log('\n一、报备即批准 fast path');
  const fastNumber = await fastPath(client, chip, zgc, run);

  console.log('\n二、normal path: acceptance → formal review → experts → joint review → 公示 → certificate');
  const normalNumber = await normalPath(client, { trade, zgc, finance, tax, boss }, run);

  console.log(`\nresult: fast path certificate ${fastNumber}; normal path certificate ${normalNumber}`);
}

/**
 * An enterprise certified before (this demo run against the same data) holds a valid
 * certificate: a new certification is refused until its last year of validity (重新认定), so
 * the demo shows the refusal and verifies the certificate it already holds.
 */
async function alreadyCertified(client: DemoClient, held: HeldCertificate): Promise<string> {
  const cert = await client.call('GET', `/verify/certificates/${held.number}`);
  say('公众查验', `${cert.number} ${cert.enterpriseName} 状态 ${cert.status}，有效期至 ${cert.validUntil}；${held.recertificationFrom} 起可申请重新认定`);
  say('提示', '要从头演示：停止 npm start，删除 .data/ 后重新启动');
  return held.number;
}

async function fastPath(client: DemoClient, chip: DemoUser, zgc: DemoUser, run: string): Promise<string> {
  const filing = await fileAnew(chip, '/cases/high-tech', { creditCode: '91110108MA01XQ4T72', techField: 'integrated-circuits' }, `demo-chip-${run}`);
  if ('certificate' in filing) return alreadyCertified(client, filing.certificate);
  const { filed } = filing;
  say(chip.name, `提交高新技术企业认定申请（只填统一社会信用代码和技术领域）→ 案件 ${filed.id}`);
  const fast = await caseOf(chip, filed.id, (c) => c.status !== 'verifying' && (c.status !== 'certified' || c.certificate), 'shared data compared');
  for (const [, shared] of Object.entries<any>(fast.sharedData ?? {})) say('数据共享', `来自${shared.source}：${JSON.stringify(shared.record)}`);
  for (const c of fast.criteria) say('自动比对', `${c.passed ? '✓' : '✗'} ${c.reason}`);
  if (fast.status !== 'certified') throw new Error(`expected certification on filing, got ${fast.status}`);
  say('市科委、中关村管委会', `报备即批准，证书 ${fast.certificate.number}，有效期至 ${fast.certificate.validUntil}`);
  const spot = step(fast, '事后抽查');
  if (spot) {
    say('市科委、中关村管委会', '本案被随机抽中事后抽查（第17条）');
    await zgc.post(`/steps/${spot.id}/decision`, { decision: 'approve', reason: '核查属实' });
    say(zgc.name, '抽查：申报信息核查属实');
  }
  const fastCert = await client.call('GET', `/verify/certificates/${fast.certificate.number}`);
  say('公众查验', `${fastCert.number} ${fastCert.enterpriseName} ${fastCert.techField} 状态 ${fastCert.status}`);

  // One enterprise, one certification: filing again now is refused, naming the certificate.
  const again = await fileAnew(chip, '/cases/high-tech', { creditCode: '91110108MA01XQ4T72', techField: 'integrated-circuits' }, `demo-chip-again-${run}`);
  if (!('certificate' in again)) throw new Error(`expected the second filing to be refused, got case ${again.filed.id}`);
  return fast.certificate.number;
}

async function normalPath(client: DemoClient, users: Record<'trade' | 'zgc' | 'finance' | 'tax' | 'boss', DemoUser>, run: string): Promise<string> {
  const { trade, zgc, finance, tax, boss } = users;
  const filing = await fileAnew(
    trade,
    '/cases/high-tech',
    { creditCode: '91110105MA02LK8P3N', enterpriseName: '北京云桥贸易有限公司', techField: 'artificial-intelligence', rdExpenses: { year: 2025, domesticYuan: 1_200_000, totalYuan: 3_000_000 } },
    `demo-trade-${run}`,
  );
  if ('certificate' in filing) return alreadyCertified(client, filing.certificate);
  const normal = filing.filed;
  say(trade.name, `提交申请 → 案件 ${normal.id}`);
  let c = await caseOf(trade, normal.id, (x) => x.status === 'acceptance' && x.steps.length > 0, 'the fast-path check');
  for (const cr of c.criteria.filter((x: any) => !x.passed)) say('自动比对', `✗ ${cr.reason}`);
  say('系统', `不符合报备即批准条件，转入一般程序；受理期限至 ${c.steps[0].dueOn}`);

  const acceptanceStep = c.steps[0];
  await zgc.post(`/steps/${acceptanceStep.id}/claim`);
  await zgc.post(`/steps/${acceptanceStep.id}/decision`, { decision: 'accept' });
  say(zgc.name, '认领并受理，出具受理通知书');
  c = await caseOf(trade, normal.id, (x) => x.status === 'formal-review' && step(x, '形式审查'), 'formal review');
  say('系统', `审批时限 ${c.clock.limitDays} 个工作日，截止 ${c.clock.dueOn}`);

  const review = step(c, '形式审查');
  const items = ['补充研发项目立项报告', '补充知识产权证明材料'];
  await zgc.post(`/steps/${review.id}/decision`, { decision: 'return', reason: '材料不全', correctionItems: items });
  say(zgc.name, `形式审查：一次性告知补正 ${items.length} 项`);
  await caseOf(trade, normal.id, (x) => x.status === 'awaiting-applicant', 'the correction notice');
  await trade.post(`/cases/${normal.id}/corrections`, { responses: items.map((item) => ({ item, response: '已上传' })) });
  say(trade.name, '补正全部材料（补正期间不计时）');
  await caseOf(trade, normal.id, (x) => x.status === 'formal-review' && step(x, '形式审查').round === 2, 'the reopened review');
  await zgc.post(`/steps/${review.id}/decision`, { decision: 'approve', reason: '材料齐全' });
  say(zgc.name, '形式审查通过');

  c = await caseOf(trade, normal.id, (x) => x.status === 'expert-review' && step(x, '专家评审')?.panel, 'the expert panel');
  const panel = step(c, '专家评审');
  for (const [i, member] of panel.panel.members.entries()) {
    const expertUser = await client.login(member.userId);
    const score = [86, 78, 91][i] ?? 80;
    await expertUser.post(`/steps/${panel.id}/score`, { score, opinion: '研发投入真实，技术领域符合' });
    say(member.name, `专家评分 ${score}`);
  }

  c = await caseOf(trade, normal.id, (x) => x.status === 'joint-review' && x.steps.filter((s: any) => s.name.startsWith('联合审查')).length === 2, 'joint review');
  say('系统', '市财政局、北京市税务局并联审查');
  await Promise.all([
    finance.post(`/steps/${step(c, '联合审查（市财政局）').id}/decision`, { decision: 'approve' }),
    tax.post(`/steps/${step(c, '联合审查（北京市税务局）').id}/decision`, { decision: 'approve' }),
  ]);
  say(finance.name, '联合审查通过');
  say(tax.name, '联合审查通过');

  const notice = await until('the public notice', async () => ((await client.call('GET', '/public-notices')) as any[]).find((n) => n.caseId === normal.id));
  say('公示', `${notice.enterpriseName} 公示至 ${beijingTime(notice.endsAt)}（开发环境公示期缩短为秒）`);
  c = await caseOf(trade, normal.id, (x) => x.status === 'certified' && x.certificate, '公示 to end');
  say('市科委、中关村管委会', `公示期满无异议，颁发证书 ${c.certificate.number}，有效期至 ${c.certificate.validUntil}`);
  const normalCert = await client.call('GET', `/verify/certificates/${c.certificate.number}`);
  say('公众查验', `${normalCert.number} ${normalCert.enterpriseName} 状态 ${normalCert.status}`);
  const paused = c.clock.ledger.pauses.map((p: any) => PAUSES[p.reason] ?? p.reason).join('、');
  say('电子监察', `审批时限截止 ${c.clock.dueOn}（不计时：${paused}）`);
  const overview = await boss.get('/supervision/overview');
  say(boss.name, `在办环节：${overview.steps.map((r: any) => `${r.agencyName} 绿${r.green}/黄${r.yellow}/红${r.red}`).join('；') || '无'}`);
  return c.certificate.number;
}
