import {
  BRANCH_KIND_LABELS,
  DECISION_LABELS,
  PAUSE_REASON_LABELS,
  ROLE_LABELS,
  SUBSIDY_LEVEL_LABELS,
  SYSTEM_ACTOR_LABELS,
  TIMELINE_ACTION_LABELS,
  departmentLabel,
  fieldLabel,
} from '../../../../libs/i18n/labels';
import type { StepDecisionKind, TimelineEntry } from '../api/views';
import { dateTime, yuan } from '../format';

/* Each timeline entry as a line of Chinese: kept apart from the component, so it is tested without a DOM. */

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined);

/** Who wrote the entry, in words: a department, the system's clock, or a person by role and department. */
export function actorOf(entry: TimelineEntry): string {
  if (SYSTEM_ACTOR_LABELS[entry.actor]) return entry.agency && entry.actor === 'system' ? `${departmentLabel(entry.agency)}（系统）` : SYSTEM_ACTOR_LABELS[entry.actor];
  if (entry.role === 'system') return departmentLabel(entry.agency ?? entry.actor);
  if (entry.role === 'agency') return `${departmentLabel(entry.agency)}`;
  return ROLE_LABELS[entry.role] ?? '';
}

/** The files an entry attached, by name (three at most, then how many): the 申请材料与附件 card has them all. */
function attachedFiles(detail: Record<string, unknown>): string {
  const names = (Array.isArray(detail.materials) ? (detail.materials as Array<{ name?: unknown }>) : []).map((m) => text(m?.name)).filter((n): n is string => !!n);
  if (!names.length) return '';
  return names.length > 3 ? `${names.slice(0, 3).join('、')} 等 ${names.length} 份` : names.join('、');
}

/** The particulars an action's detail adds, in words. */
function particulars(entry: TimelineEntry, opts: { blind: boolean }): string {
  const d = entry.detail ?? {};
  const files = attachedFiles(d);
  return `${actionParticulars(entry, d, opts)}${files ? `（附件：${files}）` : ''}`;
}

/** An answer to a correction notice: each item's written answer when the entry carries them, else how many items it answered. */
function correctionAnswer(d: Record<string, unknown>): string {
  const responses = Array.isArray(d.responses) ? (d.responses as Array<{ item?: unknown; response?: unknown }>).filter((r) => text(r?.response)) : [];
  if (responses.length) return `：${responses.map((r) => (text(r.item) ? `${text(r.item)}——${text(r.response)}` : text(r.response))).join('；')}`;
  return typeof d.items === 'number' && d.items > 0 ? `（答复 ${d.items} 项补正事项）` : '';
}

function actionParticulars(entry: TimelineEntry, d: Record<string, unknown>, opts: { blind: boolean }): string {
  const step = text(d.step) ? `「${text(d.step)}」` : '';
  switch (entry.action) {
    case 'step-opened':
    case 'step-claimed':
    case 'step-cancelled':
    case 'urged':
      return step;
    case 'step-released':
      return d.takenBack ? `：电子监察收回${step}${text(d.holder) ? `（原认领人 ${text(d.holder)}）` : ''}` : step;
    case 'step-reopened':
      return `${step}${typeof d.round === 'number' ? `（第${d.round}轮）` : ''}`;
    case 'step-decided':
      return `${step}：${DECISION_LABELS[d.decision as StepDecisionKind] ?? ''}${Array.isArray(d.correctionItems) && d.correctionItems.length ? `（补正事项：${d.correctionItems.join('；')}）` : ''}`;
    case 'reassigned':
      return `${text(d.renamedFrom) ? `「${text(d.renamedFrom)}」` : step}由${departmentLabel(text(d.from))}改派至${departmentLabel(text(d.to))}${text(d.renamedFrom) ? `，更名为${step}` : ''}${text(d.assignee) ? `（${text(d.assignee)}）` : ''}`;
    case 'correction-requested':
      return Array.isArray(d.items) ? `：${d.items.join('；')}` : '';
    case 'correction-answered':
      return correctionAnswer(d);
    case 'clock-extended':
      return `：${text(d.clock) ?? ''}延长${text(d.days) ?? ''}个工作日${text(d.dueOn) ? `，截止 ${text(d.dueOn)}${d.provisional ? '（暂定）' : ''}` : ''}`;
    case 'excluded-period-started':
      return `：${PAUSE_REASON_LABELS[d.kind as keyof typeof PAUSE_REASON_LABELS] ?? ''}${text(d.expectedDays) ? `，预计${text(d.expectedDays)}个工作日` : ''}`;
    case 'due-date-moved':
      return `：${text(d.clock) ?? text(d.label) ?? ''}${text(d.from) ? ` ${text(d.from)} → ${text(d.to)}` : ''}`;
    case 'expert-scored':
      return typeof d.scored === 'number' ? `（已评 ${d.scored}/${text(d.of)}）${!opts.blind && typeof d.score === 'number' ? `：${d.score} 分` : ''}` : '';
    case 'expert-review-completed':
      return typeof d.average === 'number' ? `：平均 ${d.average.toFixed(1)} 分，${d.passed ? '通过' : '未通过'}` : '';
    case 'certificate-issued':
    case 'certificate-revoked':
      return text(d.number) ? `：${text(d.number)}` : '';
    case 'work-permit-issued':
    case 'residence-permit-issued':
      return text(d.number) ? `：${text(d.number)}${text(d.validUntil) ? `（有效期至 ${text(d.validUntil)}）` : ''}` : '';
    case 'compliance-answered':
      return `：${text(d.department) ?? ''}${typeof d.findings === 'number' ? (d.findings ? `，${d.findings} 条记录` : '，无记录') : ''}`;
    case 'compliance-report-issued':
      return text(d.code) ? `：${text(d.code)}` : '';
    case 'compliance-queries-sent':
      return typeof d.departments === 'number' ? `：${d.departments} 个部门` : '';
    case 'subsidy-granted':
      return `：${SUBSIDY_LEVEL_LABELS[text(d.level) ?? ''] ?? ''}${yuan(typeof d.amountYuan === 'number' ? d.amountYuan : undefined)}`;
    case 'branch-granted':
      return `：${BRANCH_KIND_LABELS[text(d.branch) ?? ''] ?? ''}`;
    case 'spot-check-drawn':
      return typeof d.percent === 'number' ? `（抽查比例 ${d.percent}%）` : '';
    default:
      return '';
  }
}

/**
 * Entries whose department or person is not who acted but whom the action concerns: the system
 * received a department's data or the applicant's files, and told a department. Said from the
 * system's side, naming that party in the sentence ("收到市市场监管局共享数据：企业登记信息").
 */
function receivedOrTold(entry: TimelineEntry): { what: string; reasonInLine: boolean } | undefined {
  const d = entry.detail ?? {};
  switch (entry.action) {
    case 'shared-data-received':
      return { what: `收到${departmentLabel(entry.agency ?? entry.actor)}共享数据：${fieldLabel(text(d.what) ?? '')}${d.found === false ? '（无记录）' : ''}`, reasonInLine: false };
    case 'notified':
      return { what: `已告知${departmentLabel(entry.agency ?? entry.actor)}${entry.reason ? `：${entry.reason}` : ''}`, reasonInLine: true };
    case 'materials-received': {
      const files = attachedFiles(d);
      return { what: `收到${ROLE_LABELS[entry.role] ?? '申请人'}提交的申请材料${files ? `（附件）：${files}` : ''}`, reasonInLine: false };
    }
    default:
      return undefined;
  }
}

/** One entry as a sentence: when, who, what, why. */
export function describe(entry: TimelineEntry, opts = { blind: false }): { when: string; who: string; what: string; why?: string } {
  const hideReason = opts.blind && entry.action === 'expert-scored';
  const passive = receivedOrTold(entry);
  if (passive) return { when: dateTime(entry.at), who: SYSTEM_ACTOR_LABELS.system, what: passive.what, why: passive.reasonInLine ? undefined : entry.reason };
  return {
    when: dateTime(entry.at),
    who: actorOf(entry),
    what: `${TIMELINE_ACTION_LABELS[entry.action] ?? '办理'}${particulars(entry, opts)}`,
    why: hideReason ? undefined : entry.reason,
  };
}

