import { isValidCreditCode, randomCreditCode, withCheckChar } from './credit-code';

describe('统一社会信用代码 check character (GB 32100-2015)', () => {
  it('accepts published codes of real enterprises', () => {
    // 北京百度网讯科技有限公司 and 华为技术有限公司, as printed on their business licences.
    expect(isValidCreditCode('91110000802100433B')).toBe(true);
    expect(isValidCreditCode('914403001922038216')).toBe(true);
  });

  it('refuses a code whose check character is wrong', () => {
    expect(isValidCreditCode('91110000802100433C')).toBe(false);
  });

  it('refuses letters outside the alphabet (I, O, S, V, Z), wrong lengths and non-strings', () => {
    expect(isValidCreditCode('9111000080210O433B')).toBe(false);
    expect(isValidCreditCode('91110000802100433')).toBe(false);
    expect(isValidCreditCode(911100008)).toBe(false);
  });

  it('builds valid codes from a body', () => {
    expect(isValidCreditCode(withCheckChar('91110108MA01XQ4T7'))).toBe(true);
  });

  it('makes up valid codes in 海淀 that do not repeat', () => {
    const codes = Array.from({ length: 1000 }, randomCreditCode);
    expect(codes.filter((c) => !isValidCreditCode(c) || !c.startsWith('91110108'))).toEqual([]);
    expect(new Set(codes).size).toBe(1000);
  });
});
