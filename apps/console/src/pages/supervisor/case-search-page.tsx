import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table, type TableColumnsType } from 'antd';
import { download, withQuery } from '../../api/client';
import { useCaseSearch } from '../../api/lists';
import type { CaseRowView, OpenStepSummary } from '../../api/views';
import { ProcessFilter, SearchFilter } from '../../components/list-filters';
import { Loading, Page } from '../../components/page';
import { openableRow } from '../../components/rows';
import { SuperviseButtons, useSupervision } from '../../components/supervise';
import { CaseStatusTag, DueDate, SlaTag } from '../../components/tags';
import { dateTime } from '../../format';
import { useRegistry } from '../../registry';
import { caseHref, hrefOf, navigate, useRoute } from '../../router';
import { CaseCell } from '../agency/worklist-page';
import { dueNote } from '../case/due-note';

const PAGE_SIZE = 20;

/**
 * 案件查询: any case by enterprise name, credit code or 受理编号, filtered by process and status,
 * paged by the API; each running case with its open steps, to urge, reassign or extend from here.
 */
export function CaseSearchPage() {
  const registry = useRegistry();
  const { query } = useRoute();
  const { message } = App.useApp();
  const filters = {
    q: query.get('q') ?? undefined,
    process: query.get('process') ?? undefined,
    status: query.get('status') ?? undefined,
    page: Math.max(1, Number(query.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const go = (changes: Partial<typeof filters>) => navigate(hrefOf('/supervision/cases', { ...filters, pageSize: undefined, page: 1, ...changes }));
  const { data, error, reload } = useCaseSearch(filters);
  const supervision = useSupervision(reload);
  const statuses = filters.process ? Object.entries(registry.byCode(filters.process)?.statuses ?? {}) : [];

  const exportList = async () => {
    try {
      const { page: _p, pageSize: _s, ...all } = filters;
      void message.success(`已导出：${await download(withQuery('/supervision/cases/export', all), '电子监察-案件查询.xlsx')}`);
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  const stepOf = (c: CaseRowView, s: OpenStepSummary) => ({ id: s.stepId, caseId: c.caseId, name: s.name, agency: s.agency, agencyName: s.agencyName, status: s.status, holder: s.holder });
  const columns: TableColumnsType<CaseRowView> = [
    { title: '企业 / 受理编号', key: 'case', render: (_, c) => <CaseCell row={c} /> },
    { title: '统一社会信用代码', dataIndex: 'creditCode', render: (v: string) => <span className="mono" data-verbatim>{v}</span>, responsive: ['xl'] },
    { title: '事项', dataIndex: 'process', render: (p: string) => registry.processName(p) },
    { title: '状态', dataIndex: 'status', render: (_, c) => <CaseStatusTag process={c.process} status={c.status} /> },
    {
      title: '审批时限',
      key: 'due',
      render: (_, c) => {
        // Never a blank cell: an ended case, a case not yet accepted or one timed by its steps says so, as the applicant's list does.
        const note = dueNote(c);
        return (
          <Space size={4} wrap data-testid="due">
            {c.ended ? null : (
              <>
                <DueDate dueOn={c.dueOn} />
                <SlaTag colour={c.colour} />
              </>
            )}
            {note ? <span className="muted">{note}</span> : null}
          </Space>
        );
      },
    },
    {
      title: '在办环节（督办 / 改派 / 延长）',
      key: 'steps',
      render: (_, c) =>
        c.openSteps.map((s) => (
          <div key={s.stepId} className="open-step" data-open-step={s.name}>
            <span>
              {s.name} · {s.agencyName} <SlaTag colour={s.colour} />
            </span>
            <SuperviseButtons step={stepOf(c, s)} supervision={supervision} />
          </div>
        )),
    },
    { title: '申请时间', dataIndex: 'filedAt', render: (v: string) => dateTime(v), responsive: ['lg'] },
  ];

  return (
    <Page
      title="案件查询"
      testId="case-search"
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => void exportList()} data-testid="export">
          导出 Excel
        </Button>
      }
    >
      <Space className="filters" wrap>
        <SearchFilter query={filters.q} onSearch={(q) => go({ q })} testId="case-search-input" />
        <ProcessFilter value={filters.process} onChange={(process) => go({ process, status: undefined })} />
        {filters.process ? (
          <Select aria-label="状态" placeholder="全部状态" allowClear className="filter-select" value={filters.status} options={statuses.map(([value, label]) => ({ value, label }))} onChange={(v?: string) => go({ status: v })} />
        ) : null}
        {filters.q || filters.process || filters.status ? <Button onClick={() => navigate('#/supervision/cases')}>清除条件</Button> : null}
      </Space>
      {!data ? (
        <Loading error={error} />
      ) : (
        <Table<CaseRowView>
          data-testid="cases"
          rowKey="caseId"
          columns={columns}
          dataSource={data.rows}
          onRow={(c) => openableRow(caseHref(c.caseId))}
          locale={{ emptyText: filters.q ? `没有与“${filters.q}”相符的案件` : '暂无案件' }}
          scroll={{ x: 'max-content' }}
          pagination={{ current: data.page, pageSize: data.pageSize, total: data.total, showSizeChanger: false, showTotal: (total) => `共 ${total} 件`, onChange: (page) => go({ page }) }}
        />
      )}
      {supervision.modal}
    </Page>
  );
}
