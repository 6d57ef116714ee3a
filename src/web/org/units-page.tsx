import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { unitKinds } from '../../core/org/unit.ts';
import { api } from '../api/client.ts';
import type { UnitKind, UnitView } from '../api/types.ts';
import { may } from '../auth/permissions.ts';
import { useUser } from '../auth/session-context.tsx';
import { formatNumber } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { UnitActivationButton } from './unit-activation.tsx';
import { UnitFormDrawer } from './unit-form-drawer.tsx';
import { UnitKindTag, useUnitKindOptions } from './unit-kind.tsx';
import { ActiveBadge } from './unit-status.tsx';

const pageSize = 20;
type ActiveFilter = 'true' | 'false' | 'all';

/** 单位管理: filters and the search live in the address, so a filtered list can be shared. */
export function UnitsPage() {
  const user = useUser();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<UnitView | 'new' | null>(null);

  const q = params.get('q') ?? '';
  const kindParam = params.get('kind');
  const kind = kindParam && (unitKinds as readonly string[]).includes(kindParam) ? (kindParam as UnitKind) : undefined;
  const categoryId = params.get('category') ?? undefined;
  const activeParam = params.get('active');
  const active: ActiveFilter = activeParam === 'false' || activeParam === 'all' ? activeParam : 'true';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);

  const units = useLoader(
    () => api.units.list({ q: q || undefined, kind, categoryId, active, limit: pageSize, offset: (page - 1) * pageSize }),
    [q, kind, categoryId, active, page],
  );
  const categories = useLoader(() => api.categories.list(), []);
  const kindOptions = useUnitKindOptions();
  const canManage = may.manageUnits(user);

  if (!may.listAllUnits(user)) return <Navigate to={`/units/${user.unitId ?? ''}`} replace />;

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<UnitView> = [
    { title: t('units.code'), dataIndex: 'code', width: 100 },
    {
      title: t('units.name'), dataIndex: 'name',
      render: (_, unit) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/units/${unit.id}`}>{unit.name}</Link>
          {unit.shortName && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{unit.shortName}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('units.kind'), dataIndex: 'kind', width: 170, render: (k: UnitKind) => <UnitKindTag kind={k} /> },
    { title: t('units.category'), dataIndex: 'categoryName', width: 110, render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('units.noCategory')}</Typography.Text> },
    { title: t('units.division'), dataIndex: 'divisionName', width: 130, render: (name: string | null) => name ?? <Typography.Text type="secondary">—</Typography.Text> },
    { title: t('units.pinyin'), dataIndex: 'pinyinInitials', width: 130, ellipsis: true, render: (p: string) => <span className="mono">{p}</span> },
    { title: t('common.status'), dataIndex: 'active', width: 90, render: (a: boolean) => <ActiveBadge active={a} /> },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 140, className: 'no-print',
      render: (_, unit) => (
        <Space size={0}>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setEditing(unit)}>{t('common.edit')}</Button>
          <UnitActivationButton unit={unit} onDone={() => void units.reload()} onReload={() => void units.reload()} />
        </Space>
      ),
    });
  }

  return (
    <div className="page">
      <PageHeader
        title={t('units.title')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('units.create')}</Button>}
      />
      <Card size="small" className="filter-card no-print">
        <Space wrap size={[12, 8]}>
          <Input.Search
            key={q}
            defaultValue={q}
            allowClear
            placeholder={t('units.searchPlaceholder')}
            onSearch={(value) => setFilter('q', value.trim() || undefined)}
            style={{ width: 380 }}
            aria-label={t('common.search')}
            data-testid="unit-search"
          />
          <Select allowClear placeholder={t('units.kind')} value={kind} onChange={(v?: string) => setFilter('kind', v)} options={kindOptions}
            style={{ width: 150 }} aria-label={t('units.kind')} />
          <Select allowClear placeholder={t('units.category')} value={categoryId} onChange={(v?: string) => setFilter('category', v)}
            options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))} style={{ width: 140 }} aria-label={t('units.category')} />
          <Select value={active} onChange={(v: ActiveFilter) => setFilter('active', v === 'true' ? undefined : v)} style={{ width: 110 }}
            aria-label={t('units.activeFilter')}
            options={[{ value: 'true', label: t('units.onlyActive') }, { value: 'false', label: t('units.onlyInactive') }, { value: 'all', label: t('common.all') }]} />
          <Button icon={<ReloadOutlined />} onClick={() => void units.reload()}>{t('common.refresh')}</Button>
        </Space>
      </Card>
      {units.error ? <LoadFailed error={units.error} onRetry={() => void units.reload()} /> : (
        <Table<UnitView>
          rowKey="id"
          size="small"
          bordered
          className="dense-table"
          loading={units.loading}
          columns={columns}
          dataSource={units.data?.items ?? []}
          data-testid="units-table"
          pagination={{
            current: page, pageSize, total: units.data?.total ?? 0, showSizeChanger: false,
            showTotal: (total) => t('common.total', { n: formatNumber(total) }),
            onChange: (p) => setFilter('page', p === 1 ? undefined : String(p)),
          }}
        />
      )}
      <UnitFormDrawer
        open={editing !== null}
        unit={editing === 'new' || editing === null ? undefined : editing}
        categories={categories.data ?? []}
        onClose={() => setEditing(null)}
        onReload={() => void units.reload()}
        onSaved={() => { setEditing(null); void units.reload(); }}
      />
    </div>
  );
}
