import { Tag, Tooltip } from 'antd';
import { COLOUR_LABELS, STEP_STATUS_LABELS } from '../../../../libs/i18n/labels';
import type { SlaColour, StepStatus } from '../api/views';
import { PROVISIONAL_NOTE } from '../format';
import { useRegistry } from '../registry';

/** The SLA colour as a chip; a finished case or step has no clock, so no chip. */
export function SlaTag({ colour, ended }: { colour?: SlaColour; ended?: boolean }) {
  if (!colour || ended) return null;
  return (
    <span className={`sla sla-${colour}`} data-colour={colour}>
      {COLOUR_LABELS[colour]}
    </span>
  );
}

/** A due date; one counted over a year whose holiday notice is not loaded yet says so (暂定), and why. */
export function DueDate({ dueOn, provisional, ended }: { dueOn?: string; provisional?: boolean; ended?: boolean }) {
  if (!dueOn || ended) return null;
  if (!provisional) return <span className="due">{dueOn}</span>;
  return (
    <Tooltip title={PROVISIONAL_NOTE}>
      <span className="due provisional" data-provisional="true" title={PROVISIONAL_NOTE} tabIndex={0}>
        {dueOn}（暂定）
      </span>
    </Tooltip>
  );
}

const ENDED_BADLY = new Set(['refused', 'rejected', 'withdrawn', 'revoked']);

/** A case's status in its process's words; a refused, rejected or withdrawn case says so plainly. */
export function CaseStatusTag({ process, status }: { process: string; status: string }) {
  const registry = useRegistry();
  const ended = registry.ended(process, status);
  const tone = ENDED_BADLY.has(status) ? 'status-bad' : ended ? 'status-done' : status === 'awaiting-applicant' ? 'status-waiting' : 'status-open';
  return (
    <Tag className={`status ${tone}`} data-testid="case-status-tag" data-status={status}>
      {registry.statusName(process, status) || '—'}
    </Tag>
  );
}

export function StepStatusTag({ status }: { status: StepStatus }) {
  const tone = status === 'decided' ? 'status-done' : status === 'cancelled' ? 'status-muted' : status === 'waiting-applicant' ? 'status-waiting' : 'status-open';
  return (
    <Tag className={`status ${tone}`} data-step-status={status}>
      {STEP_STATUS_LABELS[status]}
    </Tag>
  );
}
