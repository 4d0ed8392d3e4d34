import { Space, Table } from 'antd';
import { useResource } from '../../api/use-resource';
import type { StepView } from '../../api/views';
import { Loading, Page } from '../../components/page';
import { openableRow } from '../../components/rows';
import { DueDate } from '../../components/tags';
import { useRegistry } from '../../registry';
import { caseHref } from '../../router';
import { StepClock } from '../case/steps-section';

/** 待评审: the panels waiting for this expert's score, soonest due first. */
export function ExpertInboxPage() {
  const registry = useRegistry();
  const { data, error } = useResource<StepView[]>('/inbox', { watch: 'long-poll' });
  return (
    <Page title="待评审" testId="expert-inbox">
      {!data ? (
        <Loading error={error} />
      ) : (
        <Table<StepView>
          data-testid="inbox"
          rowKey="id"
          dataSource={data}
          onRow={(s) => ({ ...openableRow(caseHref(s.caseId)), 'data-step': s.id })}
          locale={{ emptyText: '暂无待评审的申请' }}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            {
              title: '申请',
              key: 'case',
              render: (_, s) => (
                <div>
                  <a href={caseHref(s.caseId)} tabIndex={-1}>
                    {s.enterpriseName ?? registry.processName(s.process)}
                  </a>
                  <div className="muted mono" data-verbatim>
                    {s.receiptNumber ?? s.caseId}
                  </div>
                </div>
              ),
            },
            { title: '环节', dataIndex: 'name' },
            { title: '评分进度', key: 'panel', render: (_, s) => (s.panel ? `${s.panel.scores.length}/${s.panel.members.length}` : '') },
            {
              title: '评审时限',
              key: 'due',
              render: (_, s) => (
                <Space size={4}>
                  <DueDate dueOn={s.dueOn} provisional={s.dueOnProvisional} />
                  <StepClock step={s} />
                </Space>
              ),
            },
          ]}
        />
      )}
    </Page>
  );
}
