import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { DECISIONS_ASKING_CORRECTION, DECISIONS_NEEDING_REASON, type StepDecisionKind } from '../../../../../libs/domain/step-decisions';
import { DECISION_LABELS, fieldLabel } from '../../../../../libs/i18n/labels';
import { api } from '../../api/client';
import type { CaseView, StepView } from '../../api/views';
import { clearErrorsOnChange } from '../../components/changed-fields';
import { showApiErrors } from '../../components/form-errors';
import { attachedNames, materialReferences, materialsErrorPath, type UploadedMaterial } from '../../components/material-values';
import { ConfirmFiles, MaterialsField } from '../../components/materials-field';
import { yuan } from '../../format';
import { useRegistry } from '../../registry';
import { useSession } from '../../session';
import { kindNames } from './filed-materials';

const isOpen = (s: StepView) => s.status === 'open' || s.status === 'claimed';

/**
 * What the signed-in official may do on this case, one card per step: claim it, then decide it
 * (each decision with only its own fields, confirmed before it is sent); name a liaison; grant
 * a subsidy; or, as an expert on its panel, score it.
 */
export function StepPanels({ c, onDone }: { c: CaseView; onDone: () => void }) {
  const me = useSession()?.user;
  if (!me) return null;
  const mine =
    me.role === 'agency'
      ? c.steps.filter((s) => isOpen(s) && s.agency === me.agency && (s.allowed.length > 0 || s.kind === 'liaison' || s.kind === 'subsidy'))
      : me.role === 'expert'
        ? c.steps.filter((s) => isOpen(s) && s.panel?.members.some((m) => m.userId === me.userId) && !s.panel.scores.some((x) => x.userId === me.userId))
        : [];
  return (
    <>
      {mine.map((step) => (
        <Card key={step.id} className="block step-panel" size="small" title={<h2 className="card-title">办理：{step.name}</h2>} data-step-panel={step.name}>
          {me.role === 'expert' ? <ScoreForm step={step} onDone={onDone} /> : <AgencyStep step={step} c={c} onDone={onDone} />}
        </Card>
      ))}
    </>
  );
}

function AgencyStep({ step, c, onDone }: { step: StepView; c: CaseView; onDone: () => void }) {
  const me = useSession()?.user;
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const claim = async () => {
    setBusy(true);
    try {
      await api.post(`/steps/${encodeURIComponent(step.id)}/claim`);
      void message.success('已认领，请办理');
      onDone();
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (step.status === 'open' && !step.assignee) {
    return (
      <Space direction="vertical">
        <Typography.Text>认领后由您办理，其他人员不能同时办理此环节。</Typography.Text>
        <Button type="primary" loading={busy} onClick={() => void claim()} data-testid="claim">
          认领
        </Button>
      </Space>
    );
  }
  if (step.assignee && step.assignee.userId !== me?.userId) {
    return <Alert type="info" showIcon title={`此环节已由 ${step.assignee.name} 认领办理`} description="认领人办理或取消认领前，您不能办理此环节；如需接手，请认领人取消认领或由电子监察收回。" data-testid="held-by-other" />;
  }
  const release = async () => {
    setBusy(true);
    try {
      await api.post(`/steps/${encodeURIComponent(step.id)}/release`, {});
      void message.success('已取消认领，环节回到本部门待办');
      onDone();
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const held = step.assignee ? (
    <div className="held-by-me">
      <Typography.Text>您已认领此环节。</Typography.Text>
      <Button size="small" loading={busy} onClick={() => void release()} data-testid="release">
        取消认领
      </Button>
    </div>
  ) : null;
  const form =
    step.kind === 'liaison' ? (
      <SimpleForm step={step} path="liaison" fields={[['name', '对接专员姓名'], ['phone', '联系电话']]} submit="指定专人" onDone={onDone} />
    ) : step.kind === 'subsidy' ? (
      <SubsidyForm step={step} c={c} onDone={onDone} />
    ) : step.allowed.length ? (
      <DecisionForm step={step} process={c.process} onDone={onDone} />
    ) : (
      <Typography.Text type="secondary">此环节无需您作出决定。</Typography.Text>
    );
  return (
    <>
      {held}
      {form}
    </>
  );
}

/** One decision: chosen first (nothing preselected), then only its own fields, then confirmed. */
function DecisionForm({ step, process, onDone }: { step: StepView; process: string; onDone: () => void }) {
  // What a decision may attach (专家意见, 现场核查记录, 决定附件): the process's list, GET /processes.
  const materials = useRegistry().byCode(process)?.materials?.decision ?? [];
  const [form] = Form.useForm();
  const decision = Form.useWatch<StepDecisionKind | undefined>('decision', form);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { message, modal } = App.useApp();
  const needsReason = decision ? DECISIONS_NEEDING_REASON.includes(decision) : false;
  const asksCorrection = decision ? DECISIONS_ASKING_CORRECTION.includes(decision) : false;
  const reasonLabel = decision === 'accept' || decision === 'approve' ? '审查意见' : decision === 'request-correction' || decision === 'return' ? '补正原因' : '理由';

  const send = async () => {
    const values = form.getFieldsValue() as { decision: StepDecisionKind; reason?: string; correctionItems?: string[]; materials?: UploadedMaterial[] };
    const attached = materialReferences(values.materials);
    setBusy(true);
    setFormError(undefined);
    try {
      await api.post(`/steps/${encodeURIComponent(step.id)}/decision`, {
        decision: values.decision,
        ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
        ...(asksCorrection ? { correctionItems: (values.correctionItems ?? []).map((i) => (i ?? '').trim()) } : {}),
        ...(attached.length ? { materials: attached } : {}),
      });
      void message.success(`已${DECISION_LABELS[values.decision]}`);
      onDone();
    } catch (error) {
      setFormError(
        showApiErrors(form, error, (path) =>
          ['decision', 'reason'].includes(String(path[0])) ? [path[0]] : path[0] === 'correctionItems' ? (typeof path[1] === 'number' ? ['correctionItems', path[1]] : ['correctionItems']) : materialsErrorPath(path),
        ),
      );
    } finally {
      setBusy(false);
    }
  };

  const confirm = () => {
    const values = form.getFieldsValue() as { decision?: StepDecisionKind; reason?: string; correctionItems?: string[]; materials?: UploadedMaterial[] };
    const files = attachedNames(values.materials, kindNames({ decision: materials }));
    if (!values.decision) {
      form.setFields([{ name: 'decision', errors: ['请选择决定'] }]);
      return;
    }
    void modal.confirm({
      title: `确认对「${step.name}」作出决定：${DECISION_LABELS[values.decision]}？`,
      content: (
        <div>
          {values.reason ? <p>{`${reasonLabel}：${values.reason}`}</p> : null}
          {asksCorrection && values.correctionItems?.length ? (
            <ol>
              {values.correctionItems.map((item, i) => (
                <li key={i}>{item}</li>
              ))}
            </ol>
          ) : null}
          <ConfirmFiles caption="附件：" files={files} />
          <p>决定作出后将通知申请人，不能撤回。</p>
        </div>
      ),
      okText: '确认',
      cancelText: '返回修改',
      onOk: send,
    });
  };

  return (
    <Form form={form} layout="vertical" onFinish={confirm} onValuesChange={clearErrorsOnChange(form)} data-testid="decision-form" initialValues={{ correctionItems: [''] }}>
      <Form.Item name="decision" label="决定" required>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={step.allowed.map((d) => ({ value: d, label: DECISION_LABELS[d] }))}
          onChange={() => form.setFields([{ name: 'decision', errors: [] }])}
        />
      </Form.Item>
      {decision && decision !== 'accept' ? (
        <Form.Item name="reason" label={`${reasonLabel}${needsReason ? '' : '（选填）'}`} required={needsReason}>
          <Input.TextArea rows={3} />
        </Form.Item>
      ) : null}
      {asksCorrection ? (
        <Form.List name="correctionItems">
          {(items, { add, remove }) => (
            <Form.Item label="补正事项（一次性告知全部事项）" required>
              {items.map((item, i) => (
                <Space key={item.key} className="correction-item" align="start">
                  <Form.Item name={item.name} noStyle>
                    <Input aria-label={`补正事项 ${i + 1}`} placeholder={`补正事项 ${i + 1}`} className="correction-input" />
                  </Form.Item>
                  {items.length > 1 ? (
                    <Button onClick={() => remove(item.name)} aria-label={`删除补正事项 ${i + 1}`}>
                      删除
                    </Button>
                  ) : null}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add('')}>
                增加一项
              </Button>
            </Form.Item>
          )}
        </Form.List>
      ) : null}
      {decision && materials.length ? (
        <fieldset className="form-group" data-testid="decision-materials">
          <legend>附件（选填）</legend>
          <Form.Item name="materials" className="field field-materials">
            <MaterialsField process={process} materials={materials} />
          </Form.Item>
        </fieldset>
      ) : null}
      {formError ? <Alert type="error" showIcon title={formError} className="block" data-testid="form-error" /> : null}
      <Button type="primary" htmlType="submit" loading={busy} disabled={!decision} data-testid="submit-decision">
        提交决定
      </Button>
    </Form>
  );
}

/** A step whose answer is a few plain fields (the liaison's name and phone). */
function SimpleForm({ step, path, fields, submit, extra, onDone }: { step: StepView; path: string; fields: Array<[string, string]>; submit: string; extra?: ReactNode; onDone: () => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { message, modal } = App.useApp();
  const send = async () => {
    const values = form.getFieldsValue() as Record<string, string>;
    setBusy(true);
    setFormError(undefined);
    try {
      await api.post(`/steps/${encodeURIComponent(step.id)}/${path}`, Object.fromEntries(fields.map(([name]) => [name, values[name]?.trim() ?? ''])));
      void message.success(`已${submit}`);
      onDone();
    } catch (error) {
      setFormError(showApiErrors(form, error, (p) => (fields.some(([name]) => name === p[0]) ? [p[0]] : undefined)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={() => void modal.confirm({ title: `确认${submit}？`, okText: '确认', cancelText: '返回修改', onOk: send })}>
      {fields.map(([name, label]) => (
        <Form.Item key={name} name={name} label={label} required>
          <Input autoComplete="off" />
        </Form.Item>
      ))}
      {extra}
      {formError ? <Alert type="error" showIcon title={formError} className="block" data-testid="form-error" /> : null}
      <Button type="primary" htmlType="submit" loading={busy}>
        {submit}
      </Button>
    </Form>
  );
}

/** A subsidy: the amount, with the municipal ceiling in force beside it (GET /processes). */
function SubsidyForm({ step, c, onDone }: { step: StepView; c: CaseView; onDone: () => void }) {
  const registry = useRegistry();
  const ceiling = registry.byCode(c.process)?.options.find((o) => o.option === 'maxMunicipalSubsidyYuan')?.value;
  const municipal = c.details?.subsidies?.find((s) => s.level === 'municipal');
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { message, modal } = App.useApp();
  const send = async () => {
    setBusy(true);
    setFormError(undefined);
    try {
      await api.post(`/steps/${encodeURIComponent(step.id)}/subsidy`, { amountYuan: form.getFieldValue('amountYuan') as number });
      void message.success('补贴已拨付');
      onDone();
    } catch (error) {
      setFormError(showApiErrors(form, error, (p) => (p[0] === 'amountYuan' ? ['amountYuan'] : undefined)));
    } finally {
      setBusy(false);
    }
  };
  const hint = step.agency === 'finance' && ceiling ? `市级补贴最高 ${yuan(ceiling)}` : municipal ? `不低于市级补贴 ${yuan(municipal.amountYuan)}` : undefined;
  return (
    <Form form={form} layout="vertical" onFinish={() => void modal.confirm({ title: `确认拨付 ${yuan(form.getFieldValue('amountYuan') as number)}？`, okText: '确认', cancelText: '返回修改', onOk: send })}>
      <Form.Item name="amountYuan" label={fieldLabel('amountYuan')} required extra={hint} data-testid="subsidy-amount">
        <InputNumber className="full-width" controls={false} />
      </Form.Item>
      {formError ? <Alert type="error" showIcon title={formError} className="block" data-testid="form-error" /> : null}
      <Button type="primary" htmlType="submit" loading={busy}>
        拨付补贴
      </Button>
    </Form>
  );
}

/** An expert's own score and opinion; the others' stay hidden until the panel closes. */
function ScoreForm({ step, onDone }: { step: StepView; onDone: () => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { message, modal } = App.useApp();
  const send = async () => {
    const values = form.getFieldsValue() as { score?: number; opinion?: string };
    setBusy(true);
    setFormError(undefined);
    try {
      await api.post(`/steps/${encodeURIComponent(step.id)}/score`, { score: values.score, opinion: values.opinion?.trim() ?? '' });
      void message.success('评分已提交');
      onDone();
    } catch (error) {
      setFormError(showApiErrors(form, error, (p) => (['score', 'opinion'].includes(String(p[0])) ? [p[0]] : undefined)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="score-form"
      onFinish={() => void modal.confirm({ title: `确认提交评分：${String(form.getFieldValue('score') ?? '')} 分？`, content: '评分提交后不能修改；专家组评审结束前其他专家的评分不公开。', okText: '提交', cancelText: '返回修改', onOk: send })}
    >
      <Typography.Paragraph type="secondary">独立评分：评审结束前您看不到其他专家的评分和意见。</Typography.Paragraph>
      <Form.Item name="score" label="评分（0–100）" required>
        <InputNumber className="full-width" controls={false} />
      </Form.Item>
      <Form.Item name="opinion" label="评审意见" required>
        <Input.TextArea rows={3} />
      </Form.Item>
      {formError ? <Alert type="error" showIcon title={formError} className="block" data-testid="form-error" /> : null}
      <Button type="primary" htmlType="submit" loading={busy}>
        提交评分
      </Button>
    </Form>
  );
}
