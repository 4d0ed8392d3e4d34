import { dueNote } from './due-note';

describe('why a listed case has no due date', () => {
  it('says so for every case without one, and nothing where a date is shown', () => {
    expect(dueNote({ status: 'rewarded', ended: true, dueOn: '2026-05-01' })).toBe('已办结，不再计时');
    expect(dueNote({ status: 'acceptance', ended: false })).toBe('审批时限自受理起算');
    expect(dueNote({ status: 'verifying', ended: false })).toBe('数据核验中');
    expect(dueNote({ status: 'pre-review', ended: false })).toBe('按各部门办理环节计时（见详情）');
    expect(dueNote({ status: 'formal-review', ended: false, dueOn: '2026-05-01' })).toBeUndefined();
  });
});
