import { Alert, App, Button, Card, Col, Divider, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ROLE_LABELS } from '../../../../libs/i18n/labels';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import type { Actor, Role } from '../api/views';
import { Loading, Page } from '../components/page';
import { safeNext, signInAtProvider, signInConfig, signInFailure, type SignInConfig } from '../oidc';
import { personLabel } from '../person-label';
import { navigate } from '../router';
import { session } from '../session';

const ROLES: Role[] = ['applicant', 'agency', 'expert', 'supervisor'];

/**
 * Sign-in: through the OpenID provider (统一身份认证, authorization code with PKCE), coming back
 * to the page that asked for it (a case link opened in a new tab lands on that case). In
 * development the demo users also sign in with one click (the API's dev-login, for scripts
 * and quick demos); production has no such shortcut.
 */
export function LoginPage({ next }: { next?: string }) {
  const [config, setConfig] = useState<SignInConfig>();
  const [configError, setConfigError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const { message } = App.useApp();
  useEffect(() => {
    signInConfig().then(setConfig, (e: Error) => setConfigError(e.message));
  }, []);
  const provider = async () => {
    setBusy('provider');
    try {
      await signInAtProvider(safeNext(next));
    } catch (e) {
      void message.error(`无法连接统一身份认证：${(e as Error).message}`);
      setBusy(undefined);
    }
  };
  const devLogin = async (userId: string) => {
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
      {signInFailure ? <Alert type="error" showIcon title={signInFailure} className="block" /> : null}
      {next && next !== '/' ? <Alert type="info" showIcon title="请先登录，登录后将回到您打开的页面。" className="block" /> : null}
      <Card size="small" className="block">
        <Typography.Paragraph>企业、部门经办人、评审专家和电子监察人员均通过统一身份认证登录。</Typography.Paragraph>
        {configError ? <Alert type="error" showIcon title={configError} /> : null}
        <Button type="primary" size="large" data-testid="sign-in" disabled={!config} loading={busy === 'provider'} onClick={() => void provider()}>
          统一身份认证登录
        </Button>
      </Card>
      {config?.devLogin ? <DevLogin busy={busy} onLogin={(userId) => void devLogin(userId)} /> : null}
      <Typography.Paragraph className="block">
        <a href="#/verify">证书与合规一码通公开查验</a> · <a href="#/notices">高新技术企业认定公示</a>
      </Typography.Paragraph>
    </Page>
  );
}

/** Development only: the seeded demo users by role, one click each. */
function DevLogin({ busy, onLogin }: { busy?: string; onLogin: (userId: string) => void }) {
  const { data: users, error } = useResource<Actor[]>('/auth/dev-users', { anonymous: true });
  if (error?.status === 404) return null;
  return (
    <>
      <Divider plain>开发环境快捷登录</Divider>
      {!users ? (
        <Loading error={error} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">开发环境演示用户：选择一位用户直接登录（生产环境没有此入口）。</Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {ROLES.map((role) => (
              <Col xs={24} md={12} xl={6} key={role}>
                <Card title={ROLE_LABELS[role]} size="small">
                  <div className="user-list">
                    {users
                      .filter((u) => u.role === role)
                      .map((u) => (
                        <Button key={u.userId} block data-testid={`login-${u.userId}`} loading={busy === u.userId} onClick={() => onLogin(u.userId)}>
                          {personLabel(u)}
                        </Button>
                      ))}
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}
    </>
  );
}
