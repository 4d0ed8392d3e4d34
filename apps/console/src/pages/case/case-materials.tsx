import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Typography } from 'antd';
import type { MaterialReference } from '../../../../../libs/domain/materials';
import { MATERIAL_KIND_LABELS, TIMELINE_ACTION_LABELS } from '../../../../../libs/i18n/labels';
import { download } from '../../api/client';
import type { CaseView } from '../../api/views';
import { dateTime } from '../../format';
import { useRegistry } from '../../registry';

interface Filed extends MaterialReference {
  /** Where it came in: the filing, a correction answer, a decision (its timeline action). */
  action: string;
  at: string;
}

/** Every file on the case's timeline (filing, correction answers, decisions), once each, in the order they came. */
function filedMaterials(c: CaseView): Filed[] {
  const seen = new Set<string>();
  const out: Filed[] = [];
  for (const entry of c.timeline) {
    const materials = entry.detail?.materials;
    if (!Array.isArray(materials)) continue;
    for (const m of materials as MaterialReference[]) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push({ ...m, action: entry.action, at: entry.at });
    }
  }
  return out;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * 申请材料 and the files of answers and decisions, each to download by whoever may see the case
 * (a personal document only by those who see the case's personal data whole: the API says so, and
 * every download is on its audit trail). The SHA-256 is shown so a file can be checked against it.
 */
export function CaseMaterials({ c }: { c: CaseView }) {
  const registry = useRegistry();
  const { message } = App.useApp();
  const filed = filedMaterials(c);
  if (!filed.length) return null;
  const names = Object.fromEntries((registry.processes.find((p) => p.code === c.process)?.materials?.filing ?? []).map((m) => [m.kind, m.name]));
  const save = async (m: Filed) => {
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
            actions={[
              <Button key="download" size="small" icon={<DownloadOutlined />} onClick={() => void save(m)} aria-label={`下载 ${m.name}`}>
                下载
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={`${names[m.kind] ?? MATERIAL_KIND_LABELS[m.kind] ?? '附件'} · ${m.name}`}
              description={
                <>
                  {TIMELINE_ACTION_LABELS[m.action] ?? ''} · {dateTime(m.at)} · {size(m.size)} ·{' '}
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
