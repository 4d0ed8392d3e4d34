import { Button, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { withQuery } from '../../api/client';
import { useResource } from '../../api/use-resource';
import type { CaseSummaryView } from '../../api/views';
import { Loading, Page } from '../../components/page';
import { openableRow } from '../../components/rows';
import { CaseStatusTag, DueDate, SlaTag } from '../../components/tags';
import { dateTime } from '../../format';
import { useRegistry } from '../../registry';
import { caseHref, hrefOf, navigate, useRoute } from '../../router';

const PAGE_SIZE = 20;

/** 案件查询: any case by enterprise name, credit code or 受理编号, filtered by process and status, a page at a time. */
export function CaseSearchPage() {
  const registry = useRegistry();
  const { query } = useRoute();
  const q = query.get('q') ?? undefined;
  const process = query.get('process') ?? undefined;
  const status = query.get('status') ?? undefined;
  const page = Math.max(1, Number(query.get('page')) || 1);
  const [search, setSearch] = useState(q ?? '');
  const go = (changes: Record<string, string | number | undefined>) => navigate(hrefOf('/supervision/cases', { q, process, status, page: 1, ...changes }));
  const { data, error } = useResource<CaseSummaryView[]>(withQuery('/cases', { q, process, status, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }), { watch: 10_000 });
  const rows = data?.slice(0, PAGE_SIZE);
  const statuses = process ? Object.entries(registry.byCode(process)?.statuses ?? {}) : [];

  const columns: TableColumnsType<CaseSummaryView> = [
    {
      title: '企业 / 受理编号',
      key: 'case',
      render: (_, c) => (
        <div>
          <a href={caseHref(c.id)} tabIndex={-1}>
            {c.title || registry.processName(c.process)}
          </a>
          <div className="muted mono" data-verbatim>
            {c.receiptNumber ?? c.id}
          </div>
        </div>
      ),
    },
    { title: '统一社会信用代码', dataIndex: 'applicantId', render: (v: string) => <span className="mono" data-verbatim>{v}</span>, responsive: ['lg'] },
    { title: '事项', dataIndex: 'process', render: (p: string) => registry.processName(p) },
    { title: '状态', dataIndex: 'status', render: (_, c) => <CaseStatusTag process={c.process} status={c.status} /> },
    {
      title: '审批时限',
      key: 'due',
      render: (_, c) =>
        registry.ended(c.process, c.status) ? null : (
          <Space size={4} wrap>
            <DueDate dueOn={c.dueOn} provisional={c.dueOnProvisional} />
            <SlaTag colour={c.colour} />
          </Space>
        ),
    },
    { title: '申请时间', dataIndex: 'filedAt', render: (v: string) => dateTime(v), responsive: ['md'] },
  ];

  return (
    <Page title="案件查询" testId="case-search">
      <Space className="filters" wrap>
        <Input.Search
          aria-label="搜索企业名称、统一社会信用代码或受理编号"
          placeholder="企业名称 / 信用代码 / 受理编号"
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => go({ q: value.trim() || undefined })}
          className="filter-search"
          data-testid="case-search-input"
        />
        <Select aria-label="事项" placeholder="全部事项" allowClear className="filter-select" value={process} options={registry.processes.map((p) => ({ value: p.code, label: p.names.zh }))} onChange={(v?: string) => go({ process: v, status: undefined })} />
        <Select aria-label="状态" placeholder={process ? '全部状态' : '先选择事项'} disabled={!process} allowClear className="filter-select" value={status} options={statuses.map(([value, label]) => ({ value, label }))} onChange={(v?: string) => go({ status: v })} />
        {q || process || status ? <Button onClick={() => navigate('#/supervision/cases')}>清除条件</Button> : null}
      </Space>
      {!rows ? (
        <Loading error={error} />
      ) : (
        <Table<CaseSummaryView>
          data-testid="cases"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          onRow={(c) => openableRow(caseHref(c.id))}
          locale={{ emptyText: q ? `没有与“${q}”相符的案件` : '暂无案件' }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: (page - 1) * PAGE_SIZE + rows.length + ((data?.length ?? 0) > PAGE_SIZE ? 1 : 0),
            showSizeChanger: false,
            onChange: (p) => go({ page: p }),
          }}
        />
      )}
    </Page>
  );
}
