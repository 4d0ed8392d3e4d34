import { Card, Collapse, Descriptions, Table, Tag } from 'antd';
import {
  BRANCH_STATUS_LABELS,
  COMPLIANCE_STATUS_LABELS,
  SUBSIDY_LEVEL_LABELS,
  criterionLabel,
  departmentLabel,
  fieldLabel,
} from '../../../../../libs/i18n/labels';
import type { CaseView } from '../../api/views';
import { LabelledRecord, valueText } from '../../components/labelled-record';
import { yuan } from '../../format';
import { useRegistry } from '../../registry';

/** What the departments hold and what the process found: criteria, mismatches, shared data, the process's own results, the application. */
export function CaseDetails({ c }: { c: CaseView }) {
  const registry = useRegistry();
  const ended = registry.ended(c.process, c.status);
  const mismatched = (c.mismatches ?? []).map((m) => m.field);
  const d = c.details ?? {};
  return (
    <>
      {c.criteria?.length ? (
        <Card title={<h2 className="card-title" data-testid="criteria-title">{registry.byCode(c.process)?.assessment?.title ?? '条件核验'}（自动比对）</h2>} className="block" size="small">
          <Table
            size="small"
            rowKey="criterion"
            pagination={false}
            dataSource={c.criteria}
            columns={[
              { title: '条件', dataIndex: 'criterion', render: (v: string) => criterionLabel(v) },
              { title: '结果', dataIndex: 'passed', render: (v: boolean) => <span className={v ? 'passed' : 'failed'} data-passed={v}>{v ? '✓ 符合' : '✗ 不符合'}</span> },
              { title: '依据', dataIndex: 'reason' },
            ]}
            scroll={{ x: 'max-content' }}
          />
          {(c.mismatches ?? []).map((m) => (
            <div key={m.field} className="mismatch-line" data-testid="mismatch">
              申报与共享数据不一致：{fieldLabel(m.field)} 申报 {String(valueText(m.field, m.declared))}，{departmentLabel(m.source)}记载 {String(valueText(m.field, m.shared))}
            </div>
          ))}
        </Card>
      ) : null}

      {c.sharedData && Object.keys(c.sharedData).length ? (
        <Card title={<h2 className="card-title">共享数据（免提交材料）</h2>} className="block" size="small" data-testid="shared-data">
          <Collapse
            defaultActiveKey={Object.keys(c.sharedData)}
            items={Object.entries(c.sharedData).map(([key, shared]) => ({
              key,
              label: (
                <span>
                  {fieldLabel(key)} <span className="muted">来源：{shared.source ?? ''}</span>
                  {mismatched.some((f) => f.startsWith(key) || (key === 'registration' && f === 'enterpriseName')) ? <Tag className="status status-bad tag-inline">与申报不一致</Tag> : null}
                </span>
              ),
              children: <LabelledRecord record={shared.record} prefix={key} highlight={mismatched} />,
            }))}
          />
        </Card>
      ) : null}

      {d.liaison || d.compliance || d.subsidies?.length || d.permits || d.branches?.length ? (
        <Card title={<h2 className="card-title">办理结果</h2>} className="block" size="small">
          {d.liaison ? (
            <Descriptions size="small" column={1} items={[{ key: 'liaison', label: '专人对接', children: <span data-testid="liaison">{d.liaison.name} {d.liaison.phone}</span> }]} />
          ) : null}
          {d.compliance ? (
            <Table
              data-testid="compliance"
              size="small"
              rowKey="department"
              pagination={false}
              dataSource={d.compliance}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: '部门', dataIndex: 'departmentName' },
                {
                  title: '合规查询结果',
                  dataIndex: 'status',
                  render: (status: string, e) => (
                    <div>
                      {status === 'pending' && ended ? '未答复（案件已终止）' : COMPLIANCE_STATUS_LABELS[status]}
                      {e.findings.map((f) => (
                        <div key={f.id} className="muted">
                          {f.date} {f.summary}
                        </div>
                      ))}
                      {e.conclusion ? <div className="muted">核查结论：{e.conclusion}</div> : null}
                    </div>
                  ),
                },
              ]}
            />
          ) : null}
          {d.subsidies?.length ? (
            <Descriptions
              size="small"
              column={1}
              items={d.subsidies.map((s) => ({ key: s.level, label: `${SUBSIDY_LEVEL_LABELS[s.level]}上市补贴`, children: yuan(s.amountYuan) }))}
            />
          ) : null}
          {d.permits ? (
            <Descriptions
              size="small"
              column={1}
              data-testid="permits"
              items={[
                { key: 'work', label: '来华工作许可', children: <span data-verbatim>{`${d.permits.workPermit.number}（有效期至 ${d.permits.workPermit.validUntil}）`}</span> },
                { key: 'residence', label: '居留许可', children: <span data-verbatim>{`${d.permits.residencePermit.number}（有效期至 ${d.permits.residencePermit.validUntil}）`}</span> },
              ]}
            />
          ) : null}
          {d.branches?.length ? (
            <Descriptions size="small" column={1} items={d.branches.map((b) => ({ key: b.kind, label: b.name, children: BRANCH_STATUS_LABELS[b.status] ?? '' }))} />
          ) : null}
        </Card>
      ) : null}

      <Card title={<h2 className="card-title">申请信息</h2>} className="block" size="small" data-testid="application">
        <ApplicationRecord application={c.application} />
      </Card>
    </>
  );
}

/** The application as filed, field by field (personal data as the API shows it: masked to a supervisor). */
function ApplicationRecord({ application }: { application: Record<string, unknown> }) {
  // The files filed with it are listed in 申请材料与附件 (named, each to download), not here as raw references.
  const { talent, materials: _materials, ...rest } = application as { talent?: Record<string, unknown>; materials?: unknown };
  return (
    <>
      <LabelledRecord record={rest} />
      {talent ? (
        <div className="block-top">
          <LabelledRecord record={talent} prefix="talent" testIds={{ 'talent.passportNumber': 'passport' }} verbatim={['talent.name', 'talent.passportNumber', 'talent.nationality']} />
        </div>
      ) : null}
    </>
  );
}
