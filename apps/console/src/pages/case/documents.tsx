import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Space, Typography } from 'antd';
import { download } from '../../api/client';
import type { CaseView, DocumentView } from '../../api/views';
import { dateTime } from '../../format';
import { useRegistry } from '../../registry';

/**
 * The dated notices and documents of the case, each to download as its PDF (文号, QR code of its
 * public verification); the compliance bundle (一键下载) as one PDF.
 */
export function Documents({ c, notices }: { c: CaseView; notices: DocumentView[] }) {
  const registry = useRegistry();
  const { message } = App.useApp();
  const save = async (path: string, fallbackName: string) => {
    try {
      await download(path, fallbackName);
    } catch (error) {
      void message.error((error as Error).message);
    }
  };
  const pdf = (doc: DocumentView) => save(`/cases/${encodeURIComponent(c.id)}/documents/${encodeURIComponent(doc.id)}/pdf`, `${doc.title}.pdf`);
  const bundle = () => save(`/cases/${encodeURIComponent(c.id)}/compliance-bundle/pdf`, `合规证明-${c.details?.report?.code ?? ''}.pdf`);
  return (
    <Card title={<h2 className="card-title">通知与文书</h2>} className="block" size="small" data-testid="notices">
      <List
        size="small"
        dataSource={notices}
        locale={{ emptyText: '暂无通知与文书' }}
        renderItem={(doc) => (
          <List.Item
            actions={[
              <Button key="download" size="small" icon={<DownloadOutlined />} onClick={() => void pdf(doc)} aria-label={`下载 ${doc.title}（PDF）`}>
                下载 PDF
              </Button>,
            ]}
          >
            <List.Item.Meta title={doc.title} description={`${doc.number ? `${doc.number} · ` : ''}${registry.documentKindName(c.process, doc.kind)} · ${dateTime(doc.issuedAt)}${doc.body.provisional ? ' · 含暂定期限' : ''}`} />
          </List.Item>
        )}
      />
      {c.details?.report ? (
        <Space className="block-top" wrap>
          <Button type="primary" icon={<DownloadOutlined />} onClick={() => void bundle()} data-testid="bundle">
            一键下载合规证明（PDF）
          </Button>
          <Typography.Text>
            合规一码通 <b data-testid="compliance-code" data-verbatim>{c.details.report.code}</b>
          </Typography.Text>
        </Space>
      ) : null}
    </Card>
  );
}
