import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Skeleton, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../api/api-error.ts';
import { api } from '../api/client.ts';
import { EntityHistory } from '../audit/entity-history.tsx';
import { may } from '../auth/permissions.ts';
import { useUser } from '../auth/session-context.tsx';
import { formatDateTime } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { ContactsPanel } from './contacts-panel.tsx';
import { UnitActivationButton } from './unit-activation.tsx';
import { UnitFormDrawer } from './unit-form-drawer.tsx';
import { UnitKindTag } from './unit-kind.tsx';
import { ActiveBadge } from './unit-status.tsx';

export function UnitDetailPage() {
  const { unitId = '' } = useParams();
  const user = useUser();
  const { t } = useTranslation();
  const unit = useLoader(() => api.units.get(unitId), [unitId]);
  const categories = useLoader(() => api.categories.list(), []);
  const [editing, setEditing] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const back = may.listAllUnits(user)
    ? <Link to="/units"><Button icon={<ArrowLeftOutlined />}>{t('units.backToList')}</Button></Link>
    : <Link to="/"><Button icon={<ArrowLeftOutlined />}>{t('errors.backHome')}</Button></Link>;

  if (unit.error) {
    const hidden = isApiError(unit.error) && (unit.error.status === 404 || unit.error.status === 403);
    return (
      <div className="page">
        <LoadFailed error={unit.error} title={hidden ? t('units.notFound') : undefined} onRetry={hidden ? undefined : () => void unit.reload()} />
        <div style={{ textAlign: 'center' }}>{back}</div>
      </div>
    );
  }
  if (!unit.data) return <div className="page"><Skeleton active /></div>;

  const u = unit.data;
  const canManage = may.manageUnits(user);
  const reloadAll = () => { void unit.reload(); setHistoryKey((k) => k + 1); };

  return (
    <div className="page">
      <PageHeader
        title={<Space>{u.name}<UnitKindTag kind={u.kind} /></Space>}
        subtitle={`${t('units.code')} ${u.code}`}
        extra={(
          <Space className="no-print">
            {may.listAllUnits(user) && back}
            {canManage && <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
            {canManage && <UnitActivationButton unit={u} size="middle" onDone={reloadAll} onReload={reloadAll} />}
          </Space>
        )}
      />
      <Card size="small" title={t('units.basics')} className="section-card">
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} data-testid="unit-basics"
          items={[
            { key: 'code', label: t('units.code'), children: u.code },
            { key: 'name', label: t('units.name'), children: u.name },
            { key: 'short', label: t('units.shortName'), children: u.shortName || '—' },
            { key: 'kind', label: t('units.kind'), children: t(`kinds.${u.kind}`) },
            { key: 'category', label: t('units.category'), children: u.categoryName ?? t('units.noCategory') },
            { key: 'district', label: t('units.district'), children: u.districtName ?? u.districtCode },
            { key: 'division', label: t('units.division'), children: u.divisionName ?? '—' },
            { key: 'pinyin', label: t('units.pinyin'), children: <span className="mono">{u.pinyinInitials}</span> },
            { key: 'status', label: t('common.status'), children: <ActiveBadge active={u.active} /> },
            { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(u.updatedAt) },
            { key: 'created', label: t('common.createdAt'), children: formatDateTime(u.createdAt) },
            { key: 'version', label: t('common.version'), children: u.version },
          ]} />
      </Card>
      <Card size="small" className="section-card">
        <Tabs
          items={[
            { key: 'contacts', label: t('units.contacts'), children: <ContactsPanel unitId={u.id} editable={may.manageContacts(user, u.id)} /> },
            { key: 'history', label: t('units.history'), children: <EntityHistory type="unit" id={u.id} reloadKey={`${historyKey}:${u.version}`} /> },
          ]}
        />
      </Card>
      <UnitFormDrawer open={editing} unit={u} categories={categories.data ?? []} onClose={() => setEditing(false)}
        onReload={reloadAll}
        onSaved={() => { setEditing(false); reloadAll(); }} />
    </div>
  );
}
