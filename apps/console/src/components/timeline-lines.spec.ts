/// <reference types="jest" />
import type { TimelineEntry } from '../api/views';
import { describe as describeEntry } from './timeline-lines';

const file = (name: string) => ({ id: name, kind: 'correction-material', name, size: 2048, contentType: 'application/pdf', sha256: 'a'.repeat(64) });
const entry = (action: string, detail: Record<string, unknown>): TimelineEntry => ({ seq: 1, at: '2026-03-02T02:00:00.000Z', actor: 'talent-bureau-officer', role: 'agency', agency: 'talent-bureau', action, detail });

describe('a timeline line names the files its action attached', () => {
  it('a decision with an inspection record', () => {
    const line = describeEntry(entry('step-decided', { step: '人才资格预审（市人才局）', decision: 'return', correctionItems: ['补充学位证明'], materials: [file('现场核查记录.pdf')] }));
    expect(line.what).toBe('作出决定「人才资格预审（市人才局）」：退回补正（补正事项：补充学位证明）（附件：现场核查记录.pdf）');
  });

  it('an answer to a correction notice, and a filing with more files than a line holds', () => {
    expect(describeEntry(entry('correction-answered', { noticeId: 'n1', items: 1, materials: [file('学位认证报告.pdf')] })).what).toBe('提交补正材料（附件：学位认证报告.pdf）');
    const six = ['护照复印件.pdf', '学历学位证书.pdf', '劳动合同.pdf', '无犯罪记录证明.pdf', '体检证明.pdf', '照片.png'].map(file);
    expect(describeEntry(entry('materials-received', { materials: six })).what).toBe('收到申请材料（附件）：护照复印件.pdf、学历学位证书.pdf、劳动合同.pdf 等 6 份');
  });

  it('says nothing of files where none were attached', () => {
    expect(describeEntry(entry('correction-answered', { noticeId: 'n1', items: 1 })).what).toBe('提交补正材料');
  });
});
