// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- a spec, not bundled: the demo users' names as they come
import { DEMO_USERS } from '../../../libs/auth/demo-users';
import { personLabel } from './person-label';

describe('personLabel', () => {
  it("names an agency's official once, with the agency's full name", () => {
    expect(personLabel({ name: '杨科员', agency: 'hr-social-security' })).toBe('杨科员（市人力资源和社会保障局）');
  });

  it('adds no second parenthesis to a name that already carries one', () => {
    expect(personLabel({ name: '朱警官（市公安局出入境）', agency: 'public-security' })).toBe('朱警官（市公安局出入境）');
  });

  it('leaves people without an agency as they are', () => {
    expect(personLabel({ name: '陈经理（北京芯算科技有限公司）' })).toBe('陈经理（北京芯算科技有限公司）');
    expect(personLabel({ name: '王监察' })).toBe('王监察');
  });

  it('shows every demo user with at most one parenthesis', () => {
    for (const user of DEMO_USERS) expect([user.userId, personLabel(user).match(/（/g)?.length ?? 0]).toEqual([user.userId, user.role === 'supervisor' ? 0 : 1]);
  });
});
