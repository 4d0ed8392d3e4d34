import { COLOUR_LABELS } from '../../../../../libs/i18n/labels';
import type { OnTimeWeek, SlaColour, SupervisionOverview } from '../../api/views';

/*
 * The dashboard charts' ECharts options, pure: equal numbers give deep-equal options (no function
 * is made per call), so echarts-for-react, which compares options deeply, does not set an
 * unchanged one again and the bars are not redrawn from zero at every refresh.
 */

/** SLA colours with at least 3:1 against white (WCAG 1.4.11 for graphics). */
export const SLA_COLOURS: Record<SlaColour, string> = { green: '#237804', yellow: '#ad6800', red: '#a8071a' };
const PROCESS_COLOURS = ['#a8071a', '#0958d9', '#531dab', '#237804', '#ad4e00', '#006d75'];
export const COLOURS: SlaColour[] = ['green', 'yellow', 'red'];

// Tooltips drawn on the canvas, not as HTML: ECharts' HTML tooltips carry style attributes the CSP refuses.
const TOOLTIP = { renderMode: 'richText' as const, confine: true };
const TEXT = { color: 'rgba(0, 0, 0, 0.88)', fontSize: 13 };
/** What the value axis counts, said under it. */
export const STEPS_AXIS_NAME = '在办环节数';

const countInside = ({ value }: { value: number }) => (value ? String(value) : '');
const percentOrNone = (v: number | null) => (v === null ? '无办结' : `${v}%`);

export interface AgencyRow {
  agency: string;
  agencyName: string;
  green: number;
  yellow: number;
  red: number;
  total: number;
}

/** Open steps summed per agency over the processes chosen. */
export function byAgency(steps: SupervisionOverview['steps'], process?: string): AgencyRow[] {
  const rows = new Map<string, AgencyRow>();
  for (const s of steps) {
    if (process && s.process !== process) continue;
    const row = rows.get(s.agency) ?? { agency: s.agency, agencyName: s.agencyName, green: 0, yellow: 0, red: 0, total: 0 };
    for (const c of COLOURS) row[c] += s[c];
    row.total += s.total;
    rows.set(s.agency, row);
  }
  return [...rows.values()].sort((a, b) => a.total - b.total);
}

/** Open steps per agency, stacked by colour, every agency named in full, the value axis named. */
export function agencyStepsOption(rows: AgencyRow[]) {
  return {
    aria: { enabled: true, label: { description: `各部门在办环节：${rows.map((r) => `${r.agencyName}${r.total}项（超期${r.red}）`).join('；')}` } },
    tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: COLOURS.map((c) => COLOUR_LABELS[c]), textStyle: TEXT },
    grid: { left: 8, right: 40, top: 32, bottom: 30, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: TEXT, name: STEPS_AXIS_NAME, nameLocation: 'middle', nameGap: 28, nameTextStyle: TEXT },
    yAxis: { type: 'category', data: rows.map((r) => r.agencyName), axisLabel: { ...TEXT, interval: 0, width: 220, overflow: 'break' } },
    series: COLOURS.map((c) => ({
      name: COLOUR_LABELS[c],
      type: 'bar',
      stack: 'steps',
      barMaxWidth: 22,
      itemStyle: { color: SLA_COLOURS[c] },
      label: { show: true, position: 'inside', color: '#fff', formatter: countInside },
      emphasis: { focus: 'series' },
      data: rows.map((r) => ({ value: r[c], agency: r.agency })),
    })),
  };
}

/** A week as people say it: the Monday it starts, 11-24 起. */
export const weekLabel = (week: string) => `${week.slice(5)}起`;

/** The on-time rate per process and week (last 12 weeks), one line per process; with the weeks and processes it shows. */
export function onTimeOption(weeks: OnTimeWeek[], all: string[], processName: (code: string) => string) {
  const axis = [...new Set(weeks.map((w) => w.week))].sort();
  // Every registered process in the legend, with or without steps decided lately.
  const processes = [...new Set([...all, ...weeks.map((w) => w.process)])];
  const rate = (w: OnTimeWeek | undefined) => (w && w.decided ? Math.round((w.onTime / w.decided) * 1000) / 10 : null);
  const option = {
    aria: { enabled: true, label: { description: `按时办结率：${processes.map((p) => `${processName(p)} ${axis.map((week) => `${weekLabel(week)} ${rate(weeks.find((w) => w.week === week && w.process === p)) ?? '—'}%`).join('，')}`).join('；')}` } },
    color: PROCESS_COLOURS,
    tooltip: { ...TOOLTIP, trigger: 'axis', valueFormatter: percentOrNone },
    legend: { top: 0, data: processes.map(processName), textStyle: TEXT },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: axis.map(weekLabel), axisLabel: TEXT },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...TEXT, formatter: '{value}%' } },
    series: processes.map((p) => ({
      name: processName(p),
      type: 'line',
      connectNulls: true,
      symbolSize: 7,
      data: axis.map((week) => rate(weeks.find((w) => w.week === week && w.process === p))),
    })),
  };
  return { option, axis, processes };
}
