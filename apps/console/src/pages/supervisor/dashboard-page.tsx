import { Alert, Card, Col, Row, Segmented, Space, Statistic, Table } from 'antd';
import { useCallback, useState } from 'react';
import { COLOUR_LABELS } from '../../../../../libs/i18n/labels';
import { useResource } from '../../api/use-resource';
import type { Incident, OnTimeWeek, SlaColour, SupervisionOverview } from '../../api/views';
import { Loading, Page } from '../../components/page';
import { openableRow } from '../../components/rows';
import { dateTime } from '../../format';
import { useRegistry } from '../../registry';
import { caseHref, hrefOf, navigate } from '../../router';
import { AgencyStepsChart, OnTimeChart, byAgency } from './charts';

const CHART_HEIGHT = 360;

/**
 * 电子监察 at a glance, on one 1920 × 1080 screen: open cases and steps of every process by
 * colour, open steps per agency (a click opens the list behind a bar), the on-time rate per
 * week, and departments not answering. Refreshed every few seconds.
 */
export function DashboardPage() {
  const registry = useRegistry();
  const [process, setProcess] = useState<string>('');
  const overview = useResource<SupervisionOverview>('/supervision/overview', { watch: 2000 });
  const onTime = useResource<OnTimeWeek[]>('/supervision/on-time', { watch: 10_000 });
  const incidents = useResource<Incident[]>('/supervision/incidents', { watch: 5000 });
  const open = (incidents.data ?? []).filter((i) => i.open);
  // The same function across refreshes, so the chart does not rebind its click handler every 2 s.
  const openSteps = useCallback((agency: string, colour: SlaColour) => navigate(hrefOf('/supervision/steps', { agency, colour, process: process || undefined })), [process]);

  if (!overview.data) return <Page title="监察总览"><Loading error={overview.error} rows={10} /></Page>;
  const { steps, cases, calendarWarning } = overview.data;
  const perProcess = registry.processes.map((p) => {
    const c = cases.find((x) => x.process === p.code);
    const s = steps.filter((x) => x.process === p.code);
    const sum = (colour: SlaColour) => s.reduce((n, x) => n + x[colour], 0);
    return { code: p.code, name: p.names.zh, cases: c?.total ?? 0, steps: s.reduce((n, x) => n + x.total, 0), red: sum('red'), yellow: sum('yellow') };
  });

  return (
    <Page title="监察总览" testId="dashboard">
      {calendarWarning ? <Alert type="warning" showIcon className="block" title={calendarWarning.message} data-testid="calendar-warning" /> : null}
      <Row gutter={[12, 12]} className="block">
        {perProcess.map((p) => (
          // One row of cards on a wide screen however many processes are registered (up to six), so the dashboard still fits 1920 × 1080.
          <Col xs={24} md={12} xl={Math.max(4, Math.floor(24 / Math.max(1, perProcess.length)))} key={p.code}>
            <Card size="small" className="kpi" data-testid={`kpi-${p.code}`} title={<h2 className="card-title">{p.name}</h2>}>
              <Space size="large" wrap className="kpi-numbers">
                <Statistic title="在办案件" value={p.cases} />
                <Statistic title="在办环节" value={p.steps} />
                <a href={hrefOf('/supervision/steps', { process: p.code, colour: 'yellow' })} className="kpi-link">
                  <Statistic title={COLOUR_LABELS.yellow} value={p.yellow} className="kpi-yellow" />
                </a>
                <a href={hrefOf('/supervision/steps', { process: p.code, colour: 'red' })} className="kpi-link">
                  <Statistic title={COLOUR_LABELS.red} value={p.red} className="kpi-red" />
                </a>
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={<h2 className="card-title">各部门在办环节（按时限状态，点击查看清单）</h2>}>
            <div className="segmented-scroll">
              <Segmented
                size="small"
                aria-label="按事项"
                value={process}
                onChange={(v) => setProcess(String(v))}
                options={[{ value: '', label: '全部事项' }, ...registry.processes.map((p) => ({ value: p.code, label: p.names.zh }))]}
              />
            </div>
            <AgencyStepsChart rows={byAgency(steps, process || undefined)} height={CHART_HEIGHT} onOpen={openSteps} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={<h2 className="card-title">按时办结率（近12周，按周，每周一起算）</h2>}>
            {onTime.data ? <OnTimeChart weeks={onTime.data} processes={registry.processes.map((p) => p.code)} processName={registry.processName} height={CHART_HEIGHT} /> : <Loading error={onTime.error} />}
          </Card>
        </Col>
      </Row>
      <Card size="small" className="block-top" title={<h2 className="card-title">部门系统故障（逾时未答复，系统持续重试）</h2>}>
        <Table<Incident>
          data-testid="incidents"
          size="small"
          rowKey="id"
          dataSource={open}
          pagination={{ pageSize: 5, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: '各部门系统均正常答复' }}
          onRow={(i) => openableRow(caseHref(i.caseId))}
          columns={[
            { title: '部门', dataIndex: 'departmentName' },
            { title: '未答复的查询', dataIndex: 'what' },
            { title: '开始时间', dataIndex: 'openedAt', render: (v: string) => dateTime(v) },
          ]}
        />
      </Card>
    </Page>
  );
}
