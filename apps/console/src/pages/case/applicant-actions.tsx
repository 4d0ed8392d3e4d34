import { Alert, App, Button, Card, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { CaseView, DocumentView, MaterialRequirementInfo } from '../../api/views';
import { clearErrorsOnChange } from '../../components/changed-fields';
import { showApiErrors } from '../../components/form-errors';
import { attachedNames, materialReferences, materialsErrorPath, type UploadedMaterial } from '../../components/material-values';
import { ConfirmFiles, MaterialsField } from '../../components/materials-field';
import { useRegistry } from '../../registry';
import { kindNames } from './filed-materials';
import { useSession } from '../../session';

/** The applicant's own actions: answer the correction notice (every item at once); withdraw, with a reason. */
export function ApplicantActions({ c, notices, decided, onDone }: { c: CaseView; notices: DocumentView[]; decided: boolean; onDone: () => void }) {
  const me = useSession()?.user;
  // What an answer may attach (补正材料, or a filing material supplied again): the process's list, GET /processes.
  const materials = useRegistry().byCode(c.process)?.materials?.correction ?? [];
  if (me?.role !== 'applicant') return null;
  const notice = [...notices].reverse().find((d) => d.kind === 'correction-notice');
  const items = Array.isArray(notice?.body.items) ? (notice.body.items as string[]) : [];
  return (
    <>
      {c.status === 'awaiting-applicant' && items.length ? <CorrectionForm caseId={c.id} process={c.process} materials={materials} items={items} noticeId={notice!.id} onDone={onDone} /> : null}
      {!decided ? <Withdraw caseId={c.id} onDone={onDone} /> : null}
    </>
  );
}

function CorrectionForm({
  caseId,
  process,
  materials,
  items,
  noticeId,
  onDone,
}: {
  caseId: string;
  process: string;
  materials: MaterialRequirementInfo[];
  items: string[];
  noticeId: string;
  onDone: () => void;
}) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { message, modal } = App.useApp();
  const send = async () => {
    const values = form.getFieldsValue() as { responses?: string[]; materials?: UploadedMaterial[] };
    const attached = materialReferences(values.materials);
    setBusy(true);
    setFormError(undefined);
    try {
      await api.post(`/cases/${encodeURIComponent(caseId)}/corrections`, {
        responses: items.map((item, i) => ({ item, response: values.responses?.[i] ?? '' })),
        ...(attached.length ? { materials: attached } : {}),
      });
      void message.success('补正材料已提交，审查继续');
      onDone();
    } catch (error) {
      setFormError(showApiErrors(form, error, (path) => (path[0] === 'responses' && typeof path[1] === 'number' ? ['responses', path[1]] : materialsErrorPath(path))));
    } finally {
      setBusy(false);
    }
  };
  const confirm = () => {
    const files = attachedNames(form.getFieldValue('materials') as UploadedMaterial[] | undefined, kindNames({ correction: materials }));
    void modal.confirm({
      title: '确认提交补正材料？',
      content: (
        <div>
          <ConfirmFiles caption="随补正提交的附件：" files={files} />
          <p>提交后审查将继续，本次补正不能再修改。</p>
        </div>
      ),
      okText: '提交',
      cancelText: '再看看',
      onOk: send,
    });
  };
  return (
    <Card title={<h2 className="card-title">补正材料（一次性告知）</h2>} className="block" size="small" data-testid="correction" key={noticeId}>
      <Form form={form} layout="vertical" onFinish={confirm} onValuesChange={clearErrorsOnChange(form)}>
        {items.map((item, i) => (
          <Form.Item key={item} name={['responses', i]} label={`${i + 1}. ${item}`} required>
            <Input.TextArea rows={2} placeholder="补正说明或材料编号" />
          </Form.Item>
        ))}
        {materials.length ? (
          <fieldset className="form-group" data-testid="correction-materials">
            <legend>补正材料（附件）</legend>
            <Form.Item name="materials" className="field field-materials">
              <MaterialsField process={process} materials={materials} />
            </Form.Item>
          </fieldset>
        ) : null}
        {formError ? <Alert type="error" showIcon title={formError} className="block" data-testid="form-error" /> : null}
        <Button type="primary" htmlType="submit" loading={busy}>
          提交补正
        </Button>
      </Form>
    </Card>
  );
}

function Withdraw({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { message } = App.useApp();
  const send = async () => {
    setBusy(true);
    setFormError(undefined);
    try {
      const reason = (form.getFieldValue('reason') as string | undefined)?.trim();
      await api.post(`/cases/${encodeURIComponent(caseId)}/withdraw`, reason ? { reason } : {});
      setOpen(false);
      void message.success('申请已撤回');
      onDone();
    } catch (error) {
      setFormError(showApiErrors(form, error, (path) => (path[0] === 'reason' ? ['reason'] : undefined)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="block">
      <Button danger onClick={() => setOpen(true)} data-testid="withdraw">
        撤回申请
      </Button>
      <Modal
        open={open}
        title="撤回申请"
        onCancel={() => setOpen(false)}
        destroyOnHidden
        footer={
          <Space>
            <Button onClick={() => setOpen(false)}>不撤回</Button>
            <Button danger type="primary" loading={busy} onClick={() => void send()} data-testid="confirm-withdraw">
              确认撤回
            </Button>
          </Space>
        }
      >
        <p>撤回后本申请终止办理，各部门的在办环节同时关闭；如需办理须重新申请。</p>
        <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)}>
          <Form.Item name="reason" label="撤回理由">
            <Input.TextArea rows={3} placeholder="例：企业经营计划调整，暂不申请" />
          </Form.Item>
          {formError ? <Alert type="error" showIcon title={formError} data-testid="form-error" /> : null}
        </Form>
      </Modal>
    </div>
  );
}
