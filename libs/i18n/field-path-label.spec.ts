import { fieldLabel, fieldPathLabel } from './labels';

describe('a field’s label by its JSON path (what an error message names)', () => {
  it('is the form’s own label: the same one fieldLabel gives the form', () => {
    for (const path of ['creditCode', 'talent.passportNumber', 'rdExpenses.totalYuan', 'exportDeclarations', 'amountYuan', 'materials', 'registration.agency']) {
      expect([path, fieldPathLabel(path)]).toEqual([path, fieldLabel(path)]);
    }
    expect(fieldPathLabel('talent.passportNumber')).toBe('护照号码');
  });

  it('reads a list item by its position, and what is nested in it after it', () => {
    expect(fieldPathLabel('exportDeclarations.1')).toBe('第2个出口报关单号');
    expect(fieldPathLabel('exportDeclarations[1]')).toBe('第2个出口报关单号');
    expect(fieldPathLabel('materials.0.kind')).toBe('第1个附件的材料种类');
    expect(fieldPathLabel('responses.0.materials.1.id')).toBe('第1个补正说明的第2个附件');
  });

  it('names an item, not its id', () => {
    expect(fieldPathLabel('materials.2.id')).toBe('第3个附件');
  });

  it('is undefined when a part has no label, or the path is not one', () => {
    expect(fieldPathLabel('pageSize')).toBeUndefined();
    expect(fieldPathLabel('talent.shoeSize')).toBeUndefined();
    expect(fieldPathLabel('constructor')).toBeUndefined();
    expect(fieldPathLabel('0')).toBeUndefined();
    expect(fieldPathLabel('')).toBeUndefined();
  });
});
