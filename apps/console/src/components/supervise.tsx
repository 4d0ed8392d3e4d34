import { App, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { DEPARTMENTS } from '../../../../libs/domain/departments';
import { ApiError, api } from '../api/client';
import type { ReassignOptions, SupervisedStep } from '../api/views';
import { clearErrorsOnChange } from './changed-fields';
import { showApiErrors } from './form-errors';

type Dialog = { kind: 'urge' | 'reassign' | 'take-back'; step: SupervisedStep } | { kind: 'extend'; caseId: string; title: string; stepId?: string };

const TITLES = { urge: '督办', reassign: '改派', 'take-back': '收回', extend: '延长办理期限' } as const;
const FIELDS = ['note', 'agency', 'reason', 'days'];

/** The departments a step may be reassigned to: those competent for its kind, as the API says. */
async function competentAgencies(step: SupervisedStep): Promise<Array<{ code: string; name: string }>> {
  try {
    return (await api.get<ReassignOptions>(`/steps/${encodeURIComponent(step.id)}/reassign-options`)).agencies;
  } catch (error) {
    // An API that does not say (before reassign-options) lets the supervisor choose any department; it still refuses the wrong ones.
    if (error instanceof ApiError && error.status === 404 && !error.body?.code) return Object.entries(DEPARTMENTS).filter(([code]) => code !== step.agency).map(([code, name]) => ({ code, name }));
    throw error;
  }
}

/**
 * 督办, 改派, 收回 and 延长, from any list or case page: each a dialog with its own fields, the
 * API's messages beside them, and a note of what was done. `onDone` re-reads what the page shows.
 */
export function useSupervision(onDone: () => void) {
  const [dialog, setDialog] = useState<Dialog>();
  const [agencies, setAgencies] = useState<Array<{ code: string; name: string }>>();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { message } = App.useApp();

  const open = (next: Dialog) => {
    form.resetFields();
    setFormError(undefined);
    setAgencies(undefined);
    setDialog(next);
    if (next.kind === 'reassign') {
      competentAgencies(next.step).then(setAgencies, (error: Error) => setFormError(error.message));
    }
  };
  const close = () => setDialog(undefined);

  const submit = async () => {
    if (!dialog) return;
    const values = form.getFieldsValue() as { note?: string; agency?: string; reason?: string; days?: number };
    setBusy(true);
    setFormError(undefined);
    try {
      if (dialog.kind === 'urge') await api.post(`/steps/${encodeURIComponent(dialog.step.id)}/urge`, { note: values.note?.trim() ?? '' });
      if (dialog.kind === 'reassign') await api.post(`/steps/${encodeURIComponent(dialog.step.id)}/reassign`, { agency: values.agency, reason: values.reason?.trim() ?? '' });
      if (dialog.kind === 'take-back') await api.post(`/steps/${encodeURIComponent(dialog.step.id)}/release`, values.reason?.trim() ? { reason: values.reason.trim() } : {});
      if (dialog.kind === 'extend') await api.post(`/cases/${encodeURIComponent(dialog.caseId)}/extensions`, { clockId: dialog.stepId ?? 'case', days: values.days, reason: values.reason?.trim() ?? '' });
      void message.success(dialog.kind === 'urge' ? '已督办' : dialog.kind === 'reassign' ? '已改派' : dialog.kind === 'take-back' ? '已收回，环节回到部门待办' : '已延长办理期限');
      close();
      onDone();
    } catch (error) {
      setFormError(showApiErrors(form, error, (path) => (FIELDS.includes(String(path[0])) ? [path[0]] : undefined)));
    } finally {
      setBusy(false);
    }
  };

  const subject = dialog ? ('step' in dialog ? dialog.step.name : dialog.title) : '';
  const modal = (
    <Modal
      open={Boolean(dialog)}
      title={dialog ? `${TITLES[dialog.kind]}：${subject}` : ''}
      onCancel={close}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="supervise-submit">
            {dialog ? TITLES[dialog.kind].slice(0, 2) : ''}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" name="supervise" initialValues={{ days: 10 }} onValuesChange={clearErrorsOnChange(form)}>
        {dialog?.kind === 'urge' ? (
          <Form.Item name="note" label="督办意见" required>
            <Input.TextArea rows={3} placeholder="例：请于本周内办结" />
          </Form.Item>
        ) : null}
        {dialog?.kind === 'reassign' ? (
          <>
            <Form.Item label="当前承办部门">{dialog.step.agencyName}</Form.Item>
            <Form.Item name="agency" label="改派至" required extra="只列出可办理此类环节的部门">
              <Select placeholder="选择承办部门" loading={!agencies} options={(agencies ?? []).map((a) => ({ value: a.code, label: a.name }))} notFoundContent="没有其他可办理此类环节的部门" />
            </Form.Item>
            <Form.Item name="reason" label="改派理由" required>
              <Input.TextArea rows={2} placeholder="例：职责调整" />
            </Form.Item>
          </>
        ) : null}
        {dialog?.kind === 'take-back' ? (
          <>
            <p>{dialog.step.holder ? `收回 ${dialog.step.holder.name} 认领的环节，由${dialog.step.agencyName}重新认领办理。` : '该环节未被认领。'}</p>
            <Form.Item name="reason" label="收回理由">
              <Input.TextArea rows={2} placeholder="例：认领人休假，改由他人办理" />
            </Form.Item>
          </>
        ) : null}
        {dialog?.kind === 'extend' ? (
          <>
            <Form.Item name="days" label="延长工作日" required>
              <InputNumber className="full-width" controls={false} />
            </Form.Item>
            <Form.Item name="reason" label="理由（将告知申请人）" required>
              <Input.TextArea rows={2} placeholder="例：需组织专家论证，经负责人批准延长" />
            </Form.Item>
          </>
        ) : null}
        {formError ? (
          <div className="form-error-text" role="alert" data-testid="form-error">
            {formError}
          </div>
        ) : null}
      </Form>
    </Modal>
  );

  return {
    urge: (step: SupervisedStep) => open({ kind: 'urge', step }),
    reassign: (step: SupervisedStep) => open({ kind: 'reassign', step }),
    takeBack: (step: SupervisedStep) => open({ kind: 'take-back', step }),
    extend: (caseId: string, title: string, stepId?: string) => open({ kind: 'extend', caseId, title, stepId }),
    modal,
  };
}

/** The 督办 / 改派 / 延长 (and 收回, when someone holds it) buttons of one open step, for any colour. */
export function SuperviseButtons({ step, supervision }: { step: SupervisedStep; supervision: ReturnType<typeof useSupervision> }) {
  const open = step.status === 'open' || step.status === 'claimed' || step.status === 'waiting-applicant';
  if (!open) return null;
  return (
    <Space size={4} wrap>
      <Button size="small" onClick={() => supervision.urge(step)} data-testid="urge" aria-label={`督办：${step.name}`}>
        督办
      </Button>
      <Button size="small" onClick={() => supervision.reassign(step)} data-testid="reassign" aria-label={`改派：${step.name}`}>
        改派
      </Button>
      <Button size="small" onClick={() => supervision.extend(step.caseId, step.name, step.id)} data-testid="extend" aria-label={`延长：${step.name}`}>
        延长
      </Button>
      {step.holder ? (
        <Button size="small" onClick={() => supervision.takeBack(step)} data-testid="take-back" aria-label={`收回：${step.name}`}>
          收回
        </Button>
      ) : null}
    </Space>
  );
}
