import { App, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { DEPARTMENTS } from '../../../../libs/domain/departments';
import { api } from '../api/client';
import type { StepView } from '../api/views';
import { showApiErrors } from './form-errors';

type Dialog = { kind: 'urge' | 'reassign'; step: StepView } | { kind: 'extend'; caseId: string; title: string; stepId?: string };

/**
 * 督办, 改派 and 延长, from any list or case page: each a dialog with its own fields, the API's
 * messages beside them, and a note of what was done. `onDone` re-reads what the page shows.
 */
export function useSupervision(onDone: () => void, agenciesFor?: (step: StepView) => string[] | undefined) {
  const [dialog, setDialog] = useState<Dialog>();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { message } = App.useApp();

  const open = (next: Dialog) => {
    form.resetFields();
    setFormError(undefined);
    setDialog(next);
  };
  const close = () => setDialog(undefined);

  const submit = async () => {
    if (!dialog) return;
    const values = form.getFieldsValue() as Record<string, unknown>;
    setBusy(true);
    setFormError(undefined);
    try {
      if (dialog.kind === 'urge') await api.post(`/steps/${encodeURIComponent(dialog.step.id)}/urge`, { note: values.note ?? '' });
      if (dialog.kind === 'reassign') await api.post(`/steps/${encodeURIComponent(dialog.step.id)}/reassign`, { agency: values.agency, reason: values.reason ?? '' });
      if (dialog.kind === 'extend') await api.post(`/cases/${encodeURIComponent(dialog.caseId)}/extensions`, { clockId: dialog.stepId ?? 'case', days: values.days, reason: values.reason ?? '' });
      void message.success(dialog.kind === 'urge' ? '已督办' : dialog.kind === 'reassign' ? '已改派' : '已延长办理期限');
      close();
      onDone();
    } catch (error) {
      setFormError(showApiErrors(form, error, (path) => (['note', 'agency', 'reason', 'days'].includes(String(path[0])) ? [path[0]] : undefined)));
    } finally {
      setBusy(false);
    }
  };

  const agencies = dialog?.kind === 'reassign' ? (agenciesFor?.(dialog.step) ?? Object.keys(DEPARTMENTS)).filter((a) => a !== dialog.step.agency) : [];
  const title =
    dialog?.kind === 'urge' ? `督办：${dialog.step.name}` : dialog?.kind === 'reassign' ? `改派：${dialog.step.name}` : dialog?.kind === 'extend' ? `延长办理期限：${dialog.title}` : '';

  const modal = (
    <Modal
      open={Boolean(dialog)}
      title={title}
      onCancel={close}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="supervise-submit">
            {dialog?.kind === 'urge' ? '督办' : dialog?.kind === 'reassign' ? '改派' : '延长'}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" name="supervise" initialValues={{ days: 10 }}>
        {dialog?.kind === 'urge' ? (
          <Form.Item name="note" label="督办意见" required>
            <Input.TextArea rows={3} placeholder="例：请于本周内完成受理" />
          </Form.Item>
        ) : null}
        {dialog?.kind === 'reassign' ? (
          <>
            <Form.Item label="当前承办部门">{dialog.step.agencyName}</Form.Item>
            <Form.Item name="agency" label="改派至" required>
              <Select placeholder="选择承办部门" options={agencies.map((a) => ({ value: a, label: DEPARTMENTS[a as keyof typeof DEPARTMENTS] ?? a }))} />
            </Form.Item>
            <Form.Item name="reason" label="改派理由" required>
              <Input.TextArea rows={2} placeholder="例：职责调整" />
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
        {formError ? <div className="form-error-text" role="alert" data-testid="form-error">{formError}</div> : null}
      </Form>
    </Modal>
  );

  return {
    urge: (step: StepView) => open({ kind: 'urge', step }),
    reassign: (step: StepView) => open({ kind: 'reassign', step }),
    extend: (caseId: string, title: string, stepId?: string) => open({ kind: 'extend', caseId, title, stepId }),
    modal,
  };
}

/** The 督办 / 改派 / 延长 buttons of one open step, for any colour. */
export function SuperviseButtons({ step, supervision }: { step: StepView; supervision: ReturnType<typeof useSupervision> }) {
  const open = step.status === 'open' || step.status === 'claimed' || step.status === 'waiting-applicant';
  if (!open) return null;
  return (
    <Space size={4} wrap>
      <Button size="small" onClick={() => supervision.urge(step)} data-testid="urge">
        督办
      </Button>
      <Button size="small" onClick={() => supervision.reassign(step)} data-testid="reassign">
        改派
      </Button>
      <Button size="small" onClick={() => supervision.extend(step.caseId, step.name, step.id)} data-testid="extend">
        延长
      </Button>
    </Space>
  );
}
