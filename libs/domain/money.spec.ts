import { groupThousands, yuanText } from './money';

describe('amounts in official texts', () => {
  it('writes whole ten-thousands in 万元 and groups the thousands of the rest', () => {
    expect([yuanText(2_000_000), yuanText(10_000), yuanText(100_000_000), yuanText(1_999_999), yuanText(15_000), yuanText(6_123_456), yuanText(999), yuanText(0)]).toEqual([
      '200万元',
      '1万元',
      '10000万元',
      '1,999,999元',
      '15,000元',
      '6,123,456元',
      '999元',
      '0元',
    ]);
  });

  it('groups the thousands of any number, its sign and fraction kept', () => {
    expect([groupThousands(3_000_000), groupThousands(-12_345), groupThousands(1234.5), groupThousands(999)]).toEqual(['3,000,000', '-12,345', '1,234.5', '999']);
  });
});
