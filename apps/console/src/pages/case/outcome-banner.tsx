import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { criterionLabel } from '../../../../../libs/i18n/labels';
import type { CaseView, DocumentView } from '../../api/views';
import { dateTime } from '../../format';
import { correctionAsked } from './correction-asked';
import { useRegistry } from '../../registry';
import { useSession } from '../../session';

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/**
 * Where the case stands and why, first thing on the page: refused, rejected or withdrawn with
 * the reason; why it left the fast path; what the applicant must do now.
 */
export function OutcomeBanner({ c, notices }: { c: CaseView; notices: DocumentView[] }) {
  const registry = useRegistry();
  const me = useSession()?.user;
  const statusName = registry.statusName(c.process, c.status);
  const last = (kind: string) => [...notices].reverse().find((d) => d.kind === kind);
  const entry = (action: string) => [...c.timeline].reverse().find((e) => e.action === action);
  let banner: { type: 'success' | 'info' | 'warning' | 'error'; title: string; description?: ReactNode } | undefined;

  switch (c.status) {
    case 'withdrawn': {
      const withdrawn = entry('withdrawn');
      banner = { type: 'warning', title: `${statusName}：申请人已于 ${dateTime(withdrawn?.at ?? c.decidedAt)} 撤回本申请`, description: withdrawn?.reason ? `撤回理由：${withdrawn.reason}` : undefined };
      break;
    }
    case 'refused': {
      const reason = text(last('refusal-notice')?.body.reason) ?? entry('refused')?.reason;
      banner = { type: 'error', title: `${statusName}`, description: reason ? `理由：${reason}` : undefined };
      break;
    }
    case 'rejected': {
      const notice = last('decision-notice');
      const step = text(notice?.body.step);
      const reason = text(notice?.body.reason);
      banner = { type: 'error', title: `${statusName}${step ? `（${step}）` : ''}`, description: reason ? `理由：${reason}` : undefined };
      break;
    }
    case 'revoked': {
      const revoked = entry('certificate-revoked');
      banner = { type: 'error', title: `${statusName}：证书已撤销`, description: revoked?.reason ? `理由：${revoked.reason}` : undefined };
      break;
    }
    case 'awaiting-applicant': {
      const asked = correctionAsked(c, notices);
      banner = {
        type: 'warning',
        title: me?.role === 'applicant' ? '请按补正通知一次性补正全部材料，补正后审查继续' : '等待申请人补正材料（办理时限暂停计时）',
        description: asked ? (
          <div data-testid="correction-asked">
            {asked.reasons.map((r) => (
              <div key={r.step}>
                {r.step ? `${r.step}退回理由：` : '退回理由：'}
                {r.reason}
              </div>
            ))}
            {asked.items.length ? (
              <>
                <div>补正事项：</div>
                <ol className="plain-list">
                  {asked.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ol>
              </>
            ) : null}
            <div className="muted">
              {asked.issuedAt ? `补正通知于 ${dateTime(asked.issuedAt)} 发出` : ''}
              {asked.deadline ? `，请于 ${asked.deadline} 前补正` : '，通知未设补正期限；补正期间审批办理时限暂停计时'}
            </div>
          </div>
        ) : undefined,
      };
      break;
    }
    default:
      break;
  }

  // Off the fast path: the criteria it failed, each with its reason and source.
  const failed = (c.criteria ?? []).filter((r) => !r.passed);
  // Only a process that approves on filing has a fast path to leave; a withdrawn case went to no review at all.
  const offFastPath = registry.byCode(c.process)?.assessment?.approvesOnFiling === true && failed.length > 0 && c.status !== 'verifying' && c.status !== 'withdrawn' && c.decision !== 'approved-on-filing';
  const fastPath = offFastPath ? (
    <Alert
      className="block"
      type={registry.ended(c.process, c.status) ? 'info' : 'warning'}
      showIcon
      data-testid="off-fast-path"
      title="未适用报备即批准，已转入常规审查"
      description={
        <ul className="plain-list">
          {failed.map((r) => (
            <li key={r.criterion}>
              <b>{criterionLabel(r.criterion)}</b>：{r.reason}
            </li>
          ))}
        </ul>
      }
    />
  ) : null;

  return (
    <>
      {banner ? <Alert className="block" type={banner.type} showIcon title={banner.title} description={banner.description} data-testid="outcome" /> : null}
      {fastPath}
    </>
  );
}
