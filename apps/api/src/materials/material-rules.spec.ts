import { TALENT_PERMITS_CONTRACT } from '../../../../libs/processes/talent-permits/talent-permits.contract';
import { attachmentProblems, namedMaterials } from './material-rules';

const talent = TALENT_PERMITS_CONTRACT.materials!;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const all = talent.map((m, i) => ({ kind: m.kind, id: id(i) }));

describe('the materials a filing names', () => {
  it('takes one of every required kind', () => {
    expect(attachmentProblems(all, talent, 20)).toEqual([]);
  });

  it('names the missing material by its kind and Chinese name, on the field materials', () => {
    const [problem] = attachmentProblems(all.slice(1), talent, 20);
    expect(problem).toMatchObject({ field: 'materials', rule: 'requiredMaterials', message: 'materials 缺少必需的材料：passport-copy（护照复印件）' });
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
