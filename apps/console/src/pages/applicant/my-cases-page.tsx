import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Table, type TableColumnsType } from 'antd';
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

/** 我的申请: every case the enterprise filed, newest first, a page at a time; new applications per process. */
export function MyCasesPage() {
  const registry = useRegistry();
  const { query } = useRoute();
  const page = Math.max(1, Number(query.get('page')) || 1);
  const process = query.get('process') ?? undefined;
  // One more than a page, to know whether another page follows.
  const { data, error } = useResource<CaseSummaryView[]>(withQuery('/cases', { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE, process }), { watch: 5000 });
  const rows = data?.slice(0, PAGE_SIZE);
  const more = (data?.length ?? 0) > PAGE_SIZE;

  const columns: TableColumnsType<CaseSummaryView> = [
    {
      title: '申请事项',
      dataIndex: 'title',
      render: (_, c) => (
        <div>
          <a href={caseHref(c.id)} tabIndex={-1}>
            {c.title || registry.processName(c.process)}
          </a>
          <div className="muted">{registry.processName(c.process)}</div>
        </div>
      ),
    },
    { title: '状态', dataIndex: 'status', render: (_, c) => <CaseStatusTag process={c.process} status={c.status} /> },
    {
      title: '办理时限',
      key: 'due',
      render: (_, c) => {
        const ended = registry.ended(c.process, c.status);
        if (ended) return <span className="muted">已办结</span>;
        return (
          <Space size={4} wrap>
            <DueDate dueOn={c.dueOn} provisional={c.dueOnProvisional} />
            <SlaTag colour={c.colour} />
            {!c.dueOn ? <span className="muted">{c.status === 'verifying' ? '数据核验中' : c.status === 'acceptance' ? '审批时限自受理起算' : '按各部门办理环节计时（见详情）'}</span> : null}
          </Space>
        );
      },
    },
    { title: '申请时间', dataIndex: 'filedAt', render: (v: string) => dateTime(v), responsive: ['md'] },
  ];

  return (
    <Page
      title="我的申请"
      testId="my-cases"
      extra={
        <Space wrap>
          {registry.processes.map((p) => (
            <Button key={p.code} type="primary" icon={<PlusOutlined />} href={`#/new/${p.code}`} data-testid={`new-${p.code}`}>
              {p.names.zh}申请
            </Button>
          ))}
        </Space>
      }
    >
      <Space className="filters" wrap>
        <Select
          aria-label="按事项筛选"
          placeholder="全部事项"
          allowClear
          className="filter-select"
          value={process}
          options={registry.processes.map((p) => ({ value: p.code, label: p.names.zh }))}
          onChange={(value?: string) => navigate(hrefOf('/', { process: value }))}
        />
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
          locale={{ emptyText: '暂无申请' }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: (page - 1) * PAGE_SIZE + rows.length + (more ? 1 : 0),
            showSizeChanger: false,
            onChange: (next) => navigate(hrefOf('/', { process, page: next })),
          }}
        />
      )}
    </Page>
  );
}
