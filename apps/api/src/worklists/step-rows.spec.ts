import { WorkingCalendar } from '../../../../libs/calendar';
import { StepRow, stepRowView } from './step-rows';

const row = (over: Partial<StepRow> = {}): StepRow => ({
  id: 'high-tech-x.2',
  case_id: 'high-tech-x',
  process: 'high-tech',
  name: '形式审查',
  kind: 'review',
  agency: 'zgc',
  assignee_id: null,
  assignee_name: null,
  status: 'open',
  allowed: ['approve', 'reject', 'return'],
  round: 1,
  opened_at: new Date('2026-11-02T02:00:00Z'),
  due_on: '2026-11-16',
  warn_on: '2026-11-11',
  colour: 'red',
  paused: false,
  escalated: true,
  decided_at: null,
  decision: null,
  decided_by: null,
  provisional: null,
  urge_count: 0,
  last_urge: null,
  panel: null,
  receipt_number: '京科受〔2026〕000123',
  enterprise_name: '北京芯算科技有限公司',
  applicant_id: '91110108MA01XQ4T72',
  title: '北京芯算科技有限公司',
  case_status: 'formal-review',
  today: '2026-11-23',
  ...over,
});
const supervisor = { userId: 'boss', role: 'supervisor' };
const calendar = new WorkingCalendar();

describe('a row of a list of steps', () => {
  it('counts the days an open step is overdue, in calendar and in working days, and names its handler', () => {
    // Due Monday 16 November; read on Monday 23: 7 calendar days, 5 working days late.
    expect(stepRowView(row(), supervisor, calendar)).toMatchObject({ daysOverdue: 7, workingDaysOverdue: 5, handler: { agency: 'zgc', agencyName: '市科委、中关村管委会' }, holder: null, open: true });
    const held = stepRowView(row({ assignee_id: 'zgc-zhang', assignee_name: '张科员', status: 'claimed' }), { userId: 'zgc-zhang', role: 'agency' }, calendar);
    expect(held).toMatchObject({ holder: { userId: 'zgc-zhang', name: '张科员' }, heldByMe: true, handler: { agency: 'zgc', userId: 'zgc-zhang', name: '张科员' } });
  });

  it('counts nothing overdue for a step decided, or not yet due', () => {
    expect(stepRowView(row({ status: 'decided', decided_at: new Date('2026-11-20T02:00:00Z') }), supervisor, calendar)).toMatchObject({ daysOverdue: 0, workingDaysOverdue: 0, open: false });
    expect(stepRowView(row({ today: '2026-11-16' }), supervisor, calendar).daysOverdue).toBe(0);
  });

  it('shows an expert only how far the panel is and their own score', () => {
    const panel = {
      members: [{ userId: 'expert-1' }, { userId: 'expert-2' }, { userId: 'expert-3' }],
      scores: [
        { userId: 'expert-1', score: 88, opinion: '甲', at: '2026-11-20T02:00:00Z' },
        { userId: 'expert-2', score: 60, opinion: '乙', at: '2026-11-20T03:00:00Z' },
      ],
    };
    const view = stepRowView(row({ kind: 'expert-panel', panel }), { userId: 'expert-1', role: 'expert' }, calendar);
    expect(view.panel).toEqual({ members: 3, scored: 2, closed: false, myScore: { score: 88, opinion: '甲', at: '2026-11-20T02:00:00Z' } });
    expect(JSON.stringify(view)).not.toContain('乙');
  });
});
