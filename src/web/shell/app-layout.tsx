import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Layout, Menu, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { may } from '../auth/permissions.ts';
import { useSession, useUser } from '../auth/session-context.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { useAssessmentNavItems } from '../assessment/assessment-nav.tsx';
import { navItems, selectedNavKey } from './nav-items.tsx';
import { Brand } from './brand.tsx';

const { Header, Sider, Content } = Layout;

export function AppLayout({ children }: { children?: ReactNode }) {
  const user = useUser();
  const { logout } = useSession();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const assessmentItems = useAssessmentNavItems(user);

  const userMenu = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
      { type: 'divider' as const },
      { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), danger: true },
    ],
    onClick: async ({ key }: { key: string }) => {
      if (key === 'password') navigate('/password');
      if (key === 'logout') {
        await logout();
        void message.success(t('user.loggedOut'));
        navigate('/login', { replace: true });
      }
    },
  };

  return (
    <Layout className="app-frame">
      <Header className="app-header">
        <Brand />
        <div className="app-header-right">
          {may.isReadOnly(user) && <Tag color="gold" className="no-print">{t('common.readOnly')}</Tag>}
          <LanguageSwitch light />
          <Dropdown menu={userMenu} trigger={['click']}>
            <Button type="text" className="user-button" aria-label={t('user.menu')} data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.25)' }} />
              <span className="user-name">{user.displayName}</span>
              <span className="user-role">{t(`roles.${user.role}`)}</span>
              <DownOutlined style={{ fontSize: 10 }} />
            </Button>
          </Dropdown>
        </div>
      </Header>
      <Layout>
        <Sider width={208} theme="light" className="app-sider no-print" breakpoint="lg" collapsedWidth={0}>
          <Menu
            mode="inline"
            items={navItems(user, t, assessmentItems)}
            selectedKeys={[selectedNavKey(location.pathname, user)]}
            onClick={({ key }) => navigate(key)}
            style={{ borderInlineEnd: 0 }}
          />
        </Sider>
        <Content className="app-content">
          {children ?? <Outlet />}
        </Content>
      </Layout>
      <Typography.Text type="secondary" className="app-footer no-print">{t('app.fullName')}</Typography.Text>
    </Layout>
  );
}
