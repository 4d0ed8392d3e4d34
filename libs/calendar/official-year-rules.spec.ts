import { OfficialYearDraft, officialYearProblems } from './official-year-rules';

const draft = (over: Partial<OfficialYearDraft> = {}): OfficialYearDraft => ({
  year: 2027,
  title: '国务院办公厅关于2027年部分节假日安排的通知',
  documentNumber: '国办发明电〔2026〕9号',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-13' },
  ],
  makeUpWorkdays: ['2027-02-20'],
  ...over,
});
const rules = (d: OfficialYearDraft) => officialYearProblems(d).map((p) => `${p.field} ${p.rule}`);

describe('what a loaded notice must hold to', () => {
  it('accepts a notice whose dates hold together', () => {
    expect(officialYearProblems(draft())).toEqual([]);
  });

  it('refuses a day that does not exist, naming the field, rather than rolling it over', () => {
    const problems = officialYearProblems(draft({ holidays: [{ name: '春节', from: '2027-02-30', to: '2027-03-01' }], makeUpWorkdays: ['27-2-20'] }));
    expect(problems).toEqual([
      expect.objectContaining({ field: 'holidays.0.from', rule: 'isCalendarDate', message: 'holidays.0.from 不是存在的日期："2027-02-30"（应为 YYYY-MM-DD，如 2027-01-01）' }),
      expect.objectContaining({ field: 'makeUpWorkdays.0', rule: 'isCalendarDate', message: 'makeUpWorkdays.0 不是存在的日期："27-2-20"（应为 YYYY-MM-DD，如 2027-01-01）' }),
    ]);
    // Each a catalogue code with its parameters, so the API can say it in English too.
    expect(problems[0]).toMatchObject({ code: 'calendar.notADate', params: { field: 'holidays.0.from', value: '"2027-02-30"', year: 2027 } });
  });

  it('refuses dates outside the year', () => {
    expect(rules(draft({ holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-02' }] }))).toEqual(['holidays.0.from inYear']);
  });

  it('refuses a range that runs backwards, and ranges that overlap', () => {
    expect(rules(draft({ holidays: [{ name: '国庆节', from: '2027-10-07', to: '2027-10-01' }] }))).toEqual(['holidays.0.to rangeOrdered']);
    expect(
      rules(
        draft({
          holidays: [
            { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
            { name: '中秋节', from: '2027-10-07', to: '2027-10-08' },
          ],
          makeUpWorkdays: [],
        }),
      ),
    ).toEqual(['holidays.1 noOverlap']);
  });

  it('refuses a make-up working day that is not a weekend, falls in a holiday, or comes twice', () => {
    expect(rules(draft({ makeUpWorkdays: ['2027-02-22'] }))).toEqual(['makeUpWorkdays.0 onWeekend']);
    expect(rules(draft({ makeUpWorkdays: ['2027-02-06'] }))).toEqual(['makeUpWorkdays.0 notAHoliday']);
    expect(rules(draft({ makeUpWorkdays: ['2027-02-20', '2027-02-20'] }))).toEqual(['makeUpWorkdays.1 unique']);
  });

  it('says everything at once', () => {
    expect(rules(draft({ title: ' ', holidays: [{ name: '', from: '2027-13-01', to: '2027-01-01' }], makeUpWorkdays: ['2027-01-04'] }))).toEqual([
      'title isNotEmpty',
      'holidays.0.name isNotEmpty',
      'holidays.0.from isCalendarDate',
      'makeUpWorkdays.0 onWeekend',
    ]);
    expect(rules(draft({ holidays: [] }))).toEqual(['holidays arrayNotEmpty']);
  });

  it('refuses a year out of range before anything else', () => {
    expect(rules(draft({ year: 1999 }))).toEqual(['year isYear']);
  });
});
