import { Button, DatePicker, Select, Space, Table, Tabs, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { DECISION_LABELS, STEP_STATUS_LABELS } from '../../../../../libs/i18n/labels';
import { useWorklist, type StepQuery } from '../../api/lists';
import type { StepRowView } from '../../api/views';
import { ColourFilter, ProcessFilter, SearchFilter } from '../../components/list-filters';
import { Loading, Page } from '../../components/page';
import { openableRow } from '../../components/rows';
import { DueDate, SlaTag, StepStatusTag } from '../../components/tags';
import { dateTime } from '../../format';
import { useRegistry } from '../../registry';
import { caseHref, hrefOf, navigate, useRoute } from '../../router';

export type WorklistTab = 'todo' | 'done' | 'mine';

const PAGE_SIZE = 20;
const TAB_PATH: Record<WorklistTab, string> = { todo: '/', done: '/worklist/done', mine: '/worklist/mine' };
const TAB_TITLE: Record<WorklistTab, string> = { todo: '待办', done: '已办', mine: '我的' };

/** A row's clock: a chip while it runs, 暂停计时 while the applicant has it, nothing once decided. */
export function RowClock({ row }: { row: StepRowView }) {
  if (!row.open) return <span className="muted">{row.decidedAt ? `${dateTime(row.decidedAt)} 办结` : STEP_STATUS_LABELS[row.status]}</span>;
  return (
    <Space size={4} wrap>
      <DueDate dueOn={row.dueOn} provisional={row.dueOnProvisional} />
      {row.paused || row.status === 'waiting-applicant' ? <span className="sla sla-paused">暂停计时</span> : <SlaTag colour={row.colour} />}
      {row.daysOverdue > 0 ? (
        <span className="overdue-days" data-testid="days-overdue">
          超期 {row.daysOverdue} 天
        </span>
      ) : null}
    </Space>
  );
}

/** The enterprise and its 受理编号, the row's link to the case. */
export function CaseCell({ row }: { row: { caseId: string; enterpriseName?: string; caseTitle?: string; receiptNumber?: string } }) {
  return (
    <div>
      <a href={caseHref(row.caseId)} tabIndex={-1}>
        {row.enterpriseName || row.caseTitle}
      </a>
      <div className="muted mono" data-verbatim>
        {row.receiptNumber ?? row.caseId}
      </div>
    </div>
  );
}

/**
 * 待办 / 已办 / 我的 of one agency, paged by the API: every row with its enterprise, 受理编号,
 * step, holder, due date and colour; searched by 受理编号, enterprise or credit code; filtered
 * by process, step, colour and due date; sorted by due date. Rows open with Enter.
 */
export function AgencyWorklistPage({ tab }: { tab: WorklistTab }) {
  const registry = useRegistry();
  const { query } = useRoute();
  const filters: StepQuery = {
    view: tab,
    q: query.get('q') ?? undefined,
    process: query.get('process') ?? undefined,
    kind: query.get('kind') ?? undefined,
    colour: query.get('colour') ?? undefined,
    dueFrom: query.get('dueFrom') ?? undefined,
    dueTo: query.get('dueTo') ?? undefined,
    sort: query.get('sort') ?? undefined,
    page: Math.max(1, Number(query.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const go = (changes: Partial<StepQuery>) => navigate(hrefOf(TAB_PATH[tab], { ...filters, view: undefined, pageSize: undefined, page: 1, ...changes }));
  const { data, error } = useWorklist(filters);
  const kinds = Object.entries(Object.assign({}, ...registry.processes.map((p) => p.stepKinds)) as Record<string, string>);
  const sortField = tab === 'done' ? 'decidedAt' : 'dueOn';
  const sort = filters.sort ?? (tab === 'done' ? '-decidedAt' : 'dueOn');

  const columns: TableColumnsType<StepRowView> = [
    { title: '企业 / 受理编号', key: 'case', render: (_, r) => <CaseCell row={r} /> },
    { title: '事项', dataIndex: 'process', render: (p: string) => registry.processName(p), responsive: ['lg'] },
    { title: '环节', dataIndex: 'stepName', render: (_, r) => `${r.stepName}${r.round > 1 ? `（第${r.round}轮）` : ''}` },
    {
      title: tab === 'done' ? '结论' : '状态 / 认领人',
      key: 'status',
      render: (_, r) =>
        tab === 'done' ? (
          <span>{r.decision ? DECISION_LABELS[r.decision] : STEP_STATUS_LABELS[r.status]}</span>
        ) : (
          <div>
            <StepStatusTag status={r.status} />
            {r.holder ? <div className="muted">{r.heldByMe ? '我已认领' : `${r.holder.name} 已认领`}</div> : null}
          </div>
        ),
    },
    {
      title: tab === 'done' ? '办结时间' : '办理时限',
      key: sortField,
      sorter: true,
      sortOrder: sort === sortField ? 'ascend' : sort === `-${sortField}` ? 'descend' : null,
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (_, r) => <RowClock row={r} />,
    },
    {
      title: '督办',
      key: 'urges',
      responsive: ['md'],
      render: (_, r) =>
        r.urges.last ? (
          <div className="urge">
            督办{r.urges.count > 1 ? `（${r.urges.count}次）` : ''}：{r.urges.last.note}
          </div>
        ) : null,
    },
  ];

  return (
    <Page title={TAB_TITLE[tab]} testId="worklist">
      <Tabs activeKey={tab} onChange={(key) => navigate(`#${TAB_PATH[key as WorklistTab]}`)} items={(['todo', 'done', 'mine'] as WorklistTab[]).map((key) => ({ key, label: TAB_TITLE[key] }))} />
      <Space className="filters" wrap>
        <SearchFilter query={filters.q} onSearch={(q) => go({ q })} testId="worklist-search" />
        <ProcessFilter value={filters.process} onChange={(process) => go({ process })} />
        <Select aria-label="环节" placeholder="全部环节" allowClear className="filter-select" value={filters.kind} options={kinds.map(([value, label]) => ({ value, label }))} onChange={(kind?: string) => go({ kind })} />
        {tab !== 'done' ? <ColourFilter value={filters.colour} onChange={(colour) => go({ colour })} testId="colour-filter" /> : null}
        <DatePicker.RangePicker
          aria-label="截止日期范围"
          placeholder={['截止日期从', '至']}
          value={[filters.dueFrom ? dayjs(filters.dueFrom) : null, filters.dueTo ? dayjs(filters.dueTo) : null]}
          onChange={(range) => go({ dueFrom: range?.[0]?.format('YYYY-MM-DD'), dueTo: range?.[1]?.format('YYYY-MM-DD') })}
          allowEmpty={[true, true]}
        />
        {filters.q || filters.process || filters.kind || filters.colour || filters.dueFrom || filters.dueTo ? <Button onClick={() => navigate(`#${TAB_PATH[tab]}`)}>清除条件</Button> : null}
      </Space>
      {!data ? (
        <Loading error={error} />
      ) : (
        <Table<StepRowView>
          data-testid="inbox"
          rowKey="stepId"
          columns={columns}
          dataSource={data.rows}
          onRow={(r) => ({ ...openableRow(caseHref(r.caseId)), 'data-step': r.stepId, 'data-colour': r.colour })}
          locale={{ emptyText: tab === 'todo' ? '暂无待办' : tab === 'mine' ? '暂无我认领的环节' : '暂无已办环节' }}
          scroll={{ x: 'max-content' }}
          onChange={(_, __, sorter, { action }) => {
            if (action !== 'sort') return;
            const order = Array.isArray(sorter) ? sorter[0]?.order : sorter.order;
            go({ sort: order === 'descend' ? `-${sortField}` : sortField });
          }}
          pagination={{ current: data.page, pageSize: data.pageSize, total: data.total, showSizeChanger: false, showTotal: (total) => `共 ${total} 项`, onChange: (page) => go({ page }) }}
        />
      )}
    </Page>
  );
}
