import { Button, Progress, Tag, Typography, Upload, type UploadProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { session } from '../session';
import type { MaterialRequirementInfo } from '../api/views';
import type { UploadedMaterial } from './material-values';

export type { UploadedMaterial } from './material-values';

type UploadRequestOption = Parameters<NonNullable<UploadProps['customRequest']>>[0];

const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' };
const EXTENSIONS: Record<string, string> = { 'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg,.jpeg' };

/**
 * POST /materials with progress: fetch has no upload progress, XMLHttpRequest does. The kind and
 * process go before the file, so the API holds it to that material's types and size as it streams.
 */
function send(process: string, kind: string, options: UploadRequestOption): void {
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/materials');
  const token = session.get()?.token;
  if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
  xhr.setRequestHeader('accept-language', 'zh-CN');
  xhr.upload.onprogress = (event) => {
    if (event.lengthComputable) options.onProgress?.({ percent: Math.round((event.loaded / event.total) * 100) });
  };
  xhr.onload = () => {
    let body: { message?: string } & Record<string, unknown> = {};
    try {
      body = JSON.parse(xhr.responseText) as typeof body;
    } catch {
      // not JSON
    }
    if (xhr.status === 201) options.onSuccess?.(body);
    else options.onError?.(Object.assign(new Error(body.message ?? `上传未能完成（${xhr.status}）`), { status: xhr.status, method: 'POST' as const, url: '/materials' }));
  };
  xhr.onerror = () => options.onError?.(Object.assign(new Error('无法连接服务器，请检查网络后重试'), { status: 0, method: 'POST' as const, url: '/materials' }));
  const form = new FormData();
  form.append('process', process);
  form.append('kind', kind);
  form.append('file', options.file as Blob, (options.file as File).name);
  xhr.send(form);
}

/**
 * An upload control per material the process names (GET /processes: materials.filing, .correction
 * or .decision, whichever the form sends), each
 * showing its progress, the API's refusal in its words, and the SHA-256 of what was stored.
 * Generic: it reads the list, it never names a process or a material.
 */
export function MaterialsField({
  process,
  materials,
  value = [],
  onChange,
  id,
}: {
  process: string;
  materials: MaterialRequirementInfo[];
  value?: UploadedMaterial[];
  onChange?: (value: UploadedMaterial[]) => void;
  id?: string;
}) {
  const [progress, setProgress] = useState<Record<string, number | undefined>>({});
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  // The list as last changed, not as it was when an upload began: two uploads finishing close
  // together would otherwise each add themselves to the old list, and the first would be lost.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  const change = (next: UploadedMaterial[]) => {
    latest.current = next;
    onChange?.(next);
  };
  return (
    <div className="materials" id={id} role="group">
      {materials.map((m) => {
        const mine = value.filter((v) => v.kind === m.kind);
        return (
          <div key={m.kind} className="material-row" data-testid={`material-${m.kind}`}>
            <div className="material-name">
              {m.name}
              {m.required ? '' : '（选填）'}
              <Typography.Text type="secondary" className="material-rule">
                {' '}
                {m.contentTypes.map((t) => TYPE_NAMES[t] ?? t).join('、')}，不超过 {Math.floor(m.maxBytes / 1024 / 1024)} MB{m.personal ? '；个人证件，仅申请人和承办部门可查看' : ''}
                {m.internal ? '；内部材料，申请人不可见' : ''}
              </Typography.Text>
            </div>
            <Upload
              accept={m.contentTypes.map((t) => EXTENSIONS[t] ?? '').join(',')}
              showUploadList={false}
              customRequest={(options) => {
                setErrors((e) => ({ ...e, [m.kind]: undefined }));
                setProgress((p) => ({ ...p, [m.kind]: 0 }));
                send(process, m.kind, {
                  ...options,
                  onProgress: (event) => setProgress((p) => ({ ...p, [m.kind]: event?.percent })),
                  onSuccess: (body) => {
                    setProgress((p) => ({ ...p, [m.kind]: undefined }));
                    const uploaded = body as UploadedMaterial;
                    change([...latest.current, { kind: m.kind, id: uploaded.id, name: uploaded.name, sha256: uploaded.sha256 }]);
                  },
                  onError: (error) => {
                    setProgress((p) => ({ ...p, [m.kind]: undefined }));
                    setErrors((e) => ({ ...e, [m.kind]: error instanceof Error ? error.message : '上传未能完成' }));
                  },
                });
              }}
            >
              <Button size="small" aria-label={`上传${m.name}`}>
                上传
              </Button>
            </Upload>
            {progress[m.kind] !== undefined ? <Progress percent={progress[m.kind]} size="small" className="material-progress" /> : null}
            {errors[m.kind] ? (
              <Typography.Text type="danger" role="alert" className="material-error">
                {errors[m.kind]}
              </Typography.Text>
            ) : null}
            {mine.map((f) => (
              <Tag key={f.id} closable onClose={() => change(latest.current.filter((v) => v.id !== f.id))} className="material-file" title={`SHA-256 ${f.sha256}`}>
                {f.name}
              </Tag>
            ))}
          </div>
        );
      })}
    </div>
  );
}

/** The files an action sends, named in its confirmation dialog (nothing when there are none). */
export function ConfirmFiles({ caption, files }: { caption: string; files: string[] }) {
  if (!files.length) return null;
  return (
    <>
      <p>{caption}</p>
      <ul data-testid="confirm-materials">
        {files.map((f, i) => (
          <li key={i}>{f}</li>
        ))}
      </ul>
    </>
  );
}
