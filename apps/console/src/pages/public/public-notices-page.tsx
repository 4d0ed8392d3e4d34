import { Alert, App, Button, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { enumLabel } from '../../../../../libs/i18n/labels';
import { api } from '../../api/client';
import { useResource } from '../../api/use-resource';
import type { PublicNotice } from '../../api/views';
import { clearErrorsOnChange } from '../../components/changed-fields';
import { showApiErrors } from '../../components/form-errors';
import { Loading, Page } from '../../components/page';
import { dateTime } from '../../format';
import { navigate } from '../../router';

/** 公示: enterprises proposed for certification, until when anyone may object, and the objection form. */
export function PublicNoticesPage({ objectTo }: { objectTo?: string }) {
  const { data, error } = useResource<PublicNotice[]>('/public-notices', { anonymous: true, watch: 10_000 });
  const notice = data?.find((n) => n.caseId === objectTo);
  return (
    <Page title="高新技术企业认定公示" testId="public-notices">
      <Typography.Paragraph type="secondary">公示期内，任何单位和个人对公示企业有异议的，可实名提出异议，并提供联系方式和事实依据。</Typography.Paragraph>
      {!data ? (
        <Loading error={error} />
      ) : (
        <Table<PublicNotice>
          data-testid="notices-list"
          rowKey="caseId"
          dataSource={data}
          locale={{ emptyText: '目前没有正在公示的企业' }}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: '企业名称', dataIndex: 'enterpriseName' },
            { title: '统一社会信用代码', dataIndex: 'creditCode', render: (v: string) => <span className="mono" data-verbatim>{v}</span> },
            { title: '技术领域', dataIndex: 'techField', render: (v?: string) => (v ? enumLabel('techField', v) : '') },
            { title: '公示截止', dataIndex: 'endsAt', render: (v?: string) => dateTime(v) },
            {
              title: '异议',
              key: 'object',
              render: (_, n) => (
                <Button size="small" href={`#/notices/${encodeURIComponent(n.caseId)}`} aria-label={`对${n.enterpriseName}提出异议`}>
                  提出异议
                </Button>
              ),
            },
          ]}
        />
      )}
      {objectTo && data ? <ObjectionForm caseId={objectTo} enterprise={notice?.enterpriseName} /> : null}
    </Page>
  );
}

function ObjectionForm({ caseId, enterprise }: { caseId: string; enterprise?: string }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { message } = App.useApp();
  const close = () => navigate('/notices');
  const send = async () => {
    const values = form.getFieldsValue() as Record<string, string | undefined>;
    setBusy(true);
    setFormError(undefined);
    try {
      await api.post(`/public-notices/${encodeURIComponent(caseId)}/objections`, { name: values.name?.trim() ?? '', contact: values.contact?.trim() ?? '', reason: values.reason?.trim() ?? '' }, { anonymous: true });
      void message.success('异议已提交，市科委将进行核查');
      close();
    } catch (error) {
      setFormError(showApiErrors(form, error, (p) => (['name', 'contact', 'reason'].includes(String(p[0])) ? [p[0]] : undefined)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`提出异议${enterprise ? `：${enterprise}` : ''}`}
      onCancel={close}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => void send()} data-testid="submit-objection">
            提交异议
          </Button>
        </Space>
      }
    >
      {!enterprise ? <Alert type="warning" showIcon title="该企业不在公示期内，异议可能不被受理。" className="block" /> : null}
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)}>
        <Form.Item name="name" label="异议人姓名或单位名称" required>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="contact" label="联系方式" required>
          <Input autoComplete="tel" />
        </Form.Item>
        <Form.Item name="reason" label="异议事实和理由" required>
          <Input.TextArea rows={4} />
        </Form.Item>
        {formError ? <Alert type="error" showIcon title={formError} data-testid="form-error" /> : null}
      </Form>
    </Modal>
  );
}
