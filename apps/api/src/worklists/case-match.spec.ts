import { SqlParams, caseMatch } from './case-match';

const match = (q: string) => {
  const params = new SqlParams();
  return { sql: caseMatch(q, params), values: params.values };
};

describe('what a search box’s text can mean for a case', () => {
  it('reads a 受理编号 whole, as year and number, or as the number alone', () => {
    expect(match('京科受〔2026〕000123').values).toEqual(expect.arrayContaining(['京科受〔2026〕000123', 2026, 123]));
    expect(match('2026-123').sql).toContain('c.receipt_year = $3 AND c.receipt_seq = $4');
    expect(match('2026-123').values.slice(2, 4)).toEqual([2026, 123]);
    expect(match('123').sql).toContain('c.receipt_seq = $3');
  });

  it('reads a credit code whole, or its beginning in any case, and escapes LIKE’s wildcards', () => {
    expect(match('91110108ma01xq4t72').values).toContain('91110108MA01XQ4T72');
    expect(match('91110108ma').values).toContain('91110108MA%');
    expect(match('50%_off').values).toContain('%50\\%\\_off%');
  });

  it('always looks for the text in the enterprise name, narrowed by its character pairs', () => {
    const { sql, values } = match('芯算');
    expect(sql).toContain('name_grams(c.enterprise_name) @> name_grams(');
    expect(values).toEqual(expect.arrayContaining(['芯算', '%芯算%']));
    expect(sql).not.toContain('receipt_seq');
  });
});
