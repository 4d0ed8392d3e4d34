/// <reference types="jest" />
import { attachedNames, materialReferences, materialsErrorPath } from './material-values';

describe('the files a console form sends', () => {
  const uploaded = [
    { kind: 'inspection-record', id: '0b6f1c1e-1111-4a4a-8a8a-000000000001', name: '核查记录.pdf', sha256: 'a'.repeat(64) },
    { kind: 'decision-attachment', id: '0b6f1c1e-1111-4a4a-8a8a-000000000002', name: 'scan.png', sha256: 'b'.repeat(64) },
  ];

  it('sends only each upload’s kind and id, and nothing when none was chosen', () => {
    expect(materialReferences(uploaded)).toEqual([
      { kind: 'inspection-record', id: '0b6f1c1e-1111-4a4a-8a8a-000000000001' },
      { kind: 'decision-attachment', id: '0b6f1c1e-1111-4a4a-8a8a-000000000002' },
    ]);
    expect(materialReferences(undefined)).toEqual([]);
  });

  it('puts every error about the files beside the one upload control, and no other error there', () => {
    expect(materialsErrorPath(['materials'])).toEqual(['materials']);
    expect(materialsErrorPath(['materials', 1, 'id'])).toEqual(['materials']);
    expect(materialsErrorPath(['materials', 0, 'kind'])).toEqual(['materials']);
    expect(materialsErrorPath(['reason'])).toBeUndefined();
    expect(materialsErrorPath(['responses', 0])).toBeUndefined();
  });

  it('names each file in the confirmation by its kind’s Chinese name, an unknown kind as 附件', () => {
    expect(attachedNames(uploaded, { 'inspection-record': '现场核查记录' })).toEqual(['现场核查记录《核查记录.pdf》', '附件《scan.png》']);
    expect(attachedNames(undefined, {})).toEqual([]);
  });
});
