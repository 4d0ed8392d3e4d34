import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { ROLE_LABELS } from '../../../libs/i18n/labels';
import type { Role } from './api/views';
import { ReadinessBanner } from './components/readiness-banner';
import { useScrollableRegions } from './components/scrollable-regions';
import { personLabel } from './person-label';
import { useRoute } from './router';
import { Routes } from './routes';
import { signOut } from './oidc';
import { useSession } from './session';

interface NavItem {
  key: string;
  label: string;
  href: string;
}

/** What each role works with every day, in the order they use it. */
function navFor(role: Role | undefined): NavItem[] {
  const publicPages = [
    { key: 'notices', label: '公示公告', href: '#/notices' },
    { key: 'verify', label: '公开查验', href: '#/verify' },
  ];
  switch (role) {
    case 'applicant':
      return [{ key: 'home', label: '我的申请', href: '#/' }, { key: 'new', label: '新申请', href: '#/new' }, ...publicPages];
    case 'agency':
      return [
        { key: 'home', label: '待办', href: '#/' },
        { key: 'done', label: '已办', href: '#/worklist/done' },
        { key: 'mine', label: '我的', href: '#/worklist/mine' },
        ...publicPages,
      ];
    case 'expert':
      return [{ key: 'home', label: '待评审', href: '#/' }, ...publicPages];
    case 'supervisor':
      return [
        { key: 'home', label: '监察总览', href: '#/' },
        { key: 'cases', label: '案件查询', href: '#/supervision/cases' },
        { key: 'steps', label: '环节督办', href: '#/supervision/steps' },
        // Steps escalated to 电子监察 (the timeline's 提交电子监察); the page has the same title.
        { key: 'escalations', label: '已提交电子监察', href: '#/supervision/escalations' },
        ...publicPages,
      ];
    default:
      return [{ key: 'login', label: '登录', href: '#/login' }, ...publicPages];
  }
}

/** The nav entry the current page belongs to. */
function selectedKey(segments: string[]): string {
  const [first, second] = segments;
  if (!first) return 'home';
  if (first === 'worklist') return second ?? 'home';
  // 超期环节 is a tab of 环节督办.
  if (first === 'supervision') return second === 'overdue' ? 'steps' : (second ?? 'home');
  return first;
}

export function Shell() {
  const signedIn = useSession();
  const route = useRoute();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  useScrollableRegions();
  const nav = navFor(signedIn?.user.role);
  const narrow = !screens.md;
  const menuItems = nav.map((item) => ({ key: item.key, label: <a href={item.href}>{item.label}</a> }));
  const who = signedIn ? (
    <Space size={8} wrap className="who">
      <span>
        {ROLE_LABELS[signedIn.user.role]}：{personLabel(signedIn.user)}
      </span>
      <Button
        size="small"
        data-testid="sign-out"
        onClick={() => void signOut()}
      >
        退出
      </Button>
    </Space>
  ) : null;

  let menu: ReactNode;
  if (narrow) {
    menu = (
      <>
        <Button type="text" className="nav-toggle" icon={<MenuOutlined />} aria-label="打开导航菜单" onClick={() => setDrawer(true)} />
        <Drawer title="导航" placement="right" size={280} open={drawer} onClose={() => setDrawer(false)}>
          <Menu mode="vertical" selectedKeys={[selectedKey(route.segments)]} items={menuItems} onClick={() => setDrawer(false)} />
          {who}
        </Drawer>
      </>
    );
  } else {
    menu = (
      <>
        <Menu className="nav" mode="horizontal" theme="dark" selectedKeys={[selectedKey(route.segments)]} items={menuItems} disabledOverflow />
        {who}
      </>
    );
  }

  return (
    <Layout className="shell">
      <Layout.Header className="header">
        <a className="brand" href="#/">
          {narrow ? '企业服务审批' : '北京市企业服务审批平台'}
        </a>
        <nav aria-label="主导航" className="nav-wrap">
          {menu}
        </nav>
      </Layout.Header>
      <Layout.Content className="content">
        <ReadinessBanner />
        <main id="view" data-route={route.segments[0] ?? 'home'}>
          <Routes />
        </main>
      </Layout.Content>
      <Layout.Footer className="footer">
        <Typography.Text type="secondary">北京市企业服务审批平台 · 企业事项网上办理与电子监察</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
