import { Card, Space, Steps, Table, Tag, type TableColumnsType } from 'antd';
import { DECISION_LABELS } from '../../../../../libs/i18n/labels';
import { supervisedStep } from '../../api/lists';
import type { CaseView, StepView } from '../../api/views';
import { SuperviseButtons, type useSupervision } from '../../components/supervise';
import { DueDate, SlaTag, StepStatusTag } from '../../components/tags';
import { dateTime } from '../../format';
import { useSession } from '../../session';

const closed = (s: StepView) => s.status === 'decided' || s.status === 'cancelled';

/** The step's clock as a chip: none once it is done; 暂停计时 while the applicant has the case. */
export function StepClock({ step }: { step: StepView }) {
  if (closed(step)) return null;
  if (step.paused || step.status === 'waiting-applicant') return <span className="sla sla-paused">暂停计时</span>;
  return <SlaTag colour={step.colour} />;
}

/**
 * The panel's scores as the viewer may see them: an expert their own only (the review is blind),
 * the applicant how many have scored, the agency each score once the panel has closed, the
 * supervisor all.
 */
function PanelProgress({ step }: { step: StepView }) {
  const me = useSession()?.user;
  const panel = step.panel;
  if (!panel) return null;
  const own = panel.scores.find((s) => s.userId === me?.userId);
  const showAll = me?.role === 'supervisor' || (closed(step) && me?.role === 'agency');
  return (
    <div className="panel-progress" data-testid="panel-progress">
      专家评分 {panel.scores.length}/{panel.members.length}
      {own ? <div>我的评分：{own.score} 分（{own.opinion}）</div> : null}
      {showAll
        ? panel.scores.map((s) => (
            <div key={s.userId} className="muted">
              {s.name}：{s.score} 分，{s.opinion}
            </div>
          ))
        : null}
    </div>
  );
}

/** Every step of the case: an overview in order, and a table with each step's agency, state, clock and outcome. */
export function StepsSection({ c, ended, supervision }: { c: CaseView; ended: boolean; supervision: ReturnType<typeof useSupervision> }) {
  const me = useSession()?.user;
  const columns: TableColumnsType<StepView> = [
    { title: '环节', dataIndex: 'name', render: (_, s) => `${s.name}${s.round > 1 ? `（第${s.round}轮）` : ''}` },
    {
      title: '承办部门',
      dataIndex: 'agencyName',
      render: (_, s) => (
        <div>
          {s.agencyName}
          {s.assignee ? <div className="muted">办理人：{s.assignee.name}</div> : null}
        </div>
      ),
    },
    { title: '状态', dataIndex: 'status', render: (_, s) => <StepStatusTag status={s.status} /> },
    {
      title: '办理时限',
      key: 'due',
      render: (_, s) =>
        closed(s) ? (
          <span className="muted">{s.decidedAt ? `${dateTime(s.decidedAt)} 办结` : ''}</span>
        ) : (
          <Space size={4} wrap>
            <DueDate dueOn={s.dueOn} provisional={s.dueOnProvisional} />
            <StepClock step={s} />
          </Space>
        ),
    },
    {
      title: '结论',
      key: 'outcome',
      render: (_, s) => (
        <div>
          {s.decision ? (
            <div>
              <b>{DECISION_LABELS[s.decision]}</b>
              {s.reason ? `：${s.reason}` : ''}
            </div>
          ) : null}
          {s.urges.map((u, i) => (
            <div key={i} className="urge">
              督办：{u.note}（{u.by.name} {dateTime(u.at)}）
            </div>
          ))}
          <PanelProgress step={s} />
        </div>
      ),
    },
    ...(me?.role === 'supervisor' && !ended
      ? [{ title: '监察', key: 'supervise', render: (_: unknown, s: StepView) => <SuperviseButtons step={supervisedStep(s)} supervision={supervision} /> }]
      : []),
  ];
  const current = c.steps.findIndex((s) => !closed(s));
  return (
    <Card title={<h2 className="card-title">办理环节</h2>} className="block" size="small">
      {c.steps.length ? (
        <Steps
          className="steps-overview"
          size="small"
          current={current < 0 ? c.steps.length : current}
          items={c.steps.map((s) => ({
            title: s.name,
            status: s.status === 'cancelled' ? 'error' : closed(s) ? 'finish' : s.status === 'waiting-applicant' ? 'wait' : 'process',
            content: s.agencyName,
          }))}
          responsive
        />
      ) : null}
      <Table<StepView>
        data-testid="steps"
        rowKey="id"
        columns={columns}
        dataSource={c.steps}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: c.status === 'verifying' ? '正在向各部门核验共享数据…' : '暂无办理环节' }}
        onRow={(s) => ({ 'data-step-row': s.name, 'data-step-id': s.id }) as React.HTMLAttributes<HTMLElement>}
      />
      {c.escalated ? <Tag className="status status-bad block-top">已提交电子监察</Tag> : null}
    </Card>
  );
}
