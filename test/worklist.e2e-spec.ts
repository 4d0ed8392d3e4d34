import { randomInt } from 'node:crypto';
import { agencyStaff, applicant, as } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { eventually } from './support/http';

/**
 * 市科委's worklists over HTTP, on the shared stack (whose other suites fill the same lists): every
 * row names the enterprise and its 受理编号; the server pages, searches (受理编号, credit code,
 * enterprise name), filters and sorts; 我的 holds what I claimed, 已办 what my agency decided.
 */
const zgc = as(agencyStaff('zgc', 'zgc-worklist'));
const RECEIPT = /^京科受〔(\d{4})〕(\d{6})$/;

/** A few Chinese characters no other suite's enterprise names carry. */
function marker(): string {
  const chars = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川河海松柏梅兰竹菊';
  return Array.from({ length: 4 }, () => chars[randomInt(chars.length)]).join('');
}

async function fileAtAcceptance(name: string) {
  const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false, name }));
  const me = as(applicant(enterprise.creditCode));
  const { id } = await fileHighTech(applicationFor(enterprise), undefined, me);
  const c = await awaitCase(me, id, (x) => x.status === 'acceptance' && x.steps.length === 1 && x.receiptNumber, 'the acceptance step');
  return { enterprise, me, caseId: id as string, step: c.steps[0], receiptNumber: c.receiptNumber as string };
}

const page = async (query: string) => {
  const answer = await zgc.get(`/worklist?${query}`);
  expect(answer.status).toBe(200);
  return answer.body as { page: number; pageSize: number; total: number; rows: any[] };
};

describe('an agency’s worklist', () => {
  const tag = marker();
  let first: Awaited<ReturnType<typeof fileAtAcceptance>>;
  let second: Awaited<ReturnType<typeof fileAtAcceptance>>;

  beforeAll(async () => {
    first = await fileAtAcceptance(`北京${tag}芯片科技有限公司`);
    second = await fileAtAcceptance(`北京${tag}数据服务有限公司`);
    // Both in the read model's worklist before any test reads it.
    await eventually('both cases in the worklist', async () => ((await page(`q=${encodeURIComponent(tag)}`)).total === 2 ? true : undefined));
  });

  it('names the enterprise, its credit code and a readable 受理编号 in every row, each case its own number in filing order', async () => {
    const { rows, total } = await page(`q=${encodeURIComponent(tag)}`);
    expect(total).toBe(2);
    const byCase = Object.fromEntries(rows.map((r) => [r.caseId, r]));
    expect(byCase[first.caseId]).toMatchObject({
      stepId: first.step.id,
      enterpriseName: `北京${tag}芯片科技有限公司`,
      creditCode: first.enterprise.creditCode,
      receiptNumber: first.receiptNumber,
      process: 'high-tech',
      stepName: '受理',
      kind: 'acceptance',
      agencyName: '市科委、中关村管委会',
      status: 'open',
      colour: 'green',
      holder: null,
      daysOverdue: 0,
    });
    const [, year1, seq1] = RECEIPT.exec(first.receiptNumber)!;
    const [, year2, seq2] = RECEIPT.exec(second.receiptNumber)!;
    expect(year1).toBe(String(new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()));
    if (year1 === year2) expect(Number(seq2)).toBeGreaterThan(Number(seq1));
    // The case says its number too, and every list of cases.
    expect((await first.me.get('/cases')).body.find((c: any) => c.id === first.caseId)).toMatchObject({ receiptNumber: first.receiptNumber, enterpriseName: `北京${tag}芯片科技有限公司` });
  });

  it('finds a case by its 受理编号 (whole, year-number, or number), its credit code (whole or its beginning), or part of the name', async () => {
    const [, year, seq] = RECEIPT.exec(first.receiptNumber)!;
    const ids = async (q: string) => (await page(`q=${encodeURIComponent(q)}&pageSize=100`)).rows.map((r) => r.caseId);
    expect(await ids(first.receiptNumber)).toEqual([first.caseId]);
    expect(await ids(`${year}-${Number(seq)}`)).toEqual([first.caseId]);
    expect(await ids(String(Number(seq)))).toContain(first.caseId);
    expect(await ids(first.enterprise.creditCode)).toEqual([first.caseId]);
    expect(await ids(first.enterprise.creditCode.slice(0, 12).toLowerCase())).toContain(first.caseId);
    expect(await ids(`${tag}数据`)).toEqual([second.caseId]);
    expect(await ids('没有这家企业的名字')).toEqual([]);
  });

  it('pages on the server and counts every match', async () => {
    const one = await page(`q=${encodeURIComponent(tag)}&pageSize=1&page=1`);
    const two = await page(`q=${encodeURIComponent(tag)}&pageSize=1&page=2`);
    const three = await page(`q=${encodeURIComponent(tag)}&pageSize=1&page=3`);
    expect([one.total, one.rows.length, two.rows.length, three.rows.length]).toEqual([2, 1, 1, 0]);
    expect(new Set([one.rows[0].caseId, two.rows[0].caseId])).toEqual(new Set([first.caseId, second.caseId]));
    // The whole worklist is paged too: never more than a page of rows, however many are open.
    const all = await page('pageSize=5');
    expect(all.rows.length).toBeLessThanOrEqual(5);
    expect(all.total).toBeGreaterThanOrEqual(2);
  });

  it('filters by process, step kind, colour and due dates, and sorts by due date', async () => {
    const q = `q=${encodeURIComponent(tag)}`;
    const dueOn = first.step.dueOn as string;
    expect((await page(`${q}&process=high-tech&kind=acceptance&colour=green`)).total).toBe(2);
    expect((await page(`${q}&process=listing`)).total).toBe(0);
    expect((await page(`${q}&kind=review`)).total).toBe(0);
    expect((await page(`${q}&colour=yellow,red`)).total).toBe(0);
    expect((await page(`${q}&dueFrom=${dueOn}&dueTo=${dueOn}`)).rows.map((r) => r.caseId)).toContain(first.caseId);
    expect((await page(`${q}&dueTo=2000-01-01`)).total).toBe(0);
    const ascending = (await page(`${q}&sort=dueOn`)).rows.map((r) => `${r.dueOn}`);
    const descending = (await page(`${q}&sort=-dueOn`)).rows.map((r) => `${r.dueOn}`);
    expect(ascending).toEqual([...ascending].sort());
    expect(descending).toEqual([...descending].sort().reverse());
  });

  it('refuses a page size over 100 and unknown parameters, naming them in Chinese', async () => {
    const big = await zgc.get('/worklist?pageSize=101');
    expect(big.status).toBe(400);
    expect(big.body.errors).toEqual([expect.objectContaining({ field: 'pageSize', code: 'validation.isIntegerInRange', message: 'pageSize 必须是 1 到 100 之间的整数' })]);
    const colour = await zgc.get('/worklist?colour=blue');
    expect(colour.body.errors).toEqual([expect.objectContaining({ field: 'colour', rule: 'isIn', message: 'colour 的每一项必须是 green、yellow、red 之一' })]);
    expect((await zgc.get('/worklist?agency=tax')).body.errors).toEqual([expect.objectContaining({ field: 'agency', rule: 'whitelistValidation' })]);
    expect((await as(applicant(first.enterprise.creditCode)).get('/worklist')).body).toMatchObject({ statusCode: 403, code: 'auth.roleNotAllowed', message: '此操作仅限承办部门、评审专家；您的角色是申请人' });
  });

  it('keeps what I claimed in 我的, and what my agency decided in 已办', async () => {
    const q = `q=${encodeURIComponent(second.caseId)}`;
    expect((await page(`view=mine&${q}`)).total).toBe(0);
    expect((await zgc.post(`/steps/${second.step.id}/claim`)).status).toBe(200);
    const mine = await eventually('the claimed step in 我的', async () => {
      const p = await page(`view=mine&${q}`);
      return p.total === 1 ? p.rows[0] : undefined;
    });
    expect(mine).toMatchObject({ stepId: second.step.id, status: 'claimed', holder: { userId: 'zgc-worklist' }, heldByMe: true });

    expect((await zgc.post(`/steps/${second.step.id}/decision`, { decision: 'accept' })).status).toBe(200);
    const done = await eventually('the decided step in 已办', async () => {
      const p = await page(`view=done&${q}`);
      return p.rows.find((r) => r.stepId === second.step.id);
    });
    expect(done).toMatchObject({ status: 'decided', decision: 'accept', decidedBy: 'zgc-worklist', open: false });
    // 待办 now holds the next step, 形式审查, and no longer the decided one.
    const todo = await eventually('形式审查 in 待办', async () => {
      const p = await page(q);
      return p.rows.some((r) => r.stepName === '形式审查') ? p : undefined;
    });
    expect(todo.rows.map((r) => r.stepId)).not.toContain(second.step.id);
  });

  it('answers 304 to a client whose page is current; GET /inbox answers as before', async () => {
    const q = `/worklist?q=${encodeURIComponent(first.caseId)}`;
    const current = await zgc.get(q);
    const again = await zgc.get(q, { 'if-none-match': current.headers.get('etag')! });
    expect(again.status).toBe(304);
    const inbox = await zgc.get('/inbox');
    expect(inbox.headers.get('etag')).toBeTruthy();
    expect(inbox.body.find((s: any) => s.id === first.step.id)).toMatchObject({ name: '受理', agency: 'zgc', colour: 'green' });
  });
});
