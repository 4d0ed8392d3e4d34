import isEqual from 'fast-deep-equal';
import { STEPS_AXIS_NAME, agencyStepsOption, byAgency, onTimeOption } from './chart-options';

const steps = [
  { process: 'high-tech', agency: 'zgc', agencyName: '中关村管委会', green: 2, yellow: 1, red: 1, total: 4 },
  { process: 'listing', agency: 'zgc', agencyName: '中关村管委会', green: 1, yellow: 0, red: 0, total: 1 },
  { process: 'high-tech', agency: 'tax', agencyName: '北京市税务局', green: 0, yellow: 0, red: 3, total: 3 },
] as never;

describe('the dashboard charts’ options', () => {
  // echarts-for-react sets an option again (and redraws the bars from zero) unless it is deep-equal to the last.
  it('are deep-equal for an unchanged overview read again', () => {
    expect(isEqual(agencyStepsOption(byAgency(JSON.parse(JSON.stringify(steps)))), agencyStepsOption(byAgency(steps)))).toBe(true);
    const weeks = [{ process: 'high-tech', week: '2026-11-23', decided: 4, onTime: 3 }] as never;
    const a = onTimeOption(JSON.parse(JSON.stringify(weeks)), ['high-tech'], (p) => p).option;
    expect(isEqual(a, onTimeOption(weeks, ['high-tech'], (p) => p).option)).toBe(true);
  });

  it('differ once a number changes', () => {
    const changed = JSON.parse(JSON.stringify(steps));
    changed[2].red = 4;
    expect(isEqual(agencyStepsOption(byAgency(changed)), agencyStepsOption(byAgency(steps)))).toBe(false);
  });

  it('say under the value axis what the bars count', () => {
    expect(agencyStepsOption([]).xAxis).toMatchObject({ name: STEPS_AXIS_NAME, nameLocation: 'middle' });
    expect(STEPS_AXIS_NAME).toBe('在办环节数');
  });

  it('sum steps per agency over the chosen process, fewest first', () => {
    expect(byAgency(steps).map((r) => [r.agency, r.total, r.red])).toEqual([['tax', 3, 3], ['zgc', 5, 1]]);
    expect(byAgency(steps, 'listing').map((r) => [r.agency, r.total])).toEqual([['zgc', 1]]);
  });
});
