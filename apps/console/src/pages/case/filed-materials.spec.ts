/// <reference types="jest" />
import type { TimelineEntry } from '../../api/views';
import { filedMaterials, kindNames, mayDownload } from './filed-materials';

const file = (id: string, kind: string, name: string) => ({ id, kind, name, size: 2048, contentType: 'application/pdf', sha256: id.repeat(64).slice(0, 64) });
const entry = (seq: number, action: string, detail: Record<string, unknown>): TimelineEntry => ({ seq, at: `2026-03-0${seq}T02:00:00.000Z`, actor: '某人', role: 'agency', action, detail });

describe('the files of a case, from its timeline', () => {
  const timeline = [
    entry(1, 'filed', { process: '两证联办' }),
    entry(2, 'materials-received', { materials: [file('a', 'passport-copy', '护照复印件.pdf')] }),
    entry(3, 'step-decided', { step: '人才资格预审（市人才局）', decision: 'return', correctionItems: ['补充学位证明'], materials: [file('b', 'inspection-record', '现场核查记录.pdf')] }),
    entry(4, 'correction-requested', { items: ['补充学位证明'] }),
    entry(5, 'correction-answered', { noticeId: 'n1', items: 1, materials: [file('c', 'correction-material', '补正材料.pdf')] }),
    // A retried projection may repeat an entry: each file is listed once.
    entry(6, 'correction-answered', { noticeId: 'n1', items: 1, materials: [file('c', 'correction-material', '补正材料.pdf')] }),
  ];

  it('lists each file once, in the order it came, saying where it came from (申请 / 决定 / 补正)', () => {
    const listed = filedMaterials(timeline);
    expect(listed.map((m) => [m.id, m.source, m.from])).toEqual([
      ['a', 'filing', '随申请提交'],
      ['b', 'decision', '随决定上传 · 人才资格预审（市人才局） · 退回补正'],
      ['c', 'correction', '随补正提交'],
    ]);
    expect(listed[1].at).toBe('2026-03-03T02:00:00.000Z');
    expect(filedMaterials([])).toEqual([]);
  });

  it('names a kind by the process’s lists first, then the engine’s names', () => {
    const names = kindNames({
      filing: [{ kind: 'passport-copy', name: '护照复印件', required: true, contentTypes: ['application/pdf'], maxBytes: 1, personal: true }],
      correction: [{ kind: 'correction-material', name: '补正材料', required: false, contentTypes: ['application/pdf'], maxBytes: 1, personal: false }],
      decision: [],
    });
    expect(names['passport-copy']).toBe('护照复印件');
    expect(names['correction-material']).toBe('补正材料');
    expect(names['inspection-record']).toBe('现场核查记录');
    expect(kindNames(undefined)['expert-opinion']).toBe('专家意见');
  });
});

describe('who may download a file', () => {
  const requirement = (kind: string, personal: boolean) => ({ kind, name: kind, required: true, contentTypes: ['application/pdf'], maxBytes: 1, personal });
  const materials = { filing: [requirement('passport-copy', true), requirement('employment-contract', false)], correction: [], decision: [] };

  it('a personal document: the applicant and the agencies, who see the personal data whole; not a supervisor or an expert', () => {
    expect(['applicant', 'agency', 'supervisor', 'expert'].map((role) => mayDownload('passport-copy', role, materials))).toEqual([true, true, false, false]);
  });

  it('any other file: everyone who sees the case', () => {
    expect(['supervisor', 'expert'].map((role) => mayDownload('employment-contract', role, materials))).toEqual([true, true]);
    expect(mayDownload('inspection-record', 'supervisor', materials)).toBe(true);
  });
});
