import { findUnstorable, storableText, storedJson, storedVarchar } from './storable-text';

describe('text Postgres cannot store exactly', () => {
  it.each([
    ['a lone high surrogate', '北京\ud800云桥', 2, 0xd800],
    ['a lone low surrogate', '北京\udc00云桥', 2, 0xdc00],
    ['a reversed pair', '\udc00\ud800', 0, 0xdc00],
    ['a high surrogate at the end', 'ab\udbff', 2, 0xdbff],
    ['NUL', 'a\u0000b', 1, 0],
  ])('finds %s', (_label, text, index, codeUnit) => {
    expect(findUnstorable(text)).toEqual(expect.objectContaining({ index, codeUnit }));
  });

  it.each([['an astral character', '北京😀云桥'], ['U+FFFE and U+10FFFF', '\ufffe\u{10ffff}'], ['controls and CRLF', '\u0001\u001f\r\n'], ['plain Chinese', '北京云桥贸易有限公司']])(
    'lets %s through',
    (_label, text) => {
      expect(findUnstorable(text)).toBeUndefined();
      expect(storableText(text)).toBe(text);
    },
  );

  it('stores lone surrogates and NUL as U+FFFD, as the driver does to the former', () => {
    expect(storableText('a\ud800b\udc00c\u0000d😀')).toBe('a\ufffdb\ufffdc\ufffdd😀');
    expect(Buffer.from('a\ud800b', 'utf8').toString('utf8')).toBe(storableText('a\ud800b'));
  });
});

describe('a JSON value as jsonb holds it', () => {
  it('replaces unstorable characters in strings and keys, at any depth', () => {
    let replaced = 0;
    const stored = storedJson({ a: 'x\ud800', list: ['\u0000', { ['k\udc00']: '😀' }] }, (n) => (replaced = n));
    expect(stored).toEqual({ a: 'x\ufffd', list: ['\ufffd', { 'k\ufffd': '😀' }] });
    expect(replaced).toBe(3);
  });

  it('two keys that become one when made storable come out once, as jsonb would keep one of a duplicate', () => {
    expect(storedJson({ ['k\ud800']: 1, ['k\udc00']: 2 })).toEqual({ 'k\ufffd': 2 });
  });

  it('leaves an escaped backslash followed by u0000 alone: that is text, not NUL', () => {
    const value = { a: '\\u0000', b: '\\\\ud800', c: '\\\ud800' };
    expect(storedJson(value)).toEqual({ a: '\\u0000', b: '\\\\ud800', c: '\\\ufffd' });
  });

  it('is what JSON makes of it: undefined dropped, -0 as 0, NaN as null, a Date as its ISO string', () => {
    const stored = storedJson({ u: undefined, list: [undefined, -0, NaN, Infinity], when: new Date(0), n: 1e21, tiny: 5e-324 });
    expect(stored).toEqual({ list: [null, 0, null, null], when: '1970-01-01T00:00:00.000Z', n: 1e21, tiny: 5e-324 });
    expect(Object.is((stored as { list: unknown[] }).list[1], 0)).toBe(true);
    expect(storedJson(undefined)).toBeNull();
  });

  it('keeps an own __proto__ key as data, as jsonb does, without touching the prototype', () => {
    const stored = storedJson(JSON.parse('{"__proto__": {"admin": true}}')) as Record<string, unknown>;
    expect(Object.keys(stored)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
  });
});

describe('varchar as Postgres holds it', () => {
  it('cuts at the column width in code points, not UTF-16 units', () => {
    expect(storedVarchar('😀'.repeat(5), 5)).toBe('😀'.repeat(5));
    expect(storedVarchar('abc    ', 5)).toBe('abc  ');
    expect(storedVarchar('abcdefg', 5)).toBe('abcde');
    expect(storedVarchar('a\ud800', 5)).toBe('a\ufffd');
  });
});
