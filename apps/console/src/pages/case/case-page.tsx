import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useResource } from '../../api/use-resource';
import type { CaseView, DocumentView } from '../../api/views';
import { Loading, Page } from '../../components/page';
import { useSupervision } from '../../components/supervise';
import { CaseStatusTag, DueDate, SlaTag } from '../../components/tags';
import { CaseTimeline } from '../../components/timeline';
import { CaseMaterials } from './case-materials';
import { PAUSE_REASON_LABELS } from '../../../../../libs/i18n/labels';
import { dateTime } from '../../format';
import { useRegistry } from '../../registry';
import { useSession } from '../../session';
import { ApplicantActions } from './applicant-actions';
import { CaseDetails } from './case-details';
import { conclusionAmount, endedAtLabel } from './case-summary';
import { Documents } from './documents';
import { OutcomeBanner } from './outcome-banner';
import { StepPanels } from './step-panels';
import { StepsSection } from './steps-section';

/**
 * One case as each party sees it: where it stands and why (at the top), its clock while it
 * runs, its steps with what the viewer may do on them, the shared data as labelled fields, the
 * notices, and the timeline. Long-polled: it changes on screen as the case moves.
 */
export function CasePage({ caseId }: { caseId: string }) {
  const registry = useRegistry();
  const me = useSession()?.user;
  const path = `/cases/${encodeURIComponent(caseId)}`;
  const { data: c, error, reload } = useResource<CaseView>(path, { watch: 'long-poll' });
  // The notices change with the case: read again whenever its version moves.
  const { data: notices } = useResource<DocumentView[]>(c ? `${path}/notices?v=${c.version}` : null);
  const supervision = useSupervision(reload);

  if (!c) return <Page title="案件">{<Loading error={error} rows={8} />}</Page>;

  // Ended (its process says so) or decided (what follows a decision, subsidies or branches, may still run): no clock, no withdrawal.
  const ended = registry.ended(c.process, c.status);
  const decided = ended || Boolean(c.decidedAt);
  const processName = registry.processName(c.process);
  // Each expert's score and opinion: for the officials on the case and the supervisor, never for the other experts or the applicant.
  const blind = me?.role === 'expert' || me?.role === 'applicant';
  const clock = c.clock && !decided ? c.clock : undefined;

  return (
    <Page
      title={c.title || processName}
      testId="case"
      extra={
        <span data-testid="case-status" data-status={c.status}>
          <CaseStatusTag process={c.process} status={c.status} />
        </span>
      }
    >
      <OutcomeBanner c={c} notices={notices ?? []} />
      <Card className="block" size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
          items={[
            { key: 'process', label: '申请事项', children: processName },
            { key: 'number', label: '受理编号', children: <span data-verbatim className="mono">{c.receiptNumber ?? c.id}</span> },
            { key: 'status', label: '状态', children: <CaseStatusTag process={c.process} status={c.status} /> },
            ...(c.decision ? [{ key: 'decision', label: '结论', children: <span data-testid="conclusion">{`${registry.decisionName(c.process, c.decision) ?? ''}${conclusionAmount(c)}`}</span> }] : []),
            { key: 'filed', label: '申请时间', children: dateTime(c.filedAt) },
            ...(c.decidedAt ? [{ key: 'decided', label: endedAtLabel(c), children: dateTime(c.decidedAt) }] : []),
            ...(clock
              ? [
                  {
                    key: 'clock',
                    label: '审批办理时限',
                    children: (
                      <Space size={4} wrap data-testid="case-clock">
                        <span>截止</span>
                        <DueDate dueOn={clock.dueOn} provisional={clock.provisional} />
                        {clock.paused ? <span className="sla sla-paused">暂停计时{clock.pauseReason ? `（${PAUSE_REASON_LABELS[clock.pauseReason]}）` : ''}</span> : <SlaTag colour={clock.colour} />}
                        <Typography.Text type="secondary">
                          承诺 {clock.limitDays} 个工作日{clock.extensionDays ? `，已延长 ${clock.extensionDays} 日` : ''}
                          {clock.pausedWorkingDays ? `，不计时 ${clock.pausedWorkingDays} 日` : ''}
                        </Typography.Text>
                      </Space>
                    ),
                  },
                ]
              : []),
            ...(c.certificate
              ? [
                  {
                    key: 'certificate',
                    label: '证书',
                    children: (
                      <span data-testid="certificate">
                        <b data-verbatim>{c.certificate.number}</b>，{c.certificate.issuedOn} 至 {c.certificate.validUntil}{' '}
                        <a href={`#/verify/${encodeURIComponent(c.certificate.number)}`}>公开查验</a>
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {me?.role === 'supervisor' && clock ? (
          <Button className="block-top" onClick={() => supervision.extend(c.id, c.title || processName)} data-testid="extend-case">
            延长审批办理时限
          </Button>
        ) : null}
      </Card>
      <ApplicantActions c={c} notices={notices ?? []} decided={decided} onDone={reload} />
      <StepPanels c={c} onDone={reload} />
      <StepsSection c={c} ended={ended} supervision={supervision} />
      <CaseDetails c={c} />
      <CaseMaterials c={c} />
      <Documents c={c} notices={notices ?? []} />
      <Card title={<h2 className="card-title">办理轨迹</h2>} className="block" size="small">
        <CaseTimeline entries={c.timeline} blind={blind} />
      </Card>
      {supervision.modal}
    </Page>
  );
}
