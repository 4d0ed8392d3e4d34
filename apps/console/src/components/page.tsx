import { Alert, Skeleton, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import type { ApiError } from '../api/client';

/** A page's title (also the document's), what it is about, and its content. */
export function Page({ title, extra, children, testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  const text = typeof title === 'string' ? title : undefined;
  useEffect(() => {
    if (text) document.title = `${text} · 北京市企业服务审批平台`;
  }, [text]);
  return (
    <section className="page" data-testid={testId}>
      <div className="page-head">
        <Typography.Title level={1} className="page-title">
          {title}
        </Typography.Title>
        {extra ? <div className="page-extra">{extra}</div> : null}
      </div>
      {children}
    </section>
  );
}

/** What a read is waiting for or failed with, in the API's words. */
export function Loading({ error, rows = 4 }: { error?: ApiError; rows?: number }) {
  if (error) return <Alert type="error" showIcon title={error.message} role="alert" data-testid="load-error" />;
  return <Skeleton active paragraph={{ rows }} />;
}
