import { Table } from 'antd';
import { useWorklist } from '../../api/lists';
import type { StepRowView } from '../../api/views';
import { Loading, Page } from '../../components/page';
import { openableRow } from '../../components/rows';
import { useRegistry } from '../../registry';
import { caseHref, hrefOf, navigate, useRoute } from '../../router';
import { CaseCell, RowClock } from '../agency/worklist-page';

/** 待评审: the panels waiting for this expert's score, soonest due first; no other expert's score shows. */
export function ExpertInboxPage() {
  const registry = useRegistry();
  const { query } = useRoute();
  const page = Math.max(1, Number(query.get('page')) || 1);
  const { data, error } = useWorklist({ view: 'todo', page, pageSize: 20 });
  return (
    <Page title="待评审" testId="expert-inbox">
      {!data ? (
        <Loading error={error} />
      ) : (
        <Table<StepRowView>
          data-testid="inbox"
          rowKey="stepId"
          dataSource={data.rows}
          onRow={(r) => ({ ...openableRow(caseHref(r.caseId)), 'data-step': r.stepId })}
          locale={{ emptyText: '暂无待评审的申请' }}
          scroll={{ x: 'max-content' }}
          pagination={{ current: data.page, pageSize: data.pageSize, total: data.total, showSizeChanger: false, hideOnSinglePage: true, onChange: (p) => navigate(hrefOf('/', { page: p })) }}
          columns={[
            { title: '申请企业 / 受理编号', key: 'case', render: (_, r) => <CaseCell row={r} /> },
            { title: '事项', dataIndex: 'process', render: (p: string) => registry.processName(p) },
            { title: '环节', dataIndex: 'stepName' },
            { title: '评分进度', key: 'panel', render: (_, r) => (r.panel ? `${r.panel.scored}/${r.panel.members} 位专家已评分` : '') },
            { title: '评审时限', key: 'due', render: (_, r) => <RowClock row={r} /> },
          ]}
        />
      )}
    </Page>
  );
}
