import { Button, Input, Select, Space, Table, Tabs, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { DEPARTMENTS } from '../../../../../libs/domain/departments';
import { COLOUR_LABELS } from '../../../../../libs/i18n/labels';
import { withQuery } from '../../api/client';
import { useResource } from '../../api/use-resource';
import type { CaseSummaryView, SlaColour, StepView } from '../../api/views';
import { Loading, Page } from '../../components/page';
import { openableRow } from '../../components/rows';
import { SuperviseButtons, useSupervision } from '../../components/supervise';
import { DueDate, StepStatusTag } from '../../components/tags';
import { beijingToday, dateTime, daysBetween } from '../../format';
import { useRegistry } from '../../registry';
import { caseHref, hrefOf, navigate, useRoute } from '../../router';
import { StepClock } from '../case/steps-section';

type List = 'steps' | 'overdue' | 'escalations';
const PAGE_SIZE = 20;
const isOpen = (s: StepView) => s.status === 'open' || s.status === 'claimed' || s.status === 'waiting-applicant';

const TITLES: Record<List, string> = { steps: '环节督办', overdue: '超期环节', escalations: '电子监察（升级）' };

/**
 * The supervisor's lists of steps: all open steps by agency, colour and process (what a bar of
 * the dashboard opens), the overdue ones with days overdue and handler, and the escalations with
 * the open ones first. 督办 / 改派 / 延长 on every row, whatever its colour.
 */
export function StepListPage({ list, agency: agencyInPath }: { list: List; agency?: string }) {
  const registry = useRegistry();
  const { query } = useRoute();
  const agency = query.get('agency') ?? agencyInPath ?? undefined;
  const colour = (query.get('colour') as SlaColour | null) ?? undefined;
  const process = query.get('process') ?? undefined;
  const q = query.get('q') ?? undefined;
  const page = Math.max(1, Number(query.get('page')) || 1);
  const [search, setSearch] = useState(q ?? '');
  const go = (changes: Record<string, string | number | undefined>) => navigate(hrefOf(`/supervision/${list}`, { agency, colour, process, q, page: 1, ...changes }));

  const source = list === 'escalations' ? '/supervision/escalations' : '/supervision/overdue';
  const { data, error, reload } = useResource<{ steps: StepView[]; cases: CaseSummaryView[] }>(source, { watch: 5000 });
  // The enterprise of each row, from the cases the supervisor sees.
  const cases = useResource<CaseSummaryView[]>(withQuery('/cases', { limit: 200 }), { watch: 30_000 });
  const titles = useMemo(() => new Map((cases.data ?? []).map((c) => [c.id, c])), [cases.data]);
  const supervision = useSupervision(reload);

  const rows = useMemo(() => {
    if (!data) return undefined;
    const needle = q?.trim().toLowerCase();
    return data.steps
      .filter((s) => !agency || s.agency === agency)
      .filter((s) => !colour || s.colour === colour)
      .filter((s) => !process || s.process === process)
      .filter((s) => !needle || [s.caseId, s.enterpriseName, titles.get(s.caseId)?.title, titles.get(s.caseId)?.applicantId].some((v) => v?.toLowerCase().includes(needle)))
      .sort((a, b) => (list === 'escalations' ? Number(isOpen(b)) - Number(isOpen(a)) : 0) || a.dueOn.localeCompare(b.dueOn));
  }, [data, agency, colour, process, q, titles, list]);

  const today = beijingToday();
  const columns: TableColumnsType<StepView> = [
    {
      title: '企业 / 受理编号',
      key: 'case',
      render: (_, s) => (
        <div>
          <a href={caseHref(s.caseId)} tabIndex={-1}>
            {s.enterpriseName ?? titles.get(s.caseId)?.title ?? registry.processName(s.process)}
          </a>
          <div className="muted mono" data-verbatim>
            {s.receiptNumber ?? s.caseId}
          </div>
        </div>
      ),
    },
    { title: '事项', dataIndex: 'process', render: (p: string) => registry.processName(p), responsive: ['xl'] },
    { title: '环节', dataIndex: 'name' },
    { title: '承办部门', dataIndex: 'agencyName' },
    { title: '办理人', key: 'assignee', render: (_, s) => s.assignee?.name ?? <span className="muted">未认领</span> },
    { title: '状态', dataIndex: 'status', render: (_, s) => <StepStatusTag status={s.status} /> },
    {
      title: '办理时限',
      dataIndex: 'dueOn',
      render: (_, s) => (
        <Space size={4} wrap>
          <DueDate dueOn={s.dueOn} provisional={s.dueOnProvisional} ended={!isOpen(s)} />
          <StepClock step={s} />
        </Space>
      ),
    },
    {
      title: '超期天数',
      key: 'overdue',
      render: (_, s) => (isOpen(s) && s.colour === 'red' ? <span className="overdue-days" data-testid="days-overdue">{Math.max(1, daysBetween(s.dueOn, today))} 天</span> : null),
    },
    {
      title: '督办',
      key: 'urges',
      responsive: ['lg'],
      render: (_, s) => (s.urges.length ? `${s.urges.length} 次，最近 ${dateTime(s.urges[s.urges.length - 1].at)}` : ''),
    },
    { title: '操作', key: 'actions', render: (_, s) => <SuperviseButtons step={s} supervision={supervision} /> },
  ];

  const agencies = [...new Set((data?.steps ?? []).map((s) => s.agency))];
  return (
    <Page title={TITLES[list]} testId={`list-${list}`}>
      <Tabs
        activeKey={list}
        onChange={(key) => navigate(hrefOf(`/supervision/${key}`, { agency, colour, process }))}
        items={(['steps', 'overdue', 'escalations'] as List[]).map((key) => ({ key, label: TITLES[key] }))}
      />
      <Space className="filters" wrap>
        <Input.Search aria-label="搜索受理编号、企业名称或统一社会信用代码" placeholder="受理编号 / 企业名称 / 信用代码" allowClear value={search} onChange={(e) => setSearch(e.target.value)} onSearch={(value) => go({ q: value || undefined })} className="filter-search" />
        <Select aria-label="事项" placeholder="全部事项" allowClear className="filter-select" value={process} options={registry.processes.map((p) => ({ value: p.code, label: p.names.zh }))} onChange={(v?: string) => go({ process: v })} />
        <Select
          aria-label="承办部门"
          placeholder="全部部门"
          allowClear
          className="filter-select-wide"
          value={agency}
          options={(agencies.length ? agencies : Object.keys(DEPARTMENTS)).map((a) => ({ value: a, label: DEPARTMENTS[a as keyof typeof DEPARTMENTS] ?? a }))}
          onChange={(v?: string) => go({ agency: v })}
        />
        <Select
          aria-label="时限状态"
          placeholder="全部时限状态"
          allowClear
          className="filter-select"
          value={colour}
          options={(['red', 'yellow', 'green'] as SlaColour[]).map((c) => ({ value: c, label: COLOUR_LABELS[c] }))}
          onChange={(v?: SlaColour) => go({ colour: v })}
        />
        {agency || colour || process || q ? <Button onClick={() => navigate(`#/supervision/${list}`)}>清除条件</Button> : null}
      </Space>
      {!rows ? (
        <Loading error={error} />
      ) : (
        <Table<StepView>
          data-testid={list}
          rowKey="id"
          columns={columns}
          dataSource={rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
          onRow={(s) => ({ ...openableRow(caseHref(s.caseId)), 'data-step': s.id, 'data-colour': s.colour })}
          locale={{ emptyText: '没有符合条件的环节' }}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: rows.length, showSizeChanger: false, showTotal: (total) => `共 ${total} 项`, onChange: (p) => go({ page: p }) }}
        />
      )}
      {supervision.modal}
    </Page>
  );
}
