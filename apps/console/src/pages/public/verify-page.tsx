import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, List, Typography, Upload, type DescriptionsProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { COMPLIANCE_STATUS_LABELS, REGISTER_KIND_LABELS, REGISTER_STATUS_LABELS, enumLabel } from '../../../../../libs/i18n/labels';
import { ApiError, api, postFile } from '../../api/client';
import type { CertificateAnswer, ComplianceAnswer, DocumentVerification, RegisterEntryView } from '../../api/views';
import { Page } from '../../components/page';
import { dateTime } from '../../format';
import { navigate } from '../../router';

type Found =
  | { kind: 'document'; body: DocumentVerification }
  | { kind: 'certificate'; body: CertificateAnswer }
  | { kind: 'compliance'; body: ComplianceAnswer }
  | { kind: 'entry'; body: RegisterEntryView };
type Outcome = { code: string; found?: Found; missing?: boolean; error?: string };

/** Looks a number up: a document's 文号, then in the public register a certificate, a 合规一码通 code, any other entry (a permit). */
async function lookUp(code: string): Promise<Found | undefined> {
  const document = await api.get<DocumentVerification>(`/verify?number=${encodeURIComponent(code)}`, { anonymous: true });
  if (document.result !== 'unknown') return { kind: 'document', body: document };
  const tries: Array<() => Promise<Found>> = [
    async () => ({ kind: 'certificate', body: await api.get<CertificateAnswer>(`/verify/certificates/${encodeURIComponent(code)}`, { anonymous: true }) }),
    async () => ({ kind: 'compliance', body: await api.get<ComplianceAnswer>(`/verify/compliance/${encodeURIComponent(code)}`, { anonymous: true }) }),
    async () => ({ kind: 'entry', body: await api.get<RegisterEntryView>(`/verify/permit/${encodeURIComponent(code)}`, { anonymous: true }) }),
  ];
  for (const attempt of tries) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
  }
  return undefined;
}

const status = (s: string) => (
  <b className={`register-${s}`} data-testid="verify-status" data-status={s}>
    {REGISTER_STATUS_LABELS[s as keyof typeof REGISTER_STATUS_LABELS] ?? s}
  </b>
);

/**
 * 公开查验, without login: a certificate number, a 合规一码通 code or a permit number, in any
 * case (numbers are printed in capitals); a blank query is told what to type.
 */
export function VerifyPage({ code }: { code?: string }) {
  const [form] = Form.useForm<{ code: string }>();
  const [outcome, setOutcome] = useState<Outcome>();
  const wanted = code?.trim().toUpperCase();

  useEffect(() => {
    if (!wanted) return;
    let stale = false;
    lookUp(wanted).then(
      (found) => !stale && setOutcome({ code: wanted, found, missing: !found }),
      (error: Error) => !stale && setOutcome({ code: wanted, error: error.message }),
    );
    return () => {
      stale = true;
    };
  }, [wanted]);

  const [uploaded, setUploaded] = useState<{ name: string; answer?: DocumentVerification; error?: string }>();
  const upload = async (file: File) => {
    setUploaded({ name: file.name });
    try {
      setUploaded({ name: file.name, answer: await postFile<DocumentVerification>('/verify', 'file', file, file.name) });
    } catch (error) {
      setUploaded({ name: file.name, error: (error as Error).message });
    }
  };
  const shown = outcome?.code === wanted ? outcome : undefined;
  const submit = ({ code: typed }: { code?: string }) => {
    const value = (typed ?? '').trim().toUpperCase();
    if (!value) {
      form.setFields([{ name: 'code', errors: ['请输入文号、证书编号、合规一码通或许可编号'] }]);
      return;
    }
    navigate(`/verify/${encodeURIComponent(value)}`);
  };

  return (
    <Page title="公开查验" testId="verify">
      <Card className="block">
        <Form form={form} layout="inline" onFinish={submit} initialValues={{ code: wanted ?? '' }} className="verify-form">
          <Form.Item name="code" label="文号 / 证书编号 / 合规一码通 / 许可编号" className="verify-input">
            <Input placeholder="例：京科〔2026〕12号 或 GR20261100001" autoComplete="off" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查验
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card className="block" title={<h2 className="card-title">上传文书 PDF 核验</h2>} size="small">
        <Upload
          accept="application/pdf,.pdf"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="verify-upload">
            选择 PDF 文件
          </Button>
        </Upload>
        <Typography.Paragraph type="secondary" className="block-top">
          文件与出具时的原件逐字节比对（SHA-256），改动任何一个字节都无法通过核验。
        </Typography.Paragraph>
        {uploaded && !uploaded.answer && !uploaded.error ? <Alert type="info" title={`正在核验 ${uploaded.name}…`} /> : null}
        {uploaded?.error ? <Alert type="error" showIcon title={uploaded.error} data-testid="verify-file-result" /> : null}
        {uploaded?.answer ? <DocumentResult answer={uploaded.answer} testId="verify-file-result" /> : null}
      </Card>
      {wanted && !shown ? <Alert type="info" title="查询中…" /> : null}
      {shown?.error ? <Alert type="error" showIcon title={shown.error} data-testid="verify-result" /> : null}
      {shown?.missing ? <Alert type="warning" showIcon title={`未查到编号为 ${shown.code} 的文书、证书、合规证明或许可，请核对后重试。`} data-testid="verify-result" /> : null}
      {shown?.found ? <Result found={shown.found} /> : null}
    </Page>
  );
}

const VERDICT_TYPES = { genuine: 'success', revoked: 'error', unknown: 'warning' } as const;

/** A document's verification: the answer in Chinese, and what it is — never whose personal data. */
function DocumentResult({ answer, testId }: { answer: DocumentVerification; testId: string }) {
  const d = answer.document;
  return (
    <div data-testid={testId} data-result={answer.result}>
      <Alert type={VERDICT_TYPES[answer.result]} showIcon title={answer.message} />
      {d ? (
        <Descriptions
          className="block-top"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'number', label: '文号', children: <span data-verbatim>{d.number}</span> },
            { key: 'title', label: '文书', children: d.title },
            { key: 'kind', label: '文书类别', children: d.kindName },
            { key: 'agency', label: '出具机关', children: d.agencyName },
            { key: 'issued', label: '出具日期', children: d.issuedOn },
            { key: 'holder', label: '企业名称', children: d.enterpriseName },
            ...(answer.result === 'revoked' ? [{ key: 'revoked', label: '撤销', children: `${d.revokedOn ?? ''} ${d.revokedReason ?? ''}`.trim() || '已撤销' }] : []),
          ]}
        />
      ) : null}
    </div>
  );
}

/** A register entry found by its number: what it is, its state, whom it was issued to. */
function RegisterCard({ title, items, children }: { title: string; items: NonNullable<DescriptionsProps['items']>; children?: ReactNode }) {
  return (
    <Card title={<h2 className="card-title">{title}</h2>} data-testid="verify-result">
      <Descriptions column={{ xs: 1, md: 2 }} items={items} />
      {children}
    </Card>
  );
}

/** The first rows of every entry: its number (as printed, never re-cased) and its state. */
const heading = (label: string, number: string, state: string) => [
  { key: 'number', label, children: <span data-verbatim>{number}</span> },
  { key: 'status', label: '状态', children: status(state) },
];

/** The enterprise an entry names, by name and credit code. */
const enterprise = (name: string, creditCode: string) => [
  { key: 'holder', label: '企业名称', children: name },
  { key: 'credit', label: '统一社会信用代码', children: <span data-verbatim>{creditCode}</span> },
];

function Result({ found }: { found: Found }) {
  if (found.kind === 'document') {
    return (
      <Card title={<h2 className="card-title">{found.body.document?.title ?? '文书核验'}</h2>} data-testid="verify-result">
        <DocumentResult answer={found.body} testId="verify-document" />
      </Card>
    );
  }
  if (found.kind === 'certificate') {
    const c = found.body;
    return (
      <RegisterCard
        title="高新技术企业证书"
        items={[
          ...heading('证书编号', c.number, c.status),
          ...enterprise(c.enterpriseName, c.creditCode),
          { key: 'field', label: '技术领域', children: enumLabel('techField', c.techField) },
          { key: 'valid', label: '有效期', children: `${c.issuedOn} 至 ${c.validUntil ?? ''}` },
          ...(c.revokedReason ? [{ key: 'revoked', label: '撤销原因', children: `${c.revokedOn ?? ''} ${c.revokedReason}` }] : []),
        ]}
      />
    );
  }
  if (found.kind === 'compliance') {
    const r = found.body;
    return (
      <RegisterCard
        title="企业上市合规证明（合规一码通）"
        items={[
          ...heading('合规一码通', r.code, r.status),
          ...enterprise(r.enterpriseName, r.creditCode),
          { key: 'issued', label: '出具时间', children: dateTime(r.issuedAt) },
        ]}
      >
        <List
          size="small"
          header="各部门合规查询结果"
          dataSource={r.results}
          renderItem={(e) => (
            <List.Item>
              {e.department}：{COMPLIANCE_STATUS_LABELS[e.result] ?? e.result}
              {e.conclusion ? `（${e.conclusion}）` : ''}
            </List.Item>
          )}
        />
      </RegisterCard>
    );
  }
  const e = found.body;
  return (
    <RegisterCard
      title={e.title || REGISTER_KIND_LABELS[e.kind]}
      items={[
        ...heading('编号', e.number, e.status),
        { key: 'issuer', label: '签发部门', children: e.issuerName },
        { key: 'holder', label: '用人单位', children: e.holder.name },
        { key: 'valid', label: '有效期', children: `${e.validFrom ?? e.issuedOn} 至 ${e.validUntil ?? ''}` },
      ]}
    />
  );
}
