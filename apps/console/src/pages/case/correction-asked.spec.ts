import type { DocumentView, TimelineEntry } from '../../api/views';
import { correctionAsked } from './correction-asked';

const entry = (seq: number, action: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({ seq, at: `2026-03-0${seq}T02:00:00.000Z`, actor: 'u', role: 'agency', action, ...extra });
const notice = (body: Record<string, unknown>): DocumentView => ({ id: 'd1', caseId: 'c', kind: 'correction-notice', title: '补正材料通知书（一次性告知）', issuedAt: '2026-03-03T02:00:00.000Z', body });

describe('what a correction notice asks for', () => {
  const timeline = [
    entry(1, 'filed', { role: 'applicant' }),
    entry(2, 'step-decided', { reason: '首轮理由', detail: { stepId: 's0', step: '受理', decision: 'request-correction' } }),
    entry(3, 'step-decided', { reason: '缺少办公场所证明', detail: { stepId: 's1', step: '形式审查', decision: 'return', correctionItems: ['办公场所租赁合同'] } }),
    entry(4, 'correction-requested', { role: 'system', detail: { stepIds: ['s1'], items: ['办公场所租赁合同'] } }),
  ];

  it('lists the items, the returning step and its official’s reason, not an earlier round’s', () => {
    const asked = correctionAsked({ timeline }, [notice({ items: ['办公场所租赁合同'], steps: ['形式审查'], step: '形式审查' })]);
    expect(asked).toEqual({ items: ['办公场所租赁合同'], steps: ['形式审查'], reasons: [{ step: '形式审查', reason: '缺少办公场所证明' }], issuedAt: '2026-03-03T02:00:00.000Z', deadline: undefined });
  });

  it('reads the items from the timeline when the notice is not loaded yet, and a deadline when the notice has one', () => {
    expect(correctionAsked({ timeline }, [])?.items).toEqual(['办公场所租赁合同']);
    expect(correctionAsked({ timeline }, [notice({ items: ['x'], deadline: '2026-03-20' })])?.deadline).toBe('2026-03-20');
  });

  it('is nothing on a case never asked to correct', () => {
    expect(correctionAsked({ timeline: [entry(1, 'filed')] }, [])).toBeUndefined();
  });
});
