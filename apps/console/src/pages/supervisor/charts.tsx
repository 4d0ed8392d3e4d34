import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { Empty } from 'antd';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { COLOUR_LABELS } from '../../../../../libs/i18n/labels';
import type { OnTimeWeek, SlaColour, SupervisionOverview } from '../../api/views';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

/** SLA colours with at least 3:1 against white (WCAG 1.4.11 for graphics). */
export const SLA_COLOURS: Record<SlaColour, string> = { green: '#237804', yellow: '#ad6800', red: '#a8071a' };
const PROCESS_COLOURS = ['#a8071a', '#0958d9', '#531dab', '#237804', '#ad4e00', '#006d75'];
const COLOURS: SlaColour[] = ['green', 'yellow', 'red'];

// Tooltips drawn on the canvas, not as HTML: ECharts' HTML tooltips carry style attributes the CSP refuses.
const TOOLTIP = { renderMode: 'richText' as const, confine: true };
const TEXT = { color: 'rgba(0, 0, 0, 0.88)', fontSize: 13 };

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

/**
 * Open steps per agency, stacked by colour, every agency named in full, with a legend; a click
 * on a bar opens the list behind it (that agency's steps of that colour). The same numbers are
 * in a table beside it for screen readers and tests.
 */
export function AgencyStepsChart({ rows, onOpen, height }: { rows: AgencyRow[]; onOpen: (agency: string, colour: SlaColour) => void; height: number }) {
  const option = {
    aria: { enabled: true, label: { description: `各部门在办环节：${rows.map((r) => `${r.agencyName}${r.total}项（超期${r.red}）`).join('；')}` } },
    tooltip: { ...TOOLTIP, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: COLOURS.map((c) => COLOUR_LABELS[c]), textStyle: TEXT },
    grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: TEXT },
    yAxis: { type: 'category', data: rows.map((r) => r.agencyName), axisLabel: { ...TEXT, interval: 0, width: 220, overflow: 'break' } },
    series: COLOURS.map((c) => ({
      name: COLOUR_LABELS[c],
      type: 'bar',
      stack: 'steps',
      barMaxWidth: 22,
      itemStyle: { color: SLA_COLOURS[c] },
      label: { show: true, position: 'inside', color: '#fff', formatter: ({ value }: { value: number }) => (value ? String(value) : '') },
      emphasis: { focus: 'series' },
      data: rows.map((r) => ({ value: r[c], agency: r.agency })),
    })),
  };
  return (
    <div data-testid="chart-steps" className="chart">
      {rows.length === 0 ? <Empty className="chart-empty" description="暂无在办环节" /> : null}
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: rows.length ? height : 0 }}
        onEvents={{
          click: (params: { data?: { agency?: string }; seriesIndex?: number }) => {
            if (params.data?.agency !== undefined && params.seriesIndex !== undefined) onOpen(params.data.agency, COLOURS[params.seriesIndex]);
          },
        }}
      />
      {/* The numbers for screen readers: a table is as wide as its text, so it is hidden inside a 1 px box, not made one. */}
      <div className="sr-only">
        <table data-testid="chart-steps-data">
          <caption>各部门在办环节（按时限状态）</caption>
          <thead>
            <tr>
              <th scope="col">承办部门</th>
              {COLOURS.map((c) => (
                <th key={c} scope="col">
                  {COLOUR_LABELS[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.agency}>
                <th scope="row">{r.agencyName}</th>
                {COLOURS.map((c) => (
                  <td key={c} data-agency={r.agency} data-colour={c} data-count={r[c]}>
                    {r[c]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A week as people say it: the Monday it starts, 11-24 起. */
const weekLabel = (week: string) => `${week.slice(5)}起`;

/** The on-time rate per process and week (last 12 weeks), one line per process, with a legend and week axis. */
export function OnTimeChart({ weeks, processes: all, processName, height }: { weeks: OnTimeWeek[]; processes: string[]; processName: (code: string) => string; height: number }) {
  const axis = [...new Set(weeks.map((w) => w.week))].sort();
  // Every registered process in the legend, with or without steps decided lately.
  const processes = [...new Set([...all, ...weeks.map((w) => w.process)])];
  const rate = (w: OnTimeWeek | undefined) => (w && w.decided ? Math.round((w.onTime / w.decided) * 1000) / 10 : null);
  const option = {
    aria: { enabled: true, label: { description: `按时办结率：${processes.map((p) => `${processName(p)} ${axis.map((week) => `${weekLabel(week)} ${rate(weeks.find((w) => w.week === week && w.process === p)) ?? '—'}%`).join('，')}`).join('；')}` } },
    color: PROCESS_COLOURS,
    tooltip: { ...TOOLTIP, trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '无办结' : `${v}%`) },
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
  return (
    <div data-testid="chart-on-time" className="chart">
      {axis.length === 0 ? <Empty className="chart-empty" description="近12周暂无办结环节" /> : null}
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: axis.length ? height : 0 }} />
      <div className="sr-only">
        <table>
          <caption>按时办结率（按周）</caption>
          <thead>
            <tr>
              <th scope="col">周</th>
              {processes.map((p) => (
                <th key={p} scope="col" data-process={p}>
                  {processName(p)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {axis.map((week) => (
              <tr key={week}>
                <th scope="row">{weekLabel(week)}</th>
                {processes.map((p) => {
                  const w = weeks.find((x) => x.week === week && x.process === p);
                  return <td key={p}>{w ? `${w.onTime}/${w.decided}` : '—'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
