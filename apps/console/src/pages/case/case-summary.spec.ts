import { conclusionAmount, endedAtLabel } from './case-summary';

const n = (amount: number) => `${amount.toLocaleString('zh-CN')} 元`;

describe('the case header', () => {
  it('a reward conclusion says the amount granted, and what was asked when less was granted', () => {
    expect(conclusionAmount({ details: { grant: { year: 2026, requestedYuan: 1_000_000, grantedYuan: 1_000_000, outcome: 'granted' } } })).toBe(`（2026年度，核定奖励 ${n(1_000_000)}）`);
    expect(conclusionAmount({ details: { grant: { year: 2026, requestedYuan: 1_000_000, grantedYuan: 400_000, outcome: 'partial' } } })).toBe(`（2026年度，核定奖励 ${n(400_000)}，申请 ${n(1_000_000)}）`);
  });

  it('says no amount where none was granted or the case is no reward', () => {
    expect(conclusionAmount({ details: { grant: { year: 2026, requestedYuan: 1_000_000, grantedYuan: 0, outcome: 'refused' } } })).toBe('');
    expect(conclusionAmount({ details: undefined })).toBe('');
  });

  it('a withdrawn case was withdrawn, not decided', () => {
    expect(endedAtLabel({ status: 'withdrawn' })).toBe('撤回时间');
    expect(endedAtLabel({ status: 'rejected' })).toBe('决定时间');
  });
});
