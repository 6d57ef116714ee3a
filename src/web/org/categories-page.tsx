import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Form, Input, Popconfirm, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client.ts';
import type { CategoryView } from '../api/types.ts';
import { may } from '../auth/permissions.ts';
import { useUser } from '../auth/session-context.tsx';
import { useErrorFeedback } from '../shell/error-feedback.ts';
import { formatNumber } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { ActiveBadge } from './unit-status.tsx';

/** 考核类别: units are ranked only within their category. */
export function CategoriesPage() {
  const user = useUser();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const categories = useLoader(() => api.categories.list(), []);
  const [editing, setEditing] = useState<CategoryView | 'new' | null>(null);
  const canManage = may.manageCategories(user);

  const toggle = async (category: CategoryView) => {
    try {
      await api.categories.update(category.id, { active: !category.active, version: category.version });
      void message.success(t('categories.saved'));
      await categories.reload();
    } catch (error) {
      report(error, { onReload: () => void categories.reload() });
    }
  };

  const columns: TableColumnsType<CategoryView> = [
    { title: t('common.code'), dataIndex: 'code', width: 100 },
    { title: t('common.name'), dataIndex: 'name', width: 160 },
    { title: t('common.description'), dataIndex: 'description' },
    {
      title: t('categories.unitCount'), dataIndex: 'unitCount', width: 100, align: 'right',
      render: (n: number, c) => (may.listAllUnits(user) ? <Link to={`/units?category=${c.id}`}>{formatNumber(n)}</Link> : formatNumber(n)),
    },
    { title: t('common.status'), dataIndex: 'active', width: 90, render: (a: boolean) => <ActiveBadge active={a} /> },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 130, className: 'no-print',
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setEditing(c)}>{t('common.edit')}</Button>
          <Popconfirm
            title={c.active ? t('common.inactive') : t('common.active')}
            description={<div style={{ maxWidth: 280 }}>{c.active ? t('categories.deactivateConfirm', { name: c.name }) : t('categories.activateConfirm', { name: c.name })}</div>}
            okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => toggle(c)}>
            <Button type="link" size="small" danger={c.active} style={{ paddingInline: 4 }}>{c.active ? t('units.deactivate') : t('units.activate')}</Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <div className="page">
      <PageHeader title={t('categories.title')} subtitle={t('categories.intro')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('categories.create')}</Button>} />
      {categories.error ? <LoadFailed error={categories.error} onRetry={() => void categories.reload()} /> : (
        <Table<CategoryView> rowKey="id" size="small" bordered className="dense-table" loading={categories.loading} columns={columns}
          dataSource={categories.data ?? []} pagination={false} data-testid="categories-table" />
      )}
      <CategoryDrawer open={editing !== null} category={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void categories.reload(); }} />
    </div>
  );
}

interface Values { code: string; name: string; description?: string }

function CategoryDrawer({ open, category, onClose, onSaved }: { open: boolean; category?: CategoryView; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (category) form.setFieldsValue({ code: category.code, name: category.name, description: category.description });
  }, [open, category, form]);

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      if (category) await api.categories.update(category.id, { name: values.name, description: values.description ?? '', version: category.version });
      else await api.categories.create({ code: values.code, name: values.name, description: values.description ?? '' });
      void message.success(t('categories.saved'));
      onSaved();
    } catch (error) {
      report(error, { form, onReload: () => { onClose(); onSaved(); } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} size={460} destroyOnHidden forceRender
      title={category ? `${t('categories.editTitle')}：${category.name}` : t('categories.createTitle')}
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>{t('common.save')}</Button></Space>}>
      <Form<Values> form={form} name="category" layout="vertical" onFinish={submit}>
        <Form.Item name="code" label={t('common.code')} extra={category ? undefined : t('units.codeHelp')} rules={[{ required: true, whitespace: true, message: t('categories.codeRequired') }]}>
          <Input disabled={Boolean(category)} maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('categories.nameRequired') }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="description" label={t('common.description')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
      {category && <Typography.Text type="secondary">{t('categories.unitCount')}: {formatNumber(category.unitCount)}</Typography.Text>}
    </Drawer>
  );
}
