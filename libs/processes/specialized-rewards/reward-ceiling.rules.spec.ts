import { REWARD_PER_PRODUCT_YUAN, YEARLY_CEILING_LIMIT_YUAN } from './ledger.contract';
import { RewardCeilingBook } from './reward-ceiling.rules';

const CREDIT_CODE = '91110114MA04KH6R2A';
const YEAR = 2026;
const AT = '2026-06-01T02:00:00.000Z';

function book(ceilingYuan = YEARLY_CEILING_LIMIT_YUAN) {
  return new RewardCeilingBook({ creditCode: CREDIT_CODE, year: YEAR, ceilingYuan });
}
const reserveOf = (caseId: string, requestedYuan = REWARD_PER_PRODUCT_YUAN, decisionId = 'approve-1') => ({ caseId, decisionId, creditCode: CREDIT_CODE, year: YEAR, requestedYuan });
const releaseOf = (caseId: string, reason = '申请人撤回') => ({ caseId, decisionId: 'withdraw-1', creditCode: CREDIT_CODE, year: YEAR, reason });
const commitOf = (caseId: string, paymentNumber = 'CZJL2026000001') => ({ caseId, decisionId: 'approve-1', creditCode: CREDIT_CODE, year: YEAR, paymentNumber });

describe('the yearly reward ceiling (单个企业年奖励额不超过1000万元)', () => {
  it('grants five 200万元 rewards in full and refuses the rest, with the reason', () => {
    const b = book();
    const answers = Array.from({ length: 10 }, (_, i) => b.reserve(reserveOf(`case-${i}`), AT));
    expect(answers.map((a) => a.outcome)).toEqual(['granted', 'granted', 'granted', 'granted', 'granted', 'refused', 'refused', 'refused', 'refused', 'refused']);
    expect(answers.map((a) => a.grantedYuan)).toEqual([2e6, 2e6, 2e6, 2e6, 2e6, 0, 0, 0, 0, 0]);
    expect(answers[0].reason).toBe('核定奖励200万元；2026年度已核定200万元，尚余800万元（单个企业年奖励额不超过1000万元）');
    expect(answers[4]).toMatchObject({ heldBeforeYuan: 8e6, remainingYuan: 0 });
    expect(answers[5].reason).toBe('2026年度已核定1000万元，已达年度上限，不予奖励（单个企业年奖励额不超过1000万元）');
    expect([b.heldYuan, b.availableYuan, b.openReservations]).toEqual([10e6, 0, 5]);
  });

  it('grants the remainder when less than the request is left, and says so', () => {
    const b = book(9_000_000);
    for (let i = 0; i < 4; i += 1) b.reserve(reserveOf(`case-${i}`), AT);
    const partial = b.reserve(reserveOf('case-4'), AT);
    expect(partial).toMatchObject({ outcome: 'partial', requestedYuan: 2e6, grantedYuan: 1e6, remainingYuan: 0 });
    expect(partial.reason).toBe('2026年度已核定800万元，仅余100万元，按年度上限核定奖励100万元（申请200万元；单个企业年奖励额不超过900万元）');
    expect(b.reserve(reserveOf('case-5'), AT).outcome).toBe('refused');
    expect(b.heldYuan).toBe(9e6);
  });

  it("answers a case's second reserve with its first answer, whatever it asks the second time", () => {
    const b = book();
    const first = b.reserve(reserveOf('case-a'), AT);
    const again = b.reserve(reserveOf('case-a', 3_000_000, 'approve-2'), '2026-06-02T00:00:00.000Z');
    expect(again).toBe(first);
    expect(b.heldYuan).toBe(2e6);
    // A refused case stays refused even once room is made: its decision was taken.
    for (let i = 0; i < 4; i += 1) b.reserve(reserveOf(`case-${i}`), AT);
    const refused = b.reserve(reserveOf('case-late'), AT);
    b.release(releaseOf('case-0'), AT);
    expect(b.reserve(reserveOf('case-late'), AT)).toBe(refused);
  });

  it('frees what a rejected or withdrawn case held, once, and the room goes to the next approval', () => {
    const b = book();
    for (let i = 0; i < 5; i += 1) b.reserve(reserveOf(`case-${i}`), AT);
    const released = b.release(releaseOf('case-1', '公示期异议成立，不予奖励'), AT);
    expect(released).toMatchObject({ outcome: 'released', freedYuan: 2e6, remainingYuan: 2e6, reason: '释放本案预留的奖励额度200万元（公示期异议成立，不予奖励）' });
    expect(b.release(releaseOf('case-1', '重复'), '2026-07-01T00:00:00.000Z')).toBe(released);
    expect(b.availableYuan).toBe(2e6);
    expect(b.reserve(reserveOf('case-5'), AT).outcome).toBe('granted');
    expect(b.availableYuan).toBe(0);
    expect(b.entry('case-1')).toMatchObject({ status: 'released', heldYuan: 0 });
  });

  it('answers a release for a case that holds nothing without writing it down', () => {
    const b = book();
    expect(b.release(releaseOf('never-reserved'), AT)).toMatchObject({ outcome: 'nothing-reserved', freedYuan: 0, reason: '本案未占用奖励额度（申请人撤回）' });
    expect(b.entries()).toEqual([]);
    expect(b.reserve(reserveOf('never-reserved'), AT).outcome).toBe('granted');
  });

  it('commits a paid reward once, after which it can no longer be released', () => {
    const b = book();
    b.reserve(reserveOf('case-a'), AT);
    const committed = b.commit(commitOf('case-a'), AT);
    expect(committed).toMatchObject({ committedYuan: 2e6, paymentNumber: 'CZJL2026000001' });
    expect(b.commit(commitOf('case-a', 'CZJL2026999999'), AT)).toBe(committed);
    expect(b.refusalToRelease(releaseOf('case-a'))).toEqual({ type: 'InvalidState', message: '本案奖励已拨付（CZJL2026000001），额度不能释放' });
    expect([b.committedYuan, b.heldYuan, b.openReservations]).toEqual([2e6, 2e6, 0]);
    expect(b.view('2027-03-31', 0)).toMatchObject({ reservedYuan: 0, committedYuan: 2e6, availableYuan: 8e6 });
  });

  it('refuses what cannot be applied, naming the field and the rule', () => {
    const b = book();
    expect(b.refusalToReserve(reserveOf('case-a', 0))).toEqual({ type: 'InvalidInput', message: 'requestedYuan 必须是 1 到 10000000 之间的整数（元）' });
    expect(b.refusalToReserve(reserveOf('case-a', 10_000_001))?.type).toBe('InvalidInput');
    expect(b.refusalToReserve(reserveOf('case-a', 1.5))?.type).toBe('InvalidInput');
    expect(b.refusalToReserve({ ...reserveOf('case-a'), caseId: ' ' })).toEqual({ type: 'InvalidInput', message: 'caseId 必须是 1 到 200 个字符' });
    expect(b.refusalToReserve({ ...reserveOf('case-a'), year: 2025 })?.message).toBe(`本奖励额度账属于 ${CREDIT_CODE} 的2026年度，不受理 ${CREDIT_CODE} 的2025年度`);
    expect(b.refusalToCommit(commitOf('nobody'))).toEqual({ type: 'NotFound', message: '本案在2026年度奖励额度账中没有预留' });
    expect(b.refusalToRelease({ ...releaseOf('case-a'), reason: '' })).toEqual({ type: 'InvalidInput', message: 'reason 不能为空' });

    b.reserve(reserveOf('case-a'), AT);
    b.release(releaseOf('case-a'), AT);
    expect(b.refusalToReserve(reserveOf('case-a'))).toEqual({ type: 'InvalidState', message: `本案预留的奖励额度已于 ${AT} 释放，不能再次预留` });
    expect(b.refusalToCommit(commitOf('case-a'))?.type).toBe('InvalidState');
    expect(b.refusalToReserve(reserveOf('case-b'))).toBeUndefined();
  });

  it('carries its entries whole into the next run', () => {
    const b = book();
    for (let i = 0; i < 6; i += 1) b.reserve(reserveOf(`case-${i}`), AT);
    b.release(releaseOf('case-2'), AT);
    b.commit(commitOf('case-0'), AT);
    const next = new RewardCeilingBook(b.ledger, JSON.parse(JSON.stringify(b.entries())));
    expect(next.view('2027-03-31', 1)).toEqual({ ...b.view('2027-03-31', 0), generation: 1 });
    expect(next.reserve(reserveOf('case-1'), AT)).toEqual(b.entry('case-1')!.reserve);
    expect(next.reserve(reserveOf('case-6'), AT).grantedYuan).toBe(2e6);
    expect(next.availableYuan).toBe(0);
  });
});
