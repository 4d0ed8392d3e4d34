import { TALENT_PERMITS_CONTRACT } from '../../../../libs/processes/talent-permits/talent-permits.contract';
import { ENGINE_MATERIALS } from '../../../../libs/domain';
import { attachmentProblems, maskPersonalFileNames, namedMaterials, withoutInternalFiles } from './material-rules';

const talent = TALENT_PERMITS_CONTRACT.materials!;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const all = talent.map((m, i) => ({ kind: m.kind, id: id(i) }));

describe('the materials a filing names', () => {
  it('takes one of every required kind', () => {
    expect(attachmentProblems(all, talent, 20)).toEqual([]);
  });

  it('names the missing material by its Chinese name only, its kind in the params, on the field materials', () => {
    const [problem] = attachmentProblems(all.filter((m) => m.kind !== 'passport-copy' && m.kind !== 'photo'), talent, 20);
    expect(problem).toMatchObject({ field: 'materials', rule: 'requiredMaterials', params: { missing: ['护照复印件', '近期证件照片'], kinds: ['passport-copy', 'photo'] } });
    expect(problem.message).toBe('附件缺少必需的材料：护照复印件、近期证件照片');
  });

  it('names a kind it does not take and one named twice by position, the kinds it does take by their names', () => {
    const problems = attachmentProblems([...all, { kind: 'selfie', id: id(0) }], talent, 20);
    expect(problems.map((p) => p.message)).toEqual([`第${all.length + 1}个附件的材料种类「selfie」不是可提交的材料；可提交的有：${talent.map((m) => m.name).join('、')}`, `第${all.length + 1}个附件与前面的附件重复`]);
  });

  it('refuses an unknown kind, a file named twice and too many files, each by its field', () => {
    const problems = attachmentProblems([...all, { kind: 'selfie', id: id(0) }], talent, 6);
    expect(problems.map((p) => [p.field, p.rule])).toEqual([
      ['materials', 'maxMaterials'],
      ['materials.6.kind', 'knownMaterialKind'],
      ['materials.6.id', 'uniqueMaterial'],
    ]);
  });

  it('reads the list as sent, naming malformed entries', () => {
    expect(namedMaterials(undefined)).toEqual({ items: [], problems: [] });
    expect(namedMaterials('x').problems.map((p) => p.field)).toEqual(['materials']);
    expect(namedMaterials([{ kind: 'photo', id: 'upload://photo.pdf', url: 'x' }]).problems.map((p) => [p.field, p.rule])).toEqual([
      ['materials.0.id', 'isUuid'],
      ['materials.0.url', 'whitelistValidation'],
    ]);
  });
});

describe('personal documents’ file names, for a viewer who sees personal data masked', () => {
  const requirements = TALENT_PERMITS_CONTRACT.materials ?? [];
  const passport = { id: 'm1', kind: 'passport-copy', name: 'Anna Schmidt 护照.PDF', size: 10, contentType: 'application/pdf', sha256: 'a'.repeat(64) };
  const contract = { id: 'm2', kind: 'employment-contract', name: '聘用意向书.pdf', size: 10, contentType: 'application/pdf', sha256: 'b'.repeat(64) };
  const filedAt = new Date('2026-11-30T08:00:00Z');

  it('shows the material’s own name with the file’s extension wherever the file is named, and nothing else changes', () => {
    const view = { filedAt, application: { materials: [passport, contract] }, timeline: [{ action: 'materials-received', detail: { materials: [passport] } }] };
    const masked = maskPersonalFileNames(view, requirements);
    expect(masked.application.materials[0]).toEqual({ ...passport, name: '护照复印件.PDF' });
    expect(masked.timeline[0].detail.materials[0].name).toBe('护照复印件.PDF');
    expect(masked.application.materials[1]).toEqual(contract);
    expect(masked.filedAt).toBe(filedAt);
    expect(JSON.stringify(masked)).not.toContain('Anna');
    // The view it was given is left as it was (the applicant's own view is made from the same rows).
    expect(view.application.materials[0].name).toBe('Anna Schmidt 护照.PDF');
  });

  it('leaves a process without personal documents alone', () => {
    const view = { materials: [{ ...passport, kind: 'expert-opinion' }] };
    expect(maskPersonalFileNames(view, requirements)).toEqual(view);
    expect(maskPersonalFileNames(view, [])).toBe(view);
  });
});

describe('an official’s internal working papers, for the applicant', () => {
  const opinion = { id: 'o1', kind: 'expert-opinion', name: '专家意见-王教授.pdf', size: 10, contentType: 'application/pdf', sha256: 'c'.repeat(64) };
  const record = { id: 'r1', kind: 'inspection-record', name: '现场核查记录.pdf', size: 10, contentType: 'application/pdf', sha256: 'd'.repeat(64) };

  it('takes every reference to one out of the view, keeping the entry and the other files', () => {
    const view = { timeline: [{ action: 'step-decided', detail: { decision: 'approve', materials: [opinion, record] } }, { action: 'step-decided', detail: { decision: 'approve', materials: [opinion] } }] };
    const shown = withoutInternalFiles(view, ENGINE_MATERIALS);
    expect(shown.timeline[0].detail).toEqual({ decision: 'approve', materials: [record] });
    // A decision whose only file was internal reads as a decision without files.
    expect(shown.timeline[1].detail).toEqual({ decision: 'approve' });
    expect(JSON.stringify(shown)).not.toContain('王教授');
  });

  it('changes nothing where no kind is internal', () => {
    const view = { materials: [record] };
    expect(withoutInternalFiles(view, [])).toBe(view);
    expect(withoutInternalFiles(view, ENGINE_MATERIALS)).toEqual(view);
  });
});
