import { Alert, App, Button, Card, Col, Row, Typography } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS } from '../../../../libs/i18n/labels';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import type { Actor, Role } from '../api/views';
import { Loading, Page } from '../components/page';
import { navigate } from '../router';
import { session } from '../session';

const ROLES: Role[] = ['applicant', 'agency', 'expert', 'supervisor'];

/** Where a login may send someone back to: a page of this console, never elsewhere. */
const safeNext = (next: string | undefined) => (next && next.startsWith('/') && !next.startsWith('/login') ? next : '/');

/**
 * Development login: the seeded demo users by role; a click signs in and goes back to the page
 * that asked for it (a case link opened in a new tab lands on that case).
 */
export function LoginPage({ next }: { next?: string }) {
  const { data: users, error } = useResource<Actor[]>('/auth/dev-users', { anonymous: true });
  const [busy, setBusy] = useState<string>();
  const { message } = App.useApp();
  const login = async (userId: string) => {
    setBusy(userId);
    try {
      const { token, user } = await api.post<{ token: string; user: Actor }>('/auth/dev-login', { userId }, { anonymous: true });
      session.start(token, user);
      navigate(safeNext(next), { replace: true });
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Page title="登录" testId="login">
      {next && next !== '/' ? <Alert type="info" showIcon title="请先登录，登录后将回到您打开的页面。" className="block" /> : null}
      {error?.status === 404 ? (
        <Alert type="info" showIcon title="本环境不提供演示用户，请通过统一身份认证登录。" />
      ) : !users ? (
        <Loading error={error} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">开发环境演示用户：选择一位用户登录。</Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {ROLES.map((role) => (
              <Col xs={24} md={12} xl={6} key={role}>
                <Card title={ROLE_LABELS[role]} size="small">
                  <div className="user-list">
                    {users
                      .filter((u) => u.role === role)
                      .map((u) => (
                        <Button key={u.userId} block data-testid={`login-${u.userId}`} loading={busy === u.userId} onClick={() => void login(u.userId)}>
                          {u.name}
                        </Button>
                      ))}
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}
      <Typography.Paragraph className="block">
        <a href="#/verify">证书与合规一码通公开查验</a> · <a href="#/notices">高新技术企业认定公示</a>
      </Typography.Paragraph>
    </Page>
  );
}
