import { Button, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { AuditEntityType, RecentChange } from '../api/types.ts';
import { formatDateTime } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { useLoader } from '../shell/use-loader.ts';

const pageSize = 20;

/** The newest changes across all records, newest first; "open" shows one record's full history. */
export function RecentChanges({ entityTypes, onOpen }: { entityTypes: AuditEntityType[]; onOpen: (type: AuditEntityType, id: string) => void }) {
  const { t, i18n } = useTranslation();
  const [entityType, setEntityType] = useState<AuditEntityType | undefined>();
  const [page, setPage] = useState(1);
  const loaded = useLoader(() => api.audit.recent({ entityType, limit: pageSize, offset: (page - 1) * pageSize }), [entityType, page]);
  // Other modules audit records of their own; unknown types and actions show their code.
  const actionLabel = (action: string) => (i18n.exists(`audit.actions.${action}`) ? t(`audit.actions.${action}`) : action);
  const typeLabel = (type: string) => (i18n.exists(`audit.entities.${type}`) ? t(`audit.entities.${type}`) : type);
  const canOpen = (type: string): type is AuditEntityType => (entityTypes as string[]).includes(type);

  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={loaded.reload} />;
  const columns: TableColumnsType<RecentChange> = [
    { title: '#', dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', width: 190, render: (at: string) => formatDateTime(at) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 120 },
    { title: t('audit.action'), dataIndex: 'action', width: 140, render: (a: string) => <Tag>{actionLabel(a)}</Tag> },
    { title: t('audit.record'), key: 'record', render: (_, r) => <span>{typeLabel(r.entityType)} <span className="mono">{r.entityId.slice(0, 8)}</span></span> },
    { title: '', key: 'open', width: 80, render: (_, r) => {
      const type = r.entityType;
      return canOpen(type) ? <Button type="link" size="small" onClick={() => onOpen(type, r.entityId)}>{t('audit.open')}</Button> : null;
    } },
  ];
  return (
    <>
      <Select allowClear value={entityType} placeholder={t('audit.allTypes')} style={{ width: 160, marginBottom: 12 }} aria-label={t('audit.entityType')}
        onChange={(value?: AuditEntityType) => { setEntityType(value); setPage(1); }}
        options={entityTypes.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))} />
      <Table<RecentChange> rowKey="seq" size="small" columns={columns} dataSource={loaded.data?.items ?? []} loading={loaded.loading} data-testid="audit-recent"
        pagination={{ current: page, pageSize, total: loaded.data?.total ?? 0, showSizeChanger: false, onChange: setPage }} />
    </>
  );
}
