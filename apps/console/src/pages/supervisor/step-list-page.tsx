import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table, Tabs, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { DEPARTMENTS } from '../../../../../libs/domain/departments';
import { download, withQuery } from '../../api/client';
import { supervisedOf, useSupervisedSteps, type StepQuery } from '../../api/lists';
import type { StepRowView } from '../../api/views';
import { ColourFilter, ProcessFilter, SearchFilter } from '../../components/list-filters';
import { Loading, Page } from '../../components/page';
import { openableRow } from '../../components/rows';
import { SuperviseButtons, useSupervision } from '../../components/supervise';
import { StepStatusTag } from '../../components/tags';
import { dateTime } from '../../format';
import { useRegistry } from '../../registry';
import { caseHref, hrefOf, navigate, useRoute } from '../../router';
import { CaseCell, RowClock } from '../agency/worklist-page';

type List = 'steps' | 'overdue' | 'escalations';
const PAGE_SIZE = 20;
/** The tabs; the page is titled as the nav entry that opens it (环节督办, 已提交电子监察). */
const TITLES: Record<List, string> = { steps: '在办环节', overdue: '超期环节', escalations: '已提交电子监察' };
const PAGE_TITLES: Record<List, string> = { steps: '环节督办', overdue: '环节督办', escalations: '已提交电子监察' };
const API_LIST: Record<List, StepQuery['list']> = { steps: 'open', overdue: 'overdue', escalations: 'escalated' };

/**
 * The supervisor's lists of steps, paged by the API: every open step (what a bar of the
 * dashboard opens, by agency and colour), the overdue ones with days overdue and handler, and
 * the escalations with the open ones first. 督办 / 改派 / 延长 on every row, whatever its
 * colour; the list as it stands exported to Excel for 电子监察 reports.
 */
export function StepListPage({ list, agency: agencyInPath }: { list: List; agency?: string }) {
  const registry = useRegistry();
  const { query } = useRoute();
  const { message } = App.useApp();
  const filters: StepQuery = {
    list: API_LIST[list],
    q: query.get('q') ?? undefined,
    process: query.get('process') ?? undefined,
    kind: query.get('kind') ?? undefined,
    agency: query.get('agency') ?? agencyInPath ?? undefined,
    colour: query.get('colour') ?? undefined,
    page: Math.max(1, Number(query.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const [exporting, setExporting] = useState(false);
  const go = (changes: Partial<StepQuery>) => navigate(hrefOf(`/supervision/${list}`, { ...filters, list: undefined, pageSize: undefined, page: 1, ...changes }));
  const { data, error, reload } = useSupervisedSteps(filters);
  const supervision = useSupervision(reload);

  const exportList = async () => {
    setExporting(true);
    try {
      const { page: _page, pageSize: _size, ...all } = filters;
      const name = await download(withQuery('/supervision/steps/export', { ...all }), `电子监察-${TITLES[list]}.xlsx`);
      void message.success(`已导出：${name}`);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<StepRowView> = [
    { title: '企业 / 受理编号', key: 'case', render: (_, r) => <CaseCell row={r} /> },
    { title: '事项', dataIndex: 'process', render: (p: string) => registry.processName(p), responsive: ['xl'] },
    { title: '环节', dataIndex: 'stepName' },
    {
      title: '承办部门 / 办理人',
      key: 'handler',
      render: (_, r) => (
        <div>
          {r.agencyName}
          <div className="muted">{r.holder ? `${r.holder.name} 已认领` : '未认领'}</div>
        </div>
      ),
    },
    { title: '状态', dataIndex: 'status', render: (_, r) => <StepStatusTag status={r.status} /> },
    { title: '办理时限', key: 'due', render: (_, r) => <RowClock row={r} /> },
    { title: '督办', key: 'urges', responsive: ['lg'], render: (_, r) => (r.urges.last ? `${r.urges.count} 次，最近 ${dateTime(r.urges.last.at)}` : '') },
    { title: '监察', key: 'actions', render: (_, r) => <SuperviseButtons step={supervisedOf(r)} supervision={supervision} /> },
  ];

  const agencies = Object.keys(DEPARTMENTS) as Array<keyof typeof DEPARTMENTS>;
  return (
    <Page
      title={PAGE_TITLES[list]}
      testId={`list-${list}`}
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportList()} data-testid="export">
          导出 Excel
        </Button>
      }
    >
      <Tabs activeKey={list} onChange={(key) => navigate(hrefOf(`/supervision/${key}`, { agency: filters.agency, colour: filters.colour, process: filters.process }))} items={(['steps', 'overdue', 'escalations'] as List[]).map((key) => ({ key, label: TITLES[key] }))} />
      <Space className="filters" wrap>
        <SearchFilter query={filters.q} onSearch={(q) => go({ q })} />
        <ProcessFilter value={filters.process} onChange={(process) => go({ process })} />
        <Select aria-label="承办部门" placeholder="全部部门" allowClear showSearch={{ optionFilterProp: 'label' }} className="filter-select-wide" value={filters.agency} options={agencies.map((a) => ({ value: a, label: DEPARTMENTS[a] }))} onChange={(agency?: string) => go({ agency })} />
        <ColourFilter value={filters.colour} onChange={(colour) => go({ colour })} />
        {filters.agency || filters.colour || filters.process || filters.q ? <Button onClick={() => navigate(`#/supervision/${list}`)}>清除条件</Button> : null}
      </Space>
      {!data ? (
        <Loading error={error} />
      ) : (
        <Table<StepRowView>
          data-testid="steps"
          rowKey="stepId"
          columns={columns}
          dataSource={data.rows}
          onRow={(r) => ({ ...openableRow(caseHref(r.caseId)), 'data-step': r.stepId, 'data-colour': r.colour })}
          locale={{ emptyText: '没有符合条件的环节' }}
          scroll={{ x: 'max-content' }}
          pagination={{ current: data.page, pageSize: data.pageSize, total: data.total, showSizeChanger: false, showTotal: (total) => `共 ${total} 项`, onChange: (page) => go({ page }) }}
        />
      )}
      {supervision.modal}
    </Page>
  );
}
