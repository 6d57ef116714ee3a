import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { ContactView } from '../api/types.ts';
import { useErrorFeedback } from '../shell/error-feedback.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { ContactFormModal } from './contact-form-modal.tsx';
import { ActiveBadge } from './unit-status.tsx';

/** A unit's contact people; editable by the organisation's managers and the unit's own reporter. */
export function ContactsPanel({ unitId, editable, onChanged }: { unitId: string; editable: boolean; onChanged?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const contacts = useLoader(() => api.contacts.list(unitId), [unitId]);
  const [editing, setEditing] = useState<ContactView | 'new' | null>(null);

  if (contacts.error) return <LoadFailed error={contacts.error} onRetry={() => void contacts.reload()} />;

  const toggle = async (contact: ContactView) => {
    try {
      await api.contacts.update(contact.id, { active: !contact.active, version: contact.version });
      void message.success(t('contacts.saved'));
      await contacts.reload();
      onChanged?.();
    } catch (error) {
      report(error, { onReload: () => void contacts.reload() });
    }
  };

  const columns: TableColumnsType<ContactView> = [
    { title: t('contacts.name'), dataIndex: 'name', width: 110 },
    { title: t('contacts.title'), dataIndex: 'title' },
    { title: t('contacts.phone'), dataIndex: 'phone', width: 150 },
    { title: t('contacts.email'), dataIndex: 'email' },
    { title: t('common.status'), dataIndex: 'active', width: 90, render: (a: boolean) => <ActiveBadge active={a} /> },
  ];
  if (editable) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 130, className: 'no-print',
      render: (_, contact) => (
        <Space size={0}>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setEditing(contact)}>{t('common.edit')}</Button>
          <Popconfirm title={contact.active ? t('contacts.deactivate') : t('contacts.activate')} okText={t('common.confirm')} cancelText={t('common.cancel')}
            onConfirm={() => toggle(contact)}>
            <Button type="link" size="small" danger={contact.active} style={{ paddingInline: 4 }}>
              {contact.active ? t('contacts.deactivate') : t('contacts.activate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <>
      {editable && (
        <div className="panel-toolbar no-print">
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('contacts.add')}</Button>
        </div>
      )}
      <Table<ContactView> rowKey="id" size="small" bordered className="dense-table" loading={contacts.loading} columns={columns}
        dataSource={contacts.data ?? []} pagination={false} data-testid="contacts-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contacts.empty')} /> }} />
      <ContactFormModal open={editing !== null} unitId={unitId} contact={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); void contacts.reload(); onChanged?.(); }} />
    </>
  );
}
