import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Tag, Typography } from 'antd';
import { download } from '../../api/client';
import type { CaseView } from '../../api/views';
import { dateTime } from '../../format';
import { useRegistry } from '../../registry';
import { useSession } from '../../session';
import { filedMaterials, kindNames, mayDownload, SOURCE_TAGS, type FiledMaterial, type MaterialSource } from './filed-materials';

const SOURCE_COLOURS: Record<MaterialSource, string> = { filing: 'blue', correction: 'orange', decision: 'purple', other: 'default' };

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * 申请材料 and the files of answers and decisions, each to download by whoever may see the case
 * (a personal document only by those who see the case's personal data whole: to anyone else it is
 * listed, with why it is not offered; every download is on its audit trail). The SHA-256 is shown so a file can be checked against it.
 */
export function CaseMaterials({ c }: { c: CaseView }) {
  const registry = useRegistry();
  const role = useSession()?.user.role;
  const { message } = App.useApp();
  const filed = filedMaterials(c.timeline);
  if (!filed.length) return null;
  const requirements = registry.byCode(c.process)?.materials;
  const names = kindNames(requirements);
  const save = async (m: FiledMaterial) => {
    try {
      await download(`/materials/${encodeURIComponent(m.id)}`, m.name);
    } catch (error) {
      void message.error((error as Error).message);
    }
  };
  return (
    <Card title={<h2 className="card-title">申请材料与附件</h2>} className="block" size="small" data-testid="materials">
      <List
        size="small"
        dataSource={filed}
        renderItem={(m) => (
          <List.Item
            data-material={m.id}
            data-source={m.source}
            actions={[
              mayDownload(m.kind, role, requirements) ? (
                <Button key="download" size="small" icon={<DownloadOutlined />} onClick={() => void save(m)} aria-label={`下载 ${m.name}`}>
                  下载
                </Button>
              ) : (
                // The API refuses it (403): said here, not offered and then refused.
                <Typography.Text key="personal" type="secondary" data-testid="personal-file" title="个人证件仅申请人和承办部门可查看">
                  个人证件，不予下载
                </Typography.Text>
              ),
            ]}
          >
            <List.Item.Meta
              title={
                <>
                  <Tag color={SOURCE_COLOURS[m.source]} className="material-source">
                    {SOURCE_TAGS[m.source]}
                  </Tag>
                  {`${names[m.kind] ?? '附件'} · `}
                  <span data-verbatim>{m.name}</span>
                </>
              }
              description={
                <>
                  {m.from ? `${m.from} · ` : ''}
                  {dateTime(m.at)} · {size(m.size)} ·{' '}
                  <Typography.Text code data-verbatim title={m.sha256}>
                    SHA-256 {m.sha256.slice(0, 16)}…
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
