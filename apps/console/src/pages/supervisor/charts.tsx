import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { Empty } from 'antd';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useMemo } from 'react';
import { COLOUR_LABELS } from '../../../../../libs/i18n/labels';
import type { OnTimeWeek, SlaColour } from '../../api/views';
import { AgencyRow, COLOURS, agencyStepsOption, onTimeOption, weekLabel } from './chart-options';

export { SLA_COLOURS, byAgency, type AgencyRow } from './chart-options';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

/**
 * Open steps per agency, stacked by colour, every agency named in full, with a legend; a click
 * on a bar opens the list behind it (that agency's steps of that colour). The same numbers are
 * in a table beside it for screen readers and tests.
 */
export function AgencyStepsChart({ rows, onOpen, height }: { rows: AgencyRow[]; onOpen: (agency: string, colour: SlaColour) => void; height: number }) {
  // Rebuilt only when the numbers change: the overview is read every 2 s, and an option that is not
  // deep-equal to the last makes echarts-for-react set it again, redrawing the bars from zero.
  const key = JSON.stringify(rows);
  const option = useMemo(() => agencyStepsOption(JSON.parse(key) as AgencyRow[]), [key]);
  const onEvents = useMemo(
    () => ({
      click: (params: { data?: { agency?: string }; seriesIndex?: number }) => {
        if (params.data?.agency !== undefined && params.seriesIndex !== undefined) onOpen(params.data.agency, COLOURS[params.seriesIndex]);
      },
    }),
    [onOpen],
  );
  return (
    <div data-testid="chart-steps" className="chart">
      {rows.length === 0 ? <Empty className="chart-empty" description="暂无在办环节" /> : null}
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height: rows.length ? height : 0 }}
        onEvents={onEvents}
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

/** The on-time rate per process and week (last 12 weeks), one line per process, with a legend and week axis. */
export function OnTimeChart({ weeks, processes: all, processName, height }: { weeks: OnTimeWeek[]; processes: string[]; processName: (code: string) => string; height: number }) {
  const key = JSON.stringify([weeks, all]);
  const { option, axis, processes } = useMemo(() => {
    const [w, p] = JSON.parse(key) as [OnTimeWeek[], string[]];
    return onTimeOption(w, p, processName);
  }, [key, processName]);
  return (
    <div data-testid="chart-on-time" className="chart">
      {axis.length === 0 ? <Empty className="chart-empty" description="近12周暂无办结环节" /> : null}
      {/* Series replaced, not merged, when the processes change; unchanged weeks are not set again. */}
      <ReactEChartsCore echarts={echarts} option={option} replaceMerge={['series']} style={{ height: axis.length ? height : 0 }} />
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
