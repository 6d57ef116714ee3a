import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { roles, type Role } from '../../core/auth/roles.ts';
import { api } from '../api/client.ts';
import type { UserView } from '../api/types.ts';
import { useUser } from '../auth/session-context.tsx';
import { ActiveBadge } from '../org/unit-status.tsx';
import { useErrorFeedback } from '../shell/error-feedback.ts';
import { formatDateTime, formatNumber } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { ResetPasswordModal } from './reset-password-modal.tsx';
import { UserFormDrawer } from './user-form-drawer.tsx';

/** 账号管理 (system administrator only; the server refuses everyone else). */
export function UsersPage() {
  const me = useUser();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const users = useLoader(() => api.users.list(), []);
  const [filter, setFilter] = useState('');
  const [roleFilter, setRoleFilter] = useState<Role | undefined>();
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);

  // No role check here: the server decides, and a refusal is shown in its own words.
  if (users.error) {
    return <div className="page"><PageHeader title={t('users.title')} /><LoadFailed error={users.error} onRetry={() => void users.reload()} /></div>;
  }

  const toggle = async (user: UserView) => {
    try {
      await api.users.update(user.id, { active: !user.active, version: user.version });
      void message.success(user.active ? t('users.disabled') : t('users.enabled'));
      await users.reload();
    } catch (error) {
      report(error, { onReload: () => void users.reload() });
    }
  };

  const needle = filter.trim().toLowerCase();
  const rows = (users.data ?? [])
    .filter((u) => !roleFilter || u.role === roleFilter)
    .filter((u) => !needle || u.username.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle));

  const columns: TableColumnsType<UserView> = [
    { title: t('users.username'), dataIndex: 'username', width: 130, render: (name: string) => <span className="mono">{name}</span> },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 120 },
    { title: t('users.role'), dataIndex: 'role', width: 140, render: (r: Role) => <Tag>{t(`roles.${r}`)}</Tag> },
    { title: t('users.unit'), dataIndex: 'unitName', render: (name: string | null, u) => (name && u.unitId ? <Link to={`/units/${u.unitId}`}>{name}</Link> : '—') },
    {
      title: t('common.status'), dataIndex: 'active', width: 160,
      render: (a: boolean, u) => <Space size={4}><ActiveBadge active={a} />{u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}</Space>,
    },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (at: string) => formatDateTime(at) },
    {
      title: t('common.actions'), key: 'actions', width: 190, className: 'no-print',
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setEditing(u)}>{t('common.edit')}</Button>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setResetting(u)}>{t('users.resetPassword')}</Button>
          {u.id !== me.id && (
            <Popconfirm title={u.active ? t('users.disable') : t('users.enable')}
              description={<div style={{ maxWidth: 280 }}>{u.active ? t('users.disableConfirm', { name: u.displayName }) : t('users.enableConfirm', { name: u.displayName })}</div>}
              okText={t('common.confirm')} cancelText={t('common.cancel')} okButtonProps={{ danger: u.active }} onConfirm={() => toggle(u)}>
              <Button type="link" size="small" danger={u.active} style={{ paddingInline: 4 }}>{u.active ? t('users.disable') : t('users.enable')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="page">
      <PageHeader title={t('users.title')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('users.create')}</Button>} />
      <Card size="small" className="filter-card no-print">
        <Space wrap>
          <Input allowClear placeholder={t('users.searchPlaceholder')} value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: 240 }} />
          <Select allowClear placeholder={t('users.role')} value={roleFilter} onChange={(r?: Role) => setRoleFilter(r)} style={{ width: 170 }}
            options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          <Typography.Text type="secondary">{t('common.total', { n: formatNumber(rows.length) })}</Typography.Text>
        </Space>
      </Card>
      <Table<UserView> rowKey="id" size="small" bordered className="dense-table" loading={users.loading} columns={columns}
        dataSource={rows} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="users-table" />
      <UserFormDrawer open={editing !== null} user={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void users.reload(); }} />
      <ResetPasswordModal user={resetting} onClose={() => { setResetting(null); void users.reload(); }} />
    </div>
  );
}
