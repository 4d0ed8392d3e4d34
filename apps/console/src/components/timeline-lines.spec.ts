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
    expect(describeEntry(entry('correction-answered', { noticeId: 'n1', items: 1, materials: [file('学位认证报告.pdf')] })).what).toBe('提交补正材料（答复 1 项补正事项）（附件：学位认证报告.pdf）');
    const six = ['护照复印件.pdf', '学历学位证书.pdf', '劳动合同.pdf', '无犯罪记录证明.pdf', '体检证明.pdf', '照片.png'].map(file);
    expect(describeEntry({ ...entry('materials-received', { materials: six }), actor: 'employer', role: 'applicant', agency: undefined }).what).toBe('收到申请人提交的申请材料（附件）：护照复印件.pdf、学历学位证书.pdf、劳动合同.pdf 等 6 份');
  });

  it('says nothing of files where none were attached', () => {
    expect(describeEntry(entry('correction-answered', { noticeId: 'n1' })).what).toBe('提交补正材料');
  });
});

describe('a timeline line names who acted, and the party an action concerns in the sentence', () => {
  const department = (agency: string, action: string, said: Partial<TimelineEntry> = {}): TimelineEntry => ({ seq: 2, at: '2026-03-02T02:00:00.000Z', actor: agency, role: 'system', agency, action, ...said });

  it('shared data: the system received it from the department', () => {
    const line = describeEntry(department('market-supervision', 'shared-data-received', { detail: { department: '北京市市场监督管理局', what: 'registration', found: true } }));
    expect(line.who).toBe('系统');
    expect(line.what).toMatch(/^收到.*市场监.*共享数据：登记注册信息$/);
    expect(describeEntry(department('zgc', 'shared-data-received', { detail: { what: 'creditMarks', found: false } })).what).toMatch(/共享数据：失信记录（无记录）$/);
  });

  it('a department told: the system told it, and why, in one line', () => {
    const line = describeEntry(department('tax', 'notified', { reason: '高新技术企业税收优惠资格备案', detail: { number: 'GR1' } }));
    expect(line.who).toBe('系统');
    expect(line.what).toMatch(/^已告知.*税务局：高新技术企业税收优惠资格备案$/);
    expect(line.why).toBeUndefined();
  });

  it('the applicant’s files: received from the applicant', () => {
    const line = describeEntry({ seq: 3, at: '2026-03-02T02:00:00.000Z', actor: 'ent-1', role: 'applicant', action: 'materials-received', detail: { materials: [file('章程.pdf')] } });
    expect(line.who).toBe('系统');
    expect(line.what).toBe('收到申请人提交的申请材料（附件）：章程.pdf');
  });

  it('an answer to a correction shows each item’s written answer when the entry carries them', () => {
    const line = describeEntry({ ...entry('correction-answered', { items: 1, responses: [{ item: '办公场所证明', response: '已上传办公场所租赁合同' }] }), role: 'applicant' });
    expect(line.what).toBe('提交补正材料：办公场所证明——已上传办公场所租赁合同');
  });
});
