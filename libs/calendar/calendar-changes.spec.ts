import { compareYear } from './calendar-changes';
import { OfficialYear } from './official-holidays.data';
import { WorkingCalendar } from './working-calendar';

describe('what loading a year changes', () => {
  it('lists the days a notice turns off and the weekends it turns into working days, against the provisional calendar', () => {
    const notice: OfficialYear = {
      year: 2027,
      version: 1,
      title: '测试',
      // The law gives 5–10 February (除夕 to 初三, two of them made up on 9–10 Feb); this notice adds 11–12 and works Sat 20 Feb.
      holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-12' }],
      makeUpWorkdays: ['2027-02-20'],
    };
    const changes = compareYear(2027, new WorkingCalendar([]), new WorkingCalendar([notice]));
    expect(changes.nowOff).toEqual(['2027-02-11', '2027-02-12']);
    // …and every other statutory day, which this (partial) notice leaves out, is worked again.
    expect(changes.nowWorking).toEqual(['2027-01-01', '2027-02-20', '2027-04-05', '2027-05-03', '2027-05-04', '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-04', '2027-10-05']);
  });
});
