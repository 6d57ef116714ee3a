import { Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { AuditEntityType, HistoryEntry } from '../api/types.ts';
import { formatDateTime } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { fieldChanges, type FieldChange } from './field-changes.ts';
import { CategoryName, DivisionName, UnitName } from './value-names.tsx';

/** Shows one stored value readably: a category id as its name, true as 启用, and so on. */
export type ValueDescriber = (field: string, value: unknown) => ReactNode;

export function useDefaultDescriber(extra?: ValueDescriber): ValueDescriber {
  const { t, i18n } = useTranslation();
  return (field, value) => {
    const described = extra?.(field, value);
    if (described !== undefined) return described;
    if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
    if (field === 'active') return value ? t('common.active') : t('common.inactive');
    if ((field === 'districtCode' || field === 'divisionCode') && typeof value === 'string') return <DivisionName code={value} />;
    if (field === 'categoryId' && typeof value === 'string') return <CategoryName id={value} />;
    if (field === 'unitId' && typeof value === 'string') return <UnitName id={value} />;
    if (field === 'kind' && typeof value === 'string' && i18n.exists(`kinds.${value}`)) return t(`kinds.${value}`);
    if (field === 'role' && typeof value === 'string' && i18n.exists(`roles.${value}`)) return t(`roles.${value}`);
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
}

function ChangeList({ changes, describe, created }: { changes: FieldChange[]; describe: ValueDescriber; created: boolean }) {
  const { t, i18n } = useTranslation();
  if (!changes.length) return <Typography.Text type="secondary">{t('audit.noFieldChange')}</Typography.Text>;
  const label = (field: string) => (i18n.exists(`audit.fields.${field}`) ? t(`audit.fields.${field}`) : field);
  return (
    <ul className="change-list">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="change-field">{label(c.field)}</span>
          {created ? null : <><span className="change-before">{describe(c.field, c.before)}</span><span className="change-arrow">→</span></>}
          <span className="change-after">{describe(c.field, c.after)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Who changed what and when, newest first, with a before → after list of the changed fields. */
export function EntityHistory({ type, id, describe, reloadKey }: { type: AuditEntityType; id: string; describe?: ValueDescriber; reloadKey?: unknown }) {
  const { t, i18n } = useTranslation();
  const history = useLoader(() => api.audit.history(type, id), [type, id, reloadKey]);
  const describeValue = useDefaultDescriber(describe);
  if (history.error) return <LoadFailed error={history.error} onRetry={() => void history.reload()} />;

  const actionLabel = (action: string) => (i18n.exists(`audit.actions.${action}`) ? t(`audit.actions.${action}`) : action);
  const columns: TableColumnsType<HistoryEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at, true) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 110 },
    { title: t('audit.action'), dataIndex: 'action', width: 120, render: (a: string) => <Tag>{actionLabel(a)}</Tag> },
    {
      title: t('audit.changes'), key: 'changes',
      render: (_, entry) => <ChangeList changes={fieldChanges(entry.before, entry.after)} describe={describeValue} created={entry.before === null} />,
    },
  ];
  return (
    <Table<HistoryEntry>
      rowKey="seq" size="small" bordered className="dense-table" loading={history.loading} columns={columns}
      dataSource={history.data ?? []} pagination={false} data-testid="entity-history"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.historyEmpty')} /> }}
    />
  );
}
