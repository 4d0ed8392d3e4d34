/**
 * Why a case in a list shows no due date, in words (never a blank cell): it has ended; its data
 * are still being checked; its decision clock starts at acceptance (待受理); or its steps keep
 * their own clocks. Undefined when the case has a due date to show.
 */
export function dueNote(c: { status: string; ended: boolean; dueOn?: string }): string | undefined {
  if (c.ended) return '已办结，不再计时';
  if (c.dueOn) return undefined;
  if (c.status === 'verifying') return '数据核验中';
  if (c.status === 'acceptance') return '审批时限自受理起算';
  return '按各部门办理环节计时（见详情）';
}
