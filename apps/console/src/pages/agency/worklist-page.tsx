import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, Select, Space, Table, Tabs, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { COLOUR_LABELS } from '../../../../../libs/i18n/labels';
import { withQuery } from '../../api/client';
import { useResource } from '../../api/use-resource';
import type { CaseSummaryView, SlaColour, StepView } from '../../api/views';
import { Loading, Page } from '../../components/page';
import { openableRow } from '../../components/rows';
import { DueDate, StepStatusTag } from '../../components/tags';
import { dateTime } from '../../format';
import { useRegistry } from '../../registry';
import { caseHref, hrefOf, navigate, useRoute } from '../../router';
import { useSession } from '../../session';
import { StepClock } from '../case/steps-section';

export type WorklistTab = 'todo' | 'done' | 'mine';

const PAGE_SIZE = 20;
const TAB_PATH: Record<WorklistTab, string> = { todo: '/', done: '/worklist/done', mine: '/worklist/mine' };

interface Filters {
  q?: string;
  process?: string;
  step?: string;
  colour?: SlaColour;
  dueBefore?: string;
  sort: 'due' | '-due';
  page: number;
}

function filtersOf(query: URLSearchParams): Filters {
  return {
    q: query.get('q') ?? undefined,
    process: query.get('process') ?? undefined,
    step: query.get('step') ?? undefined,
    colour: (query.get('colour') as SlaColour | null) ?? undefined,
    dueBefore: query.get('dueBefore') ?? undefined,
    sort: query.get('sort') === '-due' ? '-due' : 'due',
    page: Math.max(1, Number(query.get('page')) || 1),
  };
}

/**
 * 待办 / 已办 / 我的 of one agency: every row with its enterprise, 受理编号, step, holder, due date
 * and colour; searched by case number, enterprise or credit code; filtered by process, step,
 * colour and due date; sorted by due date; a page at a time. Rows open with Enter.
 */
export function AgencyWorklistPage({ tab }: { tab: WorklistTab }) {
  const registry = useRegistry();
  const me = useSession()?.user;
  const route = useRoute();
  const filters = filtersOf(route.query);
  const [search, setSearch] = useState(filters.q ?? '');
  const go = (changes: Partial<Filters>) => navigate(hrefOf(TAB_PATH[tab], { ...filters, page: 1, ...changes }));

  // The open steps of the agency, as the inbox long-polls them; the cases with its steps name their enterprises.
  const inbox = useResource<StepView[]>(tab === 'done' ? null : '/inbox', { watch: 'long-poll' });
  const cases = useResource<CaseSummaryView[]>(withQuery('/cases', { limit: 200 }), { watch: 10_000 });
  const titles = useMemo(() => new Map((cases.data ?? []).map((c) => [c.id, c])), [cases.data]);

  const rows = useMemo(() => {
    if (tab === 'done') return undefined;
    const q = filters.q?.trim().toLowerCase();
    const matching = (inbox.data ?? [])
      .filter((s) => tab === 'todo' || s.assignee?.userId === me?.userId)
      .filter((s) => !filters.process || s.process === filters.process)
      .filter((s) => !filters.step || s.name === filters.step)
      .filter((s) => !filters.colour || s.colour === filters.colour)
      .filter((s) => !filters.dueBefore || s.dueOn <= filters.dueBefore)
      .filter((s) => {
        if (!q) return true;
        const c = titles.get(s.caseId);
        return [s.caseId, s.receiptNumber, s.enterpriseName, c?.title, c?.applicantId].some((v) => v?.toLowerCase().includes(q));
      });
    return matching.sort((a, b) => (filters.sort === 'due' ? a.dueOn.localeCompare(b.dueOn) : b.dueOn.localeCompare(a.dueOn)));
  }, [inbox.data, tab, me?.userId, filters.process, filters.step, filters.colour, filters.dueBefore, filters.q, filters.sort, titles]);

  const stepNames = [...new Set((inbox.data ?? []).map((s) => s.name))].sort();
  const columns: TableColumnsType<StepView> = [
    {
      title: '企业 / 受理编号',
      key: 'case',
      render: (_, s) => {
        const c = titles.get(s.caseId);
        return (
          <div>
            <a href={caseHref(s.caseId)} tabIndex={-1}>
              {s.enterpriseName ?? c?.title ?? registry.processName(s.process)}
            </a>
            <div className="muted mono" data-verbatim>
              {s.receiptNumber ?? s.caseId}
            </div>
          </div>
        );
      },
    },
    { title: '事项', dataIndex: 'process', render: (p: string) => registry.processName(p), responsive: ['lg'] },
    { title: '环节', dataIndex: 'name', render: (_, s) => `${s.name}${s.round > 1 ? `（第${s.round}轮）` : ''}` },
    {
      title: '状态 / 办理人',
      dataIndex: 'status',
      render: (_, s) => (
        <div>
          <StepStatusTag status={s.status} />
          {s.assignee ? <div className="muted">{s.assignee.userId === me?.userId ? '我' : s.assignee.name}</div> : null}
        </div>
      ),
    },
    {
      title: '办理时限',
      dataIndex: 'dueOn',
      sorter: true,
      sortOrder: filters.sort === 'due' ? 'ascend' : 'descend',
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (_, s) => (
        <Space size={4} wrap>
          <DueDate dueOn={s.dueOn} provisional={s.dueOnProvisional} />
          <StepClock step={s} />
        </Space>
      ),
    },
    {
      title: '督办',
      key: 'urges',
      responsive: ['md'],
      render: (_, s) =>
        s.urges.map((u, i) => (
          <div key={i} className="urge">
            督办：{u.note}（{u.by.name} {dateTime(u.at)}）
          </div>
        )),
    },
  ];

  const page = rows?.slice((filters.page - 1) * PAGE_SIZE, filters.page * PAGE_SIZE);
  return (
    <Page title={`${tab === 'todo' ? '待办' : tab === 'done' ? '已办' : '我的'}（${me?.name.match(/（(.+)）/)?.[1] ?? ''}）`} testId="worklist">
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(`#${TAB_PATH[key as WorklistTab]}`)}
        items={[
          { key: 'todo', label: '待办' },
          { key: 'done', label: '已办' },
          { key: 'mine', label: '我的' },
        ]}
      />
      <Space className="filters" wrap>
        <Input.Search
          aria-label="搜索受理编号、企业名称或统一社会信用代码"
          placeholder="受理编号 / 企业名称 / 信用代码"
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => go({ q: value || undefined })}
          enterButton={<SearchOutlined aria-label="搜索" />}
          className="filter-search"
        />
        <Select aria-label="事项" placeholder="全部事项" allowClear className="filter-select" value={filters.process} options={registry.processes.map((p) => ({ value: p.code, label: p.names.zh }))} onChange={(process?: string) => go({ process })} />
        <Select aria-label="环节" placeholder="全部环节" allowClear className="filter-select" value={filters.step} options={stepNames.map((n) => ({ value: n, label: n }))} onChange={(step?: string) => go({ step })} />
        <Select
          aria-label="时限状态"
          placeholder="全部时限状态"
          allowClear
          className="filter-select"
          value={filters.colour}
          options={(['red', 'yellow', 'green'] as SlaColour[]).map((c) => ({ value: c, label: COLOUR_LABELS[c] }))}
          onChange={(colour?: SlaColour) => go({ colour })}
        />
        <DatePicker aria-label="截止日期不晚于" placeholder="截止不晚于" value={filters.dueBefore ? dayjs(filters.dueBefore) : null} onChange={(d) => go({ dueBefore: d?.format('YYYY-MM-DD') })} />
        {filters.q || filters.process || filters.step || filters.colour || filters.dueBefore ? <Button onClick={() => navigate(`#${TAB_PATH[tab]}`)}>清除条件</Button> : null}
      </Space>
      {tab === 'done' ? (
        <DoneList />
      ) : !page ? (
        <Loading error={inbox.error} />
      ) : (
        <Table<StepView>
          data-testid="inbox"
          rowKey="id"
          columns={columns}
          dataSource={page}
          onRow={(s) => ({ ...openableRow(caseHref(s.caseId)), 'data-step': s.id, 'data-colour': s.colour })}
          locale={{ emptyText: tab === 'todo' ? '暂无待办' : '暂无我认领的环节' }}
          scroll={{ x: 'max-content' }}
          onChange={(_, __, sorter) => {
            const order = Array.isArray(sorter) ? sorter[0]?.order : sorter.order;
            go({ sort: order === 'descend' ? '-due' : 'due', page: filters.page });
          }}
          pagination={{ current: filters.page, pageSize: PAGE_SIZE, total: rows?.length ?? 0, showSizeChanger: false, showTotal: (total) => `共 ${total} 项`, onChange: (p) => go({ page: p }) }}
        />
      )}
    </Page>
  );
}

/** 已办: the cases the agency has worked on, newest first. */
function DoneList() {
  const registry = useRegistry();
  const { query } = useRoute();
  const page = Math.max(1, Number(query.get('page')) || 1);
  const { data, error } = useResource<CaseSummaryView[]>(withQuery('/cases', { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE, process: query.get('process') }), { watch: 10_000 });
  if (!data) return <Loading error={error} />;
  const rows = data.slice(0, PAGE_SIZE);
  return (
    <Table<CaseSummaryView>
      data-testid="done"
      rowKey="id"
      dataSource={rows}
      onRow={(c) => openableRow(caseHref(c.id))}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '暂无已办案件' }}
      columns={[
        { title: '企业 / 受理编号', key: 'case', render: (_, c) => <div><a href={caseHref(c.id)} tabIndex={-1}>{c.title}</a><div className="muted mono" data-verbatim>{c.receiptNumber ?? c.id}</div></div> },
        { title: '事项', dataIndex: 'process', render: (p: string) => registry.processName(p) },
        { title: '案件状态', dataIndex: 'status', render: (s: string, c) => registry.statusName(c.process, s) },
        { title: '申请时间', dataIndex: 'filedAt', render: (v: string) => dateTime(v) },
      ]}
      pagination={{ current: page, pageSize: PAGE_SIZE, total: (page - 1) * PAGE_SIZE + rows.length + (data.length > PAGE_SIZE ? 1 : 0), showSizeChanger: false, onChange: (p) => navigate(hrefOf('/worklist/done', { page: p })) }}
    />
  );
}
