import { NATIONALITY_CODES, NATIONALITY_LABELS, NOT_FOREIGN_NATIONALITIES, nationalityName } from './nationalities';

describe('nationalities', () => {
  it('are the ISO 3166-1 alpha-3 codes passports carry, each named in Chinese', () => {
    expect(NATIONALITY_CODES.length).toBeGreaterThan(240);
    expect(NATIONALITY_CODES.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
    expect([nationalityName('DEU'), nationalityName('USA'), nationalityName('KOR'), nationalityName('SGP')]).toEqual(['德国', '美国', '韩国', '新加坡']);
    expect(Object.entries(NATIONALITY_LABELS).filter(([, name]) => !/[\u4e00-\u9fff]/.test(name))).toEqual([]);
  });

  it('count China, Hong Kong, Macao and Taiwan as not foreign', () => {
    expect(NOT_FOREIGN_NATIONALITIES.every((code) => NATIONALITY_CODES.includes(code))).toBe(true);
    expect(NOT_FOREIGN_NATIONALITIES).toEqual(['CHN', 'HKG', 'MAC', 'TWN']);
  });
});

describe('a chosen value in Chinese', () => {
  it('names a nationality by its country, anything else from the catalogues', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { valueLabel } = require('./value-labels') as typeof import('./value-labels');
    expect([valueLabel('talent.nationality', 'DEU'), valueLabel('talent.degree', 'doctorate'), valueLabel('talent.nationality', 'XXX')]).toEqual(['德国', '博士', 'XXX']);
  });
});
