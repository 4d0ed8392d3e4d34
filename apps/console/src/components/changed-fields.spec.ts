import type { FormInstance } from 'antd';
import { changedPaths, clearErrorsOnChange } from './changed-fields';

/** Just enough of a form: its fields' errors, and what setFields set. */
function formWith(errors: Record<string, string[]>) {
  const fields = new Map(Object.entries(errors).map(([key, list]) => [key, { name: key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: list, warnings: [] }]));
  return {
    getFieldsError: () => [...fields.values()],
    setFields: (set: Array<{ name: Array<string | number>; errors: string[] }>) => set.forEach((f) => (fields.get(f.name.join('.'))!.errors = f.errors)),
    errorsOf: (key: string) => fields.get(key)!.errors,
  };
}

describe('errors beside changed fields', () => {
  it('names each value a change touched, a list as one value', () => {
    expect(changedPaths({ talent: { passportNumber: 'C4XK29T71' } })).toEqual([['talent', 'passportNumber']]);
    expect(changedPaths({ materials: [{ kind: 'passport-copy' }] })).toEqual([['materials']]);
    expect(changedPaths({ correctionItems: ['', '租赁合同'], decision: 'correct' })).toEqual([['correctionItems'], ['decision']]);
  });

  it('go when their field changes, and only theirs', () => {
    const form = formWith({ materials: ['缺少必需的材料：护照复印件'], 'talent.passportNumber': ['护照号码格式不正确'], 'talent.name': ['请填写外籍人才姓名'] });
    clearErrorsOnChange(form as unknown as FormInstance)({ materials: [{ kind: 'passport-copy', id: 'f1' }] });
    expect([form.errorsOf('materials'), form.errorsOf('talent.passportNumber')]).toEqual([[], ['护照号码格式不正确']]);
    clearErrorsOnChange(form as unknown as FormInstance)({ talent: { passportNumber: 'C4XK29T71' } });
    expect([form.errorsOf('talent.passportNumber'), form.errorsOf('talent.name')]).toEqual([[], ['请填写外籍人才姓名']]);
  });

  it('within a list: a change to the list takes its items’ errors too', () => {
    const form = formWith({ 'materials.0.id': ['第1个附件不存在'], 'responses.1': ['请填写补正说明'] });
    clearErrorsOnChange(form as unknown as FormInstance)({ materials: [] });
    expect([form.errorsOf('materials.0.id'), form.errorsOf('responses.1')]).toEqual([[], ['请填写补正说明']]);
  });
});
