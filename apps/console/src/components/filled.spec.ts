import { anyFilled, pruned, valueAt } from './filled';

describe('an optional section, filled or not', () => {
  it('is empty while nothing but blanks, unticked boxes and empty lists is in it', () => {
    expect(anyFilled(undefined)).toBe(false);
    expect(anyFilled({ total: undefined, ratio: '  ', items: [], agreed: false, nested: { a: null } })).toBe(false);
  });

  it('is filled once any one field has a value, zero included', () => {
    expect(anyFilled({ total: 0 })).toBe(true);
    expect(anyFilled({ ratio: ' 3.5 ' })).toBe(true);
    expect(anyFilled({ nested: { items: ['A1'] } })).toBe(true);
  });

  it('is not sent while empty', () => {
    expect(pruned({ rd: { total: undefined, ratio: '' }, name: ' 芯算 ' })).toEqual({ name: '芯算' });
  });

  it('reads a value by its form path', () => {
    expect(valueAt({ rd: { items: [{ a: 1 }] } }, ['rd', 'items', 0, 'a'])).toBe(1);
    expect(valueAt(undefined, ['rd'])).toBeUndefined();
  });
});
