import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Space, Typography } from 'antd';
import { api } from '../../api/client';
import type { CaseView, DocumentView } from '../../api/views';
import { dateTime } from '../../format';
import { useRegistry } from '../../registry';

/** Saves a JSON answer as a file, named as people would file it. */
function save(name: string, body: unknown) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** The dated notices and documents of the case, each to download; the compliance bundle (一键下载). */
export function Documents({ c, notices }: { c: CaseView; notices: DocumentView[] }) {
  const registry = useRegistry();
  const { message } = App.useApp();
  const download = async (doc: DocumentView) => {
    try {
      save(`${doc.title}-${dateTime(doc.issuedAt).slice(0, 10)}.json`, await api.get(`/cases/${encodeURIComponent(c.id)}/documents/${encodeURIComponent(doc.id)}`));
    } catch (error) {
      void message.error((error as Error).message);
    }
  };
  const bundle = async () => {
    try {
      const body = await api.get<{ code?: string }>(`/cases/${encodeURIComponent(c.id)}/compliance-bundle`);
      save(`合规证明-${body.code ?? c.details?.report?.code ?? ''}.json`, body);
    } catch (error) {
      void message.error((error as Error).message);
    }
  };
  return (
    <Card title={<h2 className="card-title">通知与文书</h2>} className="block" size="small" data-testid="notices">
      <List
        size="small"
        dataSource={notices}
        locale={{ emptyText: '暂无通知与文书' }}
        renderItem={(doc) => (
          <List.Item
            actions={[
              <Button key="download" size="small" icon={<DownloadOutlined />} onClick={() => void download(doc)} aria-label={`下载 ${doc.title}`}>
                下载
              </Button>,
            ]}
          >
            <List.Item.Meta title={doc.title} description={`${registry.documentKindName(c.process, doc.kind)} · ${dateTime(doc.issuedAt)}${doc.body.provisional ? ' · 含暂定期限' : ''}`} />
          </List.Item>
        )}
      />
      {c.details?.report ? (
        <Space className="block-top" wrap>
          <Button type="primary" icon={<DownloadOutlined />} onClick={() => void bundle()} data-testid="bundle">
            一键下载合规证明
          </Button>
          <Typography.Text>
            合规一码通 <b data-testid="compliance-code" data-verbatim>{c.details.report.code}</b>
          </Typography.Text>
        </Space>
      ) : null}
    </Card>
  );
}
